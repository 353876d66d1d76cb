"""Preview: build the site, serve only the output folder with live reload, and rebuild on every change.

livereload supplies the server: its WebSocket endpoint, its client script, and
the output transform that adds that script to HTML responses on their way out,
so the files in the output folder never contain it. The preview adds a static
handler that cannot leave the output folder and shows the last build error in
the browser, and a watch loop that updates once per burst of saves, on a worker
thread so the server keeps answering, then tells every open tab to reload.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import logging
import os
import signal
import stat
import sys
import threading
import time
import traceback
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from tornado import web

from generator.config import BuildOptions, load_config
from generator.errors import DigestError
from generator.interface import REFERENCE, InterfaceText, load_interface_text

# How often the inputs are scanned. A burst of saves is over once a scan finds
# nothing new; that scan comes sooner, so a save shows in the browser about one
# scan, one short settling pause and one (incremental) build later.
POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.1

# Files editors write beside the one being saved; they never change the site.
EDITOR_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp")
EDITOR_PREFIXES = (".#",)

FileState = tuple[int, int, int]


@dataclass(frozen=True)
class ServeOptions:
    """`digest serve`'s options: how to build, which seeds to re-ingest, and where to listen."""

    build: BuildOptions = BuildOptions(search=False)
    seeds: Path = Path("seeds")
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False


# ------------------------------------------------------------------ watching

@dataclass(frozen=True)
class Inputs:
    """What the preview watches: a changed seed is re-ingested; any other change rebuilds the site."""

    seeds: Path
    sources: tuple[Path, ...]

    @classmethod
    def from_options(cls, options: ServeOptions) -> "Inputs":
        """content/, templates/, static/, the config and the vocabulary as rebuild sources; seeds/ apart."""
        build = options.build
        return cls(options.seeds, (build.content, build.templates, build.static, build.config, build.vocabulary))

    def paths(self) -> tuple[Path, ...]:
        """Every watched file and folder."""
        return (self.seeds, *self.sources)

    def is_seed(self, path: str) -> bool:
        """Whether a changed file is a seed text."""
        return Path(path).is_relative_to(self.seeds)


