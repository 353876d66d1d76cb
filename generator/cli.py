"""The `digest` command line: parses arguments and dispatches to one module per verb."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import DigestError


def _add_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("digest.toml"),
                        help="site settings file (default: digest.toml)")
    parser.add_argument("--vocabulary", type=Path, default=Path("vocabulary.yaml"),
                        help="themes and tags file (default: vocabulary.yaml)")


def _add_build_options(parser: argparse.ArgumentParser, search: bool = True) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"),
                        help="folder of briefing Markdown files (default: content/)")
    parser.add_argument("--out", type=Path, default=Path("site"),
                        help="output folder, replaced as a whole on success (default: site/)")
    parser.add_argument("--templates", type=Path, default=Path("templates"),
                        help="Jinja2 templates folder (default: templates/)")
    parser.add_argument("--static", type=Path, default=Path("static"),
                        help="folder copied as-is into the site (default: static/)")
    parser.add_argument("--base-url", default=None,
                        help="absolute URL the site is published at; overrides digest.toml "
                             "and the DIGEST_BASE_URL environment variable")
    parser.add_argument("--cache", type=Path, default=Path(".digest-cache"),
                        help="build cache folder that makes rebuilds incremental (default: .digest-cache/)")
    parser.add_argument("--clean", action="store_true",
                        help="ignore the build cache and build everything afresh (the cache is rewritten)")
    if search:
        parser.add_argument("--no-search", dest="search", action="store_false",
                            help="skip building the search index (faster for local work)")
    else:
        parser.add_argument("--search", action="store_true",
                            help="also build the search index (slower rebuilds)")


def _port(text: str) -> int:
    port = int(text) if text.isdigit() else 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="digest", description="Build a policy briefing digest site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="turn raw seed texts into Markdown briefings",
                                 description="Read seeds/*.txt and write one content/<slug>.md per seed. "
                                             "Files a person edited since are kept unless --force is given.")
    ingest.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of seed texts (default: seeds/)")
    ingest.add_argument("--content", type=Path, default=Path("content"),
                        help="folder to write briefings into (default: content/)")
    ingest.add_argument("--force", action="store_true", help="regenerate files even where a person edited them")
    ingest.add_argument("--vocabulary", type=Path, default=Path("vocabulary.yaml"),
                        help="themes and tags file (default: vocabulary.yaml)")
    ingest.set_defaults(handler=_run_ingest)

    build = commands.add_parser("build", help="build the static site from content/",
                                description="Render every page into a fresh folder, then swap it in for --out.")
    _add_build_options(build)
    _add_project_options(build)
    build.set_defaults(handler=_run_build)

    serve = commands.add_parser("serve", help="preview the site with live reload",
                                description="Build, serve the output folder and rebuild on every change.")
    # The search index nearly doubles a rebuild of a large site, so the preview leaves it out unless asked.
    _add_build_options(serve, search=False)
    _add_project_options(serve)
    serve.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of seed texts (default: seeds/)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve.set_defaults(handler=_run_serve)

    review = commands.add_parser("review", help="list the briefings with fields to check",
                                 description="List every briefing whose `review:` list names fields that ingest "
                                             "derived or left out, grouped by what to check.")
    review.add_argument("--content", type=Path, default=Path("content"),
                        help="folder of briefing Markdown files (default: content/)")
    review.add_argument("--vocabulary", type=Path, default=Path("vocabulary.yaml"),
                        help="themes and tags file (default: vocabulary.yaml)")
    review.set_defaults(handler=_run_review)

    deploy = commands.add_parser("deploy", help="publish site/ to the gh-pages branch",
                                 description="Commit the built site to the gh-pages branch and push it.")
    deploy.add_argument("--out", type=Path, default=Path("site"), help="built site folder (default: site/)")
    deploy.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    deploy.add_argument("--branch", default="gh-pages", help="branch to publish to (default: gh-pages)")
    deploy.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    deploy.add_argument("--no-push", action="store_true", help="commit to the branch without pushing")
    deploy.set_defaults(handler=_run_deploy)
    return parser


def _run_ingest(args: argparse.Namespace) -> int:
    from generator.gazetteer import load_gazetteer
    from generator.ingest import describe, ingest_seeds
    from generator.vocabulary import load_vocabulary

    report = ingest_seeds(args.seeds, args.content, load_vocabulary(args.vocabulary), load_gazetteer(),
                          force=args.force)
    # What went well on stdout, every problem after it on stderr.
    for outcome in sorted(report.outcomes, key=lambda o: o.is_problem):
        print(describe(outcome), file=sys.stderr if outcome.is_problem else sys.stdout)
    return 1 if report.problems else 0


def _build_options(args: argparse.Namespace):
    from generator.config import BuildOptions

    return BuildOptions(content=args.content, out=args.out, templates=args.templates, static=args.static,
                        config=args.config, vocabulary=args.vocabulary, base_url=args.base_url,
                        search=args.search, cache=args.cache, clean=args.clean)


def _run_build(args: argparse.Namespace) -> int:
    from generator.cache import scan_inputs, unchanged_summary

    options = _build_options(args)
    # One look at every input's file status, before anything is read, serves the check and the build.
    scan = scan_inputs(options) if options.cache is not None and not options.clean else None
    # When nothing changed, this is the whole build: no templates, Markdown or YAML are loaded.
    report = unchanged_summary(options, scan)
    if report is None:
        from generator.build import build_project

        result = build_project(options, scan)
        for note in result.notes:
            print(note, file=sys.stderr)
        report = "\n".join(result.lines())
    print(report)
    return 0


def _run_review(args: argparse.Namespace) -> int:
    from generator.content import load_briefings
    from generator.gazetteer import load_gazetteer
    from generator.review import count_for_review, group_for_review, review_lines
    from generator.vocabulary import load_vocabulary

    briefings = load_briefings(args.content, load_vocabulary(args.vocabulary), load_gazetteer().canonical)
    for line in review_lines(group_for_review(briefings), count_for_review(briefings)):
        print(line)
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from generator.serve import ServeOptions, serve

    return serve(ServeOptions(build=_build_options(args), seeds=args.seeds, host=args.host, port=args.port,
                              open_browser=args.open))


def _run_deploy(args: argparse.Namespace) -> int:
    from generator.deploy import DeployOptions, deploy

    return deploy(DeployOptions(out=args.out, content=args.content, branch=args.branch, remote=args.remote,
                                push=not args.no_push))


def main(argv: list[str] | None = None) -> int:
    """Entry point of `digest` and `python -m generator`."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except DigestError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
