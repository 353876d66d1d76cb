"""The preview server: `digest serve` run in a small project, fetched over HTTP on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.interface import load_interface_text
from generator.serve import changed_files, error_page, is_inside, snapshot
from tests.project import digest, environment, free_port, make_project

STARTUP_SECONDS = 30  # imports and the first build on a slow, busy machine
CHANGE_SECONDS = 15   # a save shows within about a second; this only bounds a failure
SEED = "000_993e56d9f2dd38ec.txt"
NANJING = "content/2022-nanjing-talent.md"
NANJING_PAGE = "/briefings/2022-nanjing-talent/"


def wait_for(condition, what: str, timeout: float = CHANGE_SECONDS):
    """Poll condition() until it returns something true; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class PreviewProcess:
    """A `digest serve` subprocess, with every line it printed collected as it comes."""

    def __init__(self, cwd: Path, port: int, *args: str):
        self.cwd = cwd
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(port), *args],
            cwd=cwd, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        for stream, lines in ((self.process.stdout, self.stdout), (self.process.stderr, self.stderr)):
            threading.Thread(target=lambda s=stream, l=lines: l.extend(s), daemon=True).start()

    def wait_until_serving(self) -> None:
        wait_for(lambda: any(line.startswith("Serving") for line in self.stdout) or self.process.poll() is not None,
                 "the preview to start", STARTUP_SECONDS)
        assert self.process.poll() is None, "".join(self.stdout + self.stderr)

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of a GET through urllib."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def raw_get(self, path: str) -> tuple[int, str]:
        """Status and body of a GET for a path sent exactly as written, with no client-side cleaning."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Signal the server and wait (bounded) for it to exit."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            raise AssertionError("the preview did not stop within 15 s")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("preview"), seed_names=(SEED,))
    ingested = digest(root, "ingest")  # as `make serve` does before serving
    assert ingested.returncode == 0, ingested.stderr
    server = PreviewProcess(root, free_port())
    try:
        server.wait_until_serving()
        yield server
    finally:
        server.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_shows(server: PreviewProcess, path: str, text: str):
    status, body = server.get(path)
    return status == 200 and text in body


async def reload_after(port: int, change) -> tuple[dict, float]:
    """Connect as the live-reload client does, make a change, and return the reload message and its delay."""
    from tornado.websocket import websocket_connect

    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    try:
        await socket_.write_message(json.dumps({"command": "hello",
                                                "protocols": ["http://livereload.com/protocols/official-7"]}))
        assert json.loads(await asyncio.wait_for(socket_.read_message(), 5))["command"] == "hello"
        await socket_.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
        await asyncio.sleep(0.2)  # let the server register this tab before the change
        started = time.monotonic()
        change()
        message = await asyncio.wait_for(socket_.read_message(), CHANGE_SECONDS)
        return json.loads(message), time.monotonic() - started
    finally:
        socket_.close()


# ---------------------------------------------------------------- serving


def test_serves_the_output_folder_on_loopback_and_prints_the_url(preview):
    assert f"at http://127.0.0.1:{preview.port}/ with live reload" in "".join(preview.stdout)
    status, body = preview.get("/")
    assert status == 200 and "Chengdu opens an industrial design week" in body
    status, body = preview.get(NANJING_PAGE)
    assert status == 200 and "Nanjing courts young engineers" in body
    assert preview.get("/assets/style.css")[0] == 200


def test_reload_script_is_only_in_served_html_never_in_the_site_folder(preview):
    for path in ("/", NANJING_PAGE, "/themes/", "/no/such/page/"):
        assert "/livereload.js?port=" in preview.get(path)[1], path
    assert "livereload" not in preview.get("/assets/style.css")[1]
    assert preview.get("/livereload.js")[0] == 200
    site = preview.cwd / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) > 20
    assert not [p for p in files if b"livereload" in p.read_bytes()]


def test_a_missing_page_gets_the_sites_own_404_page(preview):
    status, body = preview.get("/no/such/page/")
    assert status == 404
    assert "There is no page at this address" in body


# ---------------------------------------------------------------- rebuilding


def test_a_content_change_reloads_open_tabs_and_shows_on_the_page(preview):
    path = preview.cwd / NANJING
    original = path.read_text(encoding="utf-8")
    try:
        message, delay = asyncio.run(reload_after(
            preview.port, lambda: edit(path, "Nanjing courts young engineers", "Nanjing courts young chip designers")))
        assert message["command"] == "reload"
        assert delay < 5, f"the reload came {delay:.2f} s after the save"
        assert page_shows(preview, NANJING_PAGE, "Nanjing courts young chip designers")
    finally:
        path.write_text(original, encoding="utf-8")
        wait_for(lambda: page_shows(preview, NANJING_PAGE, "Nanjing courts young engineers"), "the page restored")


def test_a_template_change_shows_on_every_page(preview):
    base = preview.cwd / "templates" / "base.html"
    original = base.read_text(encoding="utf-8")
    try:
        edit(base, "<footer", '<p class="preview-marker">Template edited</p>\n<footer')
        wait_for(lambda: page_shows(preview, "/", "Template edited"), "the home page to show the template change")
        assert page_shows(preview, NANJING_PAGE, "Template edited")
    finally:
        base.write_text(original, encoding="utf-8")
        wait_for(lambda: not page_shows(preview, "/", "Template edited"), "the template change to be undone")


def test_a_burst_of_saves_rebuilds_once(preview):
    path = preview.cwd / NANJING
    original = path.read_text(encoding="utf-8")
    updates = sum(line.startswith("Changed:") for line in preview.stdout)
    try:
        for n in range(5):
            edit(path, "Nanjing courts young engineers" if n == 0 else f"Nanjing courts {n - 1} engineers",
                 f"Nanjing courts {n} engineers")
            time.sleep(0.02)
        wait_for(lambda: page_shows(preview, NANJING_PAGE, "Nanjing courts 4 engineers"), "the last save to show")
        time.sleep(1)  # long enough for a second, unwanted rebuild to start
        assert sum(line.startswith("Changed:") for line in preview.stdout) == updates + 1, preview.stdout
    finally:
        path.write_text(original, encoding="utf-8")
        wait_for(lambda: page_shows(preview, NANJING_PAGE, "Nanjing courts young engineers"), "the page restored")


def test_a_build_error_shows_on_an_error_page_until_the_file_is_fixed(preview):
    path = preview.cwd / NANJING
    original = path.read_text(encoding="utf-8")
    try:
        edit(path, "date: '2022'", "date: '<b>2022-13</b>'")
        status, body = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(preview.get(NANJING_PAGE)),
                                "the error page")
        assert NANJING in body
        assert "&lt;b&gt;2022-13&lt;/b&gt;" in body and "<b>2022-13" not in body
        assert "/livereload.js?port=" in body  # so the page goes away by itself once fixed
        assert preview.get("/")[0] == 500
        assert preview.get("/assets/style.css")[0] == 200
        # The terminal shows what `digest build` would print; the last good site stays on disk.
        wait_for(lambda: any(NANJING in line and "'date'" in line for line in preview.stderr), "the report on stderr")
        assert "problem found" in "".join(preview.stderr)
        on_disk = (preview.cwd / "site" / "briefings" / "2022-nanjing-talent" / "index.html").read_text()
        assert "Nanjing courts young engineers" in on_disk
    finally:
        path.write_text(original, encoding="utf-8")
    wait_for(lambda: page_shows(preview, NANJING_PAGE, "Nanjing courts young engineers"), "the page back")
    assert preview.get("/")[0] == 200


def test_a_changed_seed_is_reingested_and_hand_edits_stay(preview):
    seed = preview.cwd / "seeds" / SEED
    content = next(p for p in (preview.cwd / "content").glob("*.md") if f"seeds/{SEED}" in p.read_text())
    page = f"/briefings/{content.stem}/"
    assert page_shows(preview, page, "Wang Hao")

    edit(seed, "Wang Hao", "Wang Hao Seedmark")
    wait_for(lambda: page_shows(preview, page, "Wang Hao Seedmark"), "the re-ingested seed on its page")

    edit(content, "Wang Hao Seedmark", "Wang Hao Handmark")
    wait_for(lambda: page_shows(preview, page, "Wang Hao Handmark"), "the hand edit on the page")

    edit(seed, "Wang Hao Seedmark", "Wang Hao Seedmark again")
    wait_for(lambda: any(content.name in line and "kept" in line for line in preview.stdout),
             "ingest to report the edited file as kept")
    assert "Wang Hao Handmark" in content.read_text(encoding="utf-8")
    assert page_shows(preview, page, "Wang Hao Handmark")


# ---------------------------------------------------------------- safety


REFUSED = ("/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2e%2e%2fsecret.txt",
           "/..%2fsecret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
           "/..\\secret.txt", "//etc/passwd", "/%2fetc%2fpasswd", "/../../../../../../etc/passwd",
           "/leak.txt", "/secret.txt%00.html")


def test_paths_outside_the_output_folder_are_refused(preview):
    (preview.cwd / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    leak = preview.cwd / "site" / "leak.txt"
    leak.symlink_to(preview.cwd / "secret.txt")
    try:
        for path in (*REFUSED, "/" + str(preview.cwd / "secret.txt")):
            status, body = preview.raw_get(path)
            assert status in (403, 404), (path, status)
            assert "TOP SECRET" not in body and "root:" not in body, path
    finally:
        leak.unlink()


def test_a_port_in_use_gives_one_clear_line_and_fails(preview):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = digest(preview.cwd, "serve", "--port", str(port), "--out", "site-other")
    assert result.returncode != 0
    message = result.stderr.strip()
    assert "\n" not in message
    assert f"Port {port} on 127.0.0.1 is already in use" in message and "--port" in message
    assert not (preview.cwd / "site-other").exists()  # it gave up before building


def test_ctrl_c_stops_the_server_cleanly(tmp_path):
    root = make_project(tmp_path)
    server = PreviewProcess(root, free_port())
    try:
        server.wait_until_serving()
    finally:
        status = server.stop(signal.SIGINT)
    assert status == 0, "".join(server.stderr)
    wait_for(lambda: "Stopped." in "".join(server.stdout), "the goodbye line", 5)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", server.port))  # the port is free again


# ---------------------------------------------------------------- the parts


def test_snapshots_see_added_changed_and_removed_files_but_not_editor_litter(tmp_path):
    (tmp_path / "a.md").write_text("one")
    (tmp_path / "b.md").write_text("two")
    before = snapshot([tmp_path, tmp_path / "missing.toml"])
    (tmp_path / "a.md").write_text("one, longer")
    (tmp_path / "b.md").unlink()
    (tmp_path / "c.md").write_text("three")
    (tmp_path / ".c.md.swp").write_text("vim")
    (tmp_path / "c.md~").write_text("backup")
    after = snapshot([tmp_path, tmp_path / "missing.toml"])
    assert changed_files(before, after) == {str(tmp_path / n) for n in ("a.md", "b.md", "c.md")}
    assert changed_files(after, snapshot([tmp_path])) == set()


def test_is_inside_resolves_dot_dot_and_links(tmp_path):
    root = tmp_path / "site"
    (root / "a").mkdir(parents=True)
    (root / "out").symlink_to(tmp_path)
    assert is_inside(root, root / "a" / ".." / "index.html")
    assert not is_inside(root, root / ".." / "secret.txt")
    assert not is_inside(root, root / "out" / "secret.txt")
    assert not is_inside(root, Path("/etc/passwd"))
    assert not is_inside(root, root / "a\x00b")


def test_the_error_page_escapes_the_report():
    page = error_page("content/x.md:3: 'title' <script>alert(1)</script> & more", load_interface_text("en"))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "</head>" in page  # where livereload puts its script


def test_the_error_page_speaks_the_sites_language():
    page = error_page("content/x.md:3: 'date' could not be read.", load_interface_text("zh-CN"))
    assert '<html lang="zh-CN">' in page and "<h1>网站无法构建</h1>" in page


def test_a_file_replaced_while_it_is_served_arrives_whole(preview):
    # A rebuild replaces pages as the browser fetches them: each response is one version, whole.
    versions = [b"short version\n", b"a much longer version of the same file\n" * 50]
    target = preview.cwd / "site" / "replaced.txt"
    target.write_bytes(versions[0])
    stop = threading.Event()

    def replace_again_and_again():
        i = 0
        while not stop.is_set():
            i += 1
            fresh = target.with_name(f".replaced-{i}")
            fresh.write_bytes(versions[i % 2])
            os.replace(fresh, target)

    replacer = threading.Thread(target=replace_again_and_again, daemon=True)
    replacer.start()
    seen = set()
    try:
        for _ in range(300):
            connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=5)
            try:
                connection.request("GET", "/replaced.txt")
                response = connection.getresponse()
                assert response.status == 200
                body = response.read()
                assert body in versions
                seen.add(body)
            finally:
                connection.close()
    finally:
        stop.set()
        replacer.join(5)
        target.unlink(missing_ok=True)
    assert len(seen) == 2, "the file was not replaced while it was served"