def snapshot(paths: Iterable[Path]) -> dict[str, FileState]:
    """Modification time, size and inode of every file under the given files and folders."""
    found: dict[str, FileState] = {}
    for root in paths:
        if root.is_dir():
            # os.walk skips folders that vanish mid-walk instead of raising, as a save may do.
            files = (os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names)
        else:
            files = iter((str(root),))
        for path in files:
            name = os.path.basename(path)
            if name.endswith(EDITOR_SUFFIXES) or name.startswith(EDITOR_PREFIXES):
                continue
            try:
                info = os.stat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                found[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return found


def changed_files(before: Mapping[str, FileState], after: Mapping[str, FileState]) -> set[str]:
    """Files added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def describe_changes(paths: Iterable[str]) -> str:
    """One line naming what changed, for the terminal."""
    names = sorted(paths)
    more = f" and {len(names) - 1} more" if len(names) > 1 else ""
    return f"Changed: {names[0]}{more}."


# ------------------------------------------------------------------ updating

@dataclass(frozen=True)
class Step:
    """The result of one ingest or build: lines for the terminal, and its problem report ('' when fine)."""

    output: tuple[str, ...]
    problems: str = ""


def run_ingest(options: ServeOptions) -> Step:
    """Re-ingest the seeds as `digest ingest` does, so hand-edited content files stay as they are."""
    from generator.gazetteer import load_gazetteer
    from generator.ingest import describe, ingest_seeds
    from generator.vocabulary import load_vocabulary

    try:
        report = ingest_seeds(options.seeds, options.build.content, load_vocabulary(options.build.vocabulary),
                              load_gazetteer())
    except DigestError as error:
        return Step((), error.report())
    return Step(tuple(describe(o) for o in report.outcomes if not o.is_problem),
                "\n".join(describe(o) for o in report.outcomes if o.is_problem))


def run_build(options: ServeOptions) -> Step:
    """Build the site as `digest build` does; settings are read again, since they may be what changed."""
    from generator.build import build_project
    from generator.review import count_line

    started = time.perf_counter()
    try:
        result = build_project(options.build)
    except DigestError as error:
        return Step((), error.report())
    return Step((f"{result.summary()} [{time.perf_counter() - started:.2f} s]", count_line(result.to_review)))


def guarded(step: Callable[[ServeOptions], Step], options: ServeOptions) -> Step:
    """Run a step; a crash becomes a report on the error page instead of stopping the preview."""
    try:
        return step(options)
    except Exception:
        return Step((), "The preview hit an unexpected error (a fault in digest, not in your files):\n"
                        + traceback.format_exc().rstrip())


class Preview:
    """The running preview: the problems on show in the browser, and the updates that change them."""

    def __init__(self, options: ServeOptions, inputs: Inputs):
        self.options = options
        self.inputs = inputs
        self.problems: dict[str, str] = {}  # by step, "ingest" then "build"; empty while all is well

    def interface_text(self) -> InterfaceText:
        """The interface text of the site's language, for the error page; English while the settings or
        the language file are themselves what is wrong."""
        try:
            return load_interface_text(load_config(self.options.build.config).language)
        except DigestError:
            return load_interface_text(REFERENCE)

    def report(self) -> str:
        """Every current problem report, for the error page ('' when the site is fine)."""
        return "\n\n".join(self.problems[name] for name in ("ingest", "build") if name in self.problems)

    async def update(self, ingest: bool, build: bool) -> None:
        """Ingest and/or build on a worker thread, report the outcome, and reload every open tab."""
        loop = asyncio.get_running_loop()
        steps = {}
        if ingest:
            steps["ingest"] = await loop.run_in_executor(None, guarded, run_ingest, self.options)
        if build:
            steps["build"] = await loop.run_in_executor(None, guarded, run_build, self.options)
        shown = self.report()
        for name, step in steps.items():
            for line in step.output:
                say(line)
            if step.problems:
                say(step.problems, error=True)
                self.problems[name] = step.problems
            else:
                self.problems.pop(name, None)
        # An ingest alone changes content/, which the next scan turns into a build and a reload.
        if build or self.report() != shown:
            LiveReloadHandler.reload_waiters("*")

    async def watch(self, seen: Mapping[str, FileState]) -> None:
        """Scan the inputs for ever from a first snapshot; once a burst of saves is over, update once for it."""
        loop = asyncio.get_running_loop()
        pending: set[str] = set()
        while True:
            await asyncio.sleep(SETTLE_SECONDS if pending else POLL_SECONDS)
            current = await loop.run_in_executor(None, snapshot, self.inputs.paths())
            changes = changed_files(seen, current)
            seen = current
            if changes:
                pending |= changes
                continue
            if pending:
                say(describe_changes(pending))
                seeds = [p for p in pending if self.inputs.is_seed(p)]
                rebuild = len(seeds) < len(pending)
                pending = set()
                await self.update(ingest=bool(seeds), build=rebuild)


def say(text: str, error: bool = False) -> None:
    """Print at once: the terminal, or a test reading the pipe, should see each line as it happens."""
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


# ------------------------------------------------------------------ serving

def is_inside(root: Path, path: Path) -> bool:
    """Whether path, with every '..' and symbolic link resolved, lies within root."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        return False


def is_page(absolute_path: str) -> bool:
    """Whether a request is for a page (a folder, an .html file, or a missing path without a suffix)."""
    return os.path.isdir(absolute_path) or absolute_path.endswith(".html") \
        or not os.path.splitext(absolute_path)[1]


def error_page(report: str, text: InterfaceText) -> str:
    """A self-contained page showing a failed update's report; escaped, since it quotes people's files."""
    words = {key: html.escape(value) for key, value in text.group("preview").items()}
    return f"""<!DOCTYPE html>
<html lang="{html.escape(text.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{words["title"]}</title>
<style>
:root {{ color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }}
body {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ color: #b3261e; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; padding: 1rem; border-left: 4px solid #b3261e;
      background: color-mix(in srgb, currentColor 6%, transparent); }}
</style>
</head>
<body>
<main>
<h1>{words["heading"]}</h1>
<p>{words["explanation"]}</p>
<pre>{html.escape(report)}</pre>
</main>
</body>
</html>
"""


class PreviewHandler(StaticFileHandler):
    """livereload's static handler, kept inside the output folder, showing the last error instead of pages."""

    def initialize(self, path: str, default_filename: str | None = None,  # type: ignore[override]
                   *, preview: Preview) -> None:
        super().initialize(path, default_filename)
        self.preview = preview

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        # Tornado calls this with the exact path it is about to open, after URL decoding,
        # so '../', '%2e%2e', absolute paths and links out of the folder all end here.
        if not is_inside(Path(root), Path(absolute_path)):
            raise web.HTTPError(404)
        report = self.preview.report()
        if report and is_page(absolute_path):
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(error_page(report, self.preview.interface_text()))
            return None  # tells Tornado the response is already complete
        path = super().validate_absolute_path(root, absolute_path)
        if path is not None:
            # Read once: a rebuild may replace the file at any moment, and Tornado would otherwise
            # take its length from one file and send the bytes of the next.
            try:
                self.content = Path(path).read_bytes()
            except OSError:
                raise web.HTTPError(404)
        return path

    def compute_etag(self) -> str | None:
        # Pages are never cached (see set_extra_headers): no tag, and no second read of the file to make one.
        return None

    def get_content_size(self) -> int:
        return len(self.content)

    def get_content(self, abspath: str, start: int | None = None,  # type: ignore[override]
                    end: int | None = None) -> bytes:
        return self.content[start:end]

    def set_extra_headers(self, path: str) -> None:
        # After a rebuild the browser must fetch the new files, never its cached copies.
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs) -> None:
        """A missing page gets the site's own 404.html, as static hosts serve it."""
        not_found = Path(self.root, "404.html")
        if status_code == 404 and not_found.is_file():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(not_found.read_bytes())
            return
        super().write_error(status_code, **kwargs)


