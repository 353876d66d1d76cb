"""Publishing: the GitHub Pages workflow, and a site built for a sub-path that works under that sub-path."""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections import deque
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml
from lxml import etree, html

from tests.conftest import REPO
from tests.project import digest, make_project

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
BASE = "https://user.github.io/repo/"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# ---------------------------------------------------------------- the workflow


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def test_the_workflow_runs_on_every_push_to_main_with_pages_permissions(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]


def test_the_workflow_builds_with_make_build_under_the_pages_base_url(workflow):
    build = workflow["jobs"]["build"]
    assert steps_using(build, "actions/checkout")
    assert str(steps_using(build, "actions/setup-python")[0]["with"]["python-version"]) == "3.11"
    assert steps_using(build, "actions/configure-pages")[0]["id"] == "pages"
    [make] = [step for step in build["steps"] if "make build" in step.get("run", "")]
    assert "steps.pages.outputs.base_url" in str(make.get("env"))
    assert "DIGEST_BASE_URL" in make["run"]
    [upload] = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"


@pytest.mark.parametrize("pages_url", ["https://user.github.io/repo", "https://user.github.io/repo/"])
def test_the_workflow_gives_the_build_a_base_url_ending_in_one_slash(workflow, pages_url):
    [make] = [step for step in workflow["jobs"]["build"]["steps"] if "make build" in step.get("run", "")]
    # Run the step's own shell line, with `make build` swapped for printing what make would see.
    command = make["run"].replace("make build", "printenv DIGEST_BASE_URL")
    [variable] = make["env"]
    result = subprocess.run(["bash", "-c", command], env={variable: pages_url, "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=10)
    assert result.stdout.strip() == "https://user.github.io/repo/"


def test_the_workflow_deploys_the_artifact_with_deploy_pages(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" or deploy["needs"] == ["build"]
    assert deploy["environment"]["name"] == "github-pages"
    assert steps_using(deploy, "actions/deploy-pages")


# ---------------------------------------------------------------- a project site under /repo/


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A site built for BASE, served under /repo/ on a loopback port (as GitHub Pages serves a project site)."""
    root = make_project(tmp_path_factory.mktemp("publish"))
    result = digest(root, "build", "--no-search", "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    www = root / "www"
    shutil.copytree(root / "site", www / "repo")  # nothing is served outside /repo/

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/repo/", root / "site"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def crawl(start: list[str]) -> tuple[dict[str, int], dict[str, html.HtmlElement], list[tuple[str, str]]]:
    """Follow every local href, src and form action from the start pages.

    Returns the status of every URL reached, the parsed pages, and every (page, link) with a fragment."""
    origin = urlsplit(start[0]).netloc
    statuses: dict[str, int] = {}
    pages: dict[str, html.HtmlElement] = {}
    fragments: list[tuple[str, str]] = []
    queue = deque(start)
    while queue:
        url = queue.popleft()
        if url in statuses:
            continue
        status, kind, body = fetch(url)
        statuses[url] = status
        if status != 200 or kind != "text/html":
            continue
        pages[url] = tree = html.fromstring(body)
        for ref in tree.xpath("//@href | //@src | //form/@action"):
            target = urljoin(url, ref)
            if urlsplit(target).netloc != origin:
                continue  # canonical links and anything external are checked apart
            page, fragment = urldefrag(target)
            if fragment:
                fragments.append((page, fragment))
            queue.append(page)
    return statuses, pages, fragments


def test_every_internal_link_resolves_under_the_sub_path(served):
    root_url, site = served
    statuses, pages, fragments = crawl([root_url, root_url + "404.html"])
    broken = sorted(url for url, status in statuses.items() if status != 200)
    assert not broken, broken
    assert all(url.startswith(root_url) for url in statuses)
    # Every page on disk is reached by following links (404.html is served by the host instead).
    on_disk = {root_url + p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    reached = {url + "index.html" if url.endswith("/") else url for url in pages}
    assert on_disk <= reached | {root_url + "404.html"}, sorted(on_disk - reached)
    for page, fragment in fragments:
        assert pages[page].xpath(f'//*[@id="{fragment}" or @name="{fragment}"]'), (page, fragment)


def test_absolute_links_start_with_the_base_url_and_resolve_under_the_sub_path(served):
    root_url, site = served
    _, pages, _ = crawl([root_url])
    absolute: set[str] = set()
    for tree in pages.values():
        [canonical] = tree.xpath("//link[@rel='canonical']/@href")
        absolute.add(canonical)
    feeds = [site / "feed.xml", *site.glob("themes/*/feed.xml"), *site.glob("cities/*/feed.xml")]
    assert len(feeds) > 3
    for feed in feeds:
        tree = etree.parse(str(feed))
        absolute.update(tree.xpath("//a:link/@href | //a:id/text()", namespaces=ATOM))
    absolute.update(etree.parse(str(site / "sitemap.xml")).xpath("//s:loc/text()", namespaces=SITEMAP))
    assert "Sitemap: " + BASE + "sitemap.xml" in (site / "robots.txt").read_text()

    wrong = sorted(url for url in absolute if not url.startswith(BASE))
    assert not wrong, wrong
    # Served where the base URL says, every one of them is a real page or feed.
    missing = sorted(url for url in absolute if fetch(root_url + url[len(BASE):])[0] != 200)
    assert not missing, missing


def test_the_base_url_can_come_from_the_environment_without_a_trailing_slash(tmp_path):
    root = make_project(tmp_path)
    result = digest(root, "build", "--no-search", DIGEST_BASE_URL="https://user.github.io/repo")
    assert result.returncode == 0, result.stderr
    tree = html.parse(str(root / "site" / "index.html"))
    assert tree.xpath("//link[@rel='canonical']/@href") == [BASE]
