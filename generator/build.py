"""The build recipe: load, index, render, write. Nothing is written until every page rendered."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator import write
from generator.config import DEFAULT_CONFIG, DEFAULT_VOCABULARY, SiteConfig, load_settings
from generator.content import load_briefings
from generator.errors import DigestError, Problem
from generator.gazetteer import load_gazetteer
from generator.indexes import build_index
from generator.interface import load_interface_text
from generator.language import is_chinese
from generator.model import Briefing
from generator.pages import plan_site
from generator.review import count_for_review
from generator.templating import make_environment, render_page
from generator.vocabulary import Vocabulary


@dataclass(frozen=True)
class BuildOptions:
    """Where a build reads its inputs and writes the site: `digest build`'s options, or the preview's."""

    content: Path = Path("content")
    out: Path = Path("site")
    templates: Path = Path("templates")
    static: Path = Path("static")
    config: Path = DEFAULT_CONFIG
    vocabulary: Path = DEFAULT_VOCABULARY
    base_url: str | None = None
    """Overrides digest.toml's base_url (and $DIGEST_BASE_URL) when given."""
    search: bool = True


@dataclass(frozen=True)
class BuildResult:
    """What a build produced, for the command line and the preview server."""

    out_dir: Path
    briefings: int
    pages: int
    report: write.WriteReport
    to_review: int = 0
    """Briefings whose `review:` list names fields a person should check."""

    def summary(self) -> str:
        r = self.report
        return (f"Built {self.pages} files from {self.briefings} briefings into {self.out_dir}/ "
                f"({r.changed} new or changed, {r.unchanged} unchanged, {r.removed} removed).")


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause the cycle collector while many small, acyclic view objects are made.

    It would otherwise walk the growing heap again and again: a third of the
    planning time on 10,000 briefings. Reference counting still frees memory."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_static(static_dir: Path) -> dict[str, bytes]:
    """Every file under static/, by its path in the site."""
    if not static_dir.is_dir():
        return {}
    return {p.relative_to(static_dir).as_posix(): p.read_bytes()
            for p in sorted(static_dir.rglob("*")) if p.is_file()}


def render_site(config: SiteConfig, vocabulary: Vocabulary, content_dir: Path, templates_dir: Path,
                static_dir: Path) -> tuple[tuple[Briefing, ...], dict[str, bytes]]:
    """Every output file of the site in memory: (the briefings, {path: bytes})."""
    gazetteer = load_gazetteer()
    # A Chinese interface names cities in Chinese too.
    text = load_interface_text(config.language, city_names=gazetteer.chinese_names if is_chinese(config.language)
                               else None)
    briefings = load_briefings(content_dir, vocabulary, gazetteer.canonical)
    index = build_index(briefings, vocabulary)
    env = make_environment(templates_dir)
    files = read_static(static_dir)
    problems = []
    with _no_cyclic_gc():
        pages = plan_site(index, config, text)
    for page in pages:
        try:
            files[page.path] = render_page(env, page)
        except jinja2.TemplateNotFound as exc:
            problems.append(Problem(str(templates_dir / exc.name), "is missing.",
                                    hint="restore it from the project's templates/ folder."))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(exc.filename or str(templates_dir), f"has a template error: {exc.message}.",
                                    line=exc.lineno))
        except jinja2.UndefinedError as exc:
            problems.append(Problem(str(templates_dir / page.template), f"uses an unknown value: {exc.message}.",
                                    hint="check the spelling against the page data described in the README."))
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            # A filter or test applied to the wrong kind of value fails inside Jinja2 with a plain error.
            problems.append(Problem(str(templates_dir / page.template),
                                    f"could not be rendered for {page.path} ({type(exc).__name__}: {exc}).",
                                    hint="check the filters and values the template uses."))
    if problems:
        raise DigestError(sorted(set(problems), key=str))
    files[".nojekyll"] = b""
    return briefings, files


def build_site(config: SiteConfig, vocabulary: Vocabulary, content_dir: Path = Path("content"),
               out_dir: Path = Path("site"), templates_dir: Path = Path("templates"),
               static_dir: Path = Path("static"), search: bool = True) -> BuildResult:
    """Build the whole site aside and swap it in for `out_dir`; on any error the old site stays."""
    if not templates_dir.is_dir():
        raise DigestError([Problem(str(templates_dir), "is not a folder.",
                                   hint="run digest from the project folder, or pass --templates DIR.")])
    write.check_out_dir(out_dir, (content_dir, templates_dir, static_dir))
    briefings, files = render_site(config, vocabulary, content_dir, templates_dir, static_dir)
    staging, report = write.stage_site(files, out_dir)
    try:
        if search:
            from generator.search import index_site
            index_site(staging, config.language)
        report = dataclasses.replace(report, removed=write.count_removed(staging, out_dir))
        write.swap_in(staging, out_dir)
    except BaseException:
        write.discard(staging)
        raise
    return BuildResult(out_dir, len(briefings), len(files), report, count_for_review(briefings))


def build_project(options: BuildOptions) -> BuildResult:
    """Read the settings and vocabulary, then build the site as `options` say."""
    config, vocabulary = load_settings(options.config, options.vocabulary, options.base_url)
    return build_site(config, vocabulary, content_dir=options.content, out_dir=options.out,
                      templates_dir=options.templates, static_dir=options.static, search=options.search)