class PreviewServer(Server):
    """livereload's server with the output folder served by PreviewHandler."""

    def __init__(self, out_dir: Path, preview: Preview):
        super().__init__()
        self.out_dir = out_dir
        self.preview = preview

    def get_web_handlers(self, script: bytes) -> list:
        # livereload's own routes (/livereload, /livereload.js) come first; every other path is the site.
        options = {"path": str(self.out_dir), "default_filename": "index.html", "preview": self.preview}
        return [(r"/(.*)", PreviewHandler, options)]


def site_url(host: str, port: int) -> str:
    """The address a browser opens, with an IPv6 host in brackets."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def listen_problem(error: OSError, host: str, port: int) -> str:
    """One line saying why the server could not listen, with what to do about it."""
    if error.errno == errno.EADDRINUSE:
        other = port + 1 if port < 65535 else 8000
        return (f"Port {port} on {host} is already in use. "
                f"Hint: stop the other server, or pick another port, e.g. --port {other}.")
    reason = error.strerror or str(error)
    return f"Cannot listen on {host}:{port} ({reason}). Hint: check --host, or choose a port above 1023 with --port."


async def run(options: ServeOptions) -> int:
    """Listen, build once, then serve and rebuild until Ctrl-C or SIGTERM."""
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    # Handled here rather than as KeyboardInterrupt, so Ctrl-C works even where a parent
    # shell started the preview with SIGINT ignored, and SIGTERM stops it just as cleanly.
    with contextlib.suppress(NotImplementedError):  # no loop signal handlers on Windows
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stopped.set)
    preview = Preview(options, Inputs.from_options(options))
    out = options.build.out
    server = PreviewServer(out, preview)
    # One line per request drowns the build reports; refused paths are still logged by tornado.general.
    logging.getLogger("tornado.access").disabled = True
    try:
        server.application(options.port, options.host)  # binds at once, so a busy port fails before any build
    except OSError as error:
        say(listen_problem(error, options.host, options.port), error=True)
        return 1
    seen = await loop.run_in_executor(None, snapshot, preview.inputs.paths())
    await preview.update(ingest=False, build=True)
    if stopped.is_set():
        return 0
    url = site_url(options.host, options.port)
    say(f"Serving {out}/ at {url} with live reload. Press Ctrl-C to stop.")
    if options.host not in ("127.0.0.1", "localhost", "::1"):
        say(f"Listening on {options.host}: other machines on the network can see the preview.")
    say("Watching " + ", ".join(f"{p}/" if p.is_dir() else str(p) for p in preview.inputs.paths()
                                if p.exists()) + ".")
    if options.open_browser:
        # A console browser may block until it exits, so it gets its own thread.
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    watcher = asyncio.create_task(preview.watch(seen))
    await stopped.wait()
    watcher.cancel()
    return 0


def serve(options: ServeOptions) -> int:
    """`digest serve`: preview the site at http://127.0.0.1:8000/ until Ctrl-C."""
    try:
        status = asyncio.run(run(options))
    except KeyboardInterrupt:
        status = 0
    if status == 0:
        say("Stopped.")
    return status
