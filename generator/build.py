"""The build recipe: load, index, list the pages, render the ones whose data changed, write.

A build with a cache (`BuildOptions.cache`) reads only content files whose text
changed and renders only pages whose fingerprint changed: a hash of the page's
spec key (exactly the data it shows, see generator/pages/) together with the
templates, settings, vocabulary and program version. Without a usable cache,
or when the output folder is not the one the cache describes, every page is
rendered. Either way the result is byte for byte the same. A search shard is
indexed again only when what Pagefind reads of one of its pages changed, or
its pages did (see _settle_search).

Nothing is written until every page rendered. A full build writes a fresh
folder beside the site and swaps it in; an incremental one writes its changed
files beside the site, then moves them in, after marking the site as being
updated so that an interrupted update is rebuilt whole next time. The cache's
state for the next build is committed only once the site is in place.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, NamedTuple, Sequence

import jinja2

from generator import cache, write
from generator import search as search_index
from generator.config import BuildOptions, SiteConfig, load_settings
from generator.content import CityLookup, read_briefing, slug_clashes
from generator.errors import DigestError, Problem
from generator.indexes import SiteIndex, build_index
from generator.interface import InterfaceText, load_interface_text
from generator.language import is_chinese
from generator.model import Briefing
from generator.pages import kind_specs, some_specs
from generator.review import count_for_review, count_line
from generator.templating import make_environment, render_page
from generator.text import has_han
from generator.views import Facets, FullKeys, Page, PageSpec, briefing_views, full_readers, same_briefings
from generator.vocabulary import Vocabulary
from generator.workers import in_background, in_workers

@dataclass(frozen=True)
class BuildResult:
    """What a build produced, for the command line and the preview server."""

    out_dir: Path
    briefings: int
    pages: int
    report: write.WriteReport
    notes: tuple[str, ...] = ()
    """One line each about the cache, when it could not be used."""
    to_review: int = 0
    """Briefings whose `review:` list names fields a person should check."""

    def summary(self) -> str:
        r = self.report
        return (f"Built {self.pages} files from {self.briefings} briefings into {self.out_dir}/ "
                f"({r.changed} new or changed, {r.unchanged} unchanged, {r.removed} removed).")

    def lines(self) -> tuple[str, str]:
        """What `digest build` prints: the summary, then how many briefings have fields to check."""
        return self.summary(), count_line(self.to_review)


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause the cycle collector while many small, acyclic objects are made.

    It would otherwise walk the growing heap again and again: a third of the
    planning time on 10,000 briefings. Reference counting still frees memory."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_project(options: BuildOptions, scan: cache.InputScan | None = None) -> BuildResult:
    """Read the settings and vocabulary, then build the site as `options` say; `scan` is the inputs'
    scan (cache.scan_inputs) when the caller took it already, before reading anything."""
    # Taken before anything is read, so an input saved during the build counts as changed next time.
    if scan is None and options.cache is not None and not options.clean:
        scan = cache.scan_inputs(options)
    config, vocabulary = load_settings(options.config, options.vocabulary, options.base_url)
    return build_site(config, vocabulary, content_dir=options.content, out_dir=options.out,
                      templates_dir=options.templates, static_dir=options.static, search=options.search,
                      cache_dir=options.cache, clean=options.clean, scan=scan)


def build_site(config: SiteConfig, vocabulary: Vocabulary, content_dir: Path = Path("content"),
               out_dir: Path = Path("site"), templates_dir: Path = Path("templates"),
               static_dir: Path = Path("static"), search: bool = True, cache_dir: Path | None = None,
               clean: bool = False, scan: cache.InputScan | None = None) -> BuildResult:
    """Build the site into `out_dir`; on any error the old site stays as it was.

    With `cache_dir`, reuse what the last build there left and leave the same for the next;
    `clean` ignores (and rewrites) it. With `scan` (taken by build_project), a rebuild after edits
    of bodies alone renders only the pages that show those bodies, without listing the others."""
    if not templates_dir.is_dir():
        raise DigestError([Problem(str(templates_dir), "is not a folder.",
                                   hint="run digest from the project folder, or pass --templates DIR.")])
    write.check_out_dir(out_dir, (content_dir, templates_dir, static_dir))
    with cache.locked(cache_dir) if cache_dir is not None else contextlib.nullcontext():
        with _no_cyclic_gc():
            result = _build(config, vocabulary, content_dir, out_dir.resolve(), templates_dir, static_dir,
                            search, cache_dir, clean, scan, shown_out=out_dir)
    return result


@dataclass
class _Plan:
    """What a build works from: the settings and the last build's state, as both paths through _build read them."""

    config: SiteConfig
    vocabulary: Vocabulary
    content_dir: Path
    out_dir: Path
    templates_dir: Path
    static_dir: Path
    search: bool
    program: str
    parse_key: str
    store: cache.Store | None
    state: cache.BuildState | None
    trusted: bool


def _build(config: SiteConfig, vocabulary: Vocabulary, content_dir: Path, out_dir: Path, templates_dir: Path,
           static_dir: Path, search: bool, cache_dir: Path | None, clean: bool, scan: cache.InputScan | None,
           shown_out: Path) -> BuildResult:
    program = cache.program_version()
    store, state, note = (None, None, "") if cache_dir is None else cache.open_state(cache_dir, out_dir, program)
    if clean:
        state, note = None, ""
    try:
        notes = [note] if note else []
        # Briefings keep their file's path as given (messages name it, pages read the body from it),
        # so the folder as written and the working folder are part of the key.
        parse_key = cache.digest(repr((program, vocabulary, str(content_dir), str(Path.cwd()))).encode())
        trusted = state is not None and out_dir.is_dir() and cache.read_marker(out_dir) == state.site_id
        if state is not None and not trusted:
            notes.append(f"Note: {out_dir} is not the site the build cache describes; building it whole.")
        plan = _Plan(config, vocabulary, content_dir, out_dir, templates_dir, static_dir, search, program,
                     parse_key, store, state, trusted)
        if trusted and scan is not None and scan.settings_stamp is not None \
                and state.parse_key == parse_key and state.settings.get("settings_stamp") == scan.settings_stamp:
            result = _rebuild_bodies(plan, scan, shown_out)
            if result is not None:
                return result
        return _build_whole(plan, scan, shown_out, notes)
    finally:
        if store is not None:
            store.close()


def _build_whole(plan: _Plan, scan: cache.InputScan | None, shown_out: Path, notes: list[str]) -> BuildResult:
    """List every page with its fingerprint, render those whose fingerprint changed (all of them without a
    trusted cache), and leave the cache for the next build."""
    config, vocabulary, state, store, out_dir = plan.config, plan.vocabulary, plan.state, plan.store, plan.out_dir
    # Load: content files whose text is unchanged keep the briefing parsed last time.
    usable = state is not None and state.parse_key == plan.parse_key
    kept = store.blob("briefings") if usable else None
    usable = kept is not None
    cities = CityNames(dict(state.settings.get("cities", {})) if usable else {})
    previous = {}
    if usable:
        by_slug = kept["facets"].made_from
        previous = {name: cache.FileRecord(row.status, row.content_hash, by_slug[row.slug], row.han)
                    for name, row in state.files.items() if row.slug in by_slug}
    records = load_content(plan.content_dir, vocabulary, previous, cities,
                           statuses=(scan.content, scan.racy) if scan is not None else None)
    briefings = [r.briefing for r in records.values()]

    # The interface text of the site's language; a Chinese interface names cities in Chinese too.
    chinese_names = (state.settings.get("chinese names") if usable else None) if is_chinese(config.language) else {}
    if chinese_names is None:
        chinese_names = dict(cities.chinese_names())
    text = load_interface_text(config.language, city_names=chinese_names or None)

    # Index, then list every page with the fingerprint of what it shows.
    index = build_index(briefings, vocabulary, kept["basis"] if usable else None)
    known = kept["facets"] if usable else None
    chinese = {r.briefing.slug for r in records.values() if r.han}
    facets = Facets.of(index.briefings, {r.briefing.slug: r.content_hash for r in records.values()}, known, chinese)
    same_fields = known is not None and same_briefings(known.made_from, facets.made_from)
    if same_fields:
        # An edited body, a touched file: the comparison, profiles and editions stand as they were.
        index.memo.update(kept["views"])
    render_key = _render_key(plan, text)
    kinds: dict[str, str] = {}
    specs = []
    for kind, spec in kind_specs(index, config, text, facets):
        kinds[spec.path] = kind
        specs.append(spec)
    specs += [*static_specs(plan.static_dir), PageSpec(".nojekyll", ("nojekyll",), lambda: b"")]
    fingerprints = {spec.path: _fingerprint(render_key, spec.key) for spec in specs}
    if len(fingerprints) < len(specs):
        raise DigestError([Problem(str(plan.static_dir), "holds a file at a path the site's own pages use.",
                                   hint="rename it; pages take briefings/, themes/, tags/, cities/ and the like.")])

    trusted = plan.trusted
    previous_pages = store.pages() if trusted else {}
    dirty = [spec for spec in specs if previous_pages.get(spec.path) != fingerprints[spec.path]]
    rows = {name: cache.FileRow.of(r.status, r.content_hash, r.briefing.slug, r.han) for name, r in records.items()}
    shards = _shards(config, rows) if plan.search else ()
    env = make_environment(plan.templates_dir)
    page_sum = cache.site_sum(fingerprints)
    gone = sorted(set(previous_pages) - set(fingerprints))
    # What a later build that changes nothing reports: the same counts, every page unchanged.
    result = BuildResult(shown_out, len(briefings), len(specs), write.WriteReport(0, len(specs), 0), tuple(notes),
                         count_for_review(briefings))
    summary = "\n".join(result.lines())
    search = _search_plan(plan, shards, page_sum, store.documents() if trusted and shards else {}, trusted)

    def write_state(indexed: _Indexed) -> None:
        """Write the state this build leaves for the next, inside the store's open transaction."""
        old_rows = state.files if state is not None else {}
        whole = not trusted
        documents = indexed.documents
        store.write(
            indexed.site_id, plan.parse_key,
            {"header": cache.header(plan.program), "render_key": render_key,
             "settings_stamp": scan.settings_stamp if scan is not None else None, "page_sum": page_sum,
             "pages": len(specs), "search_keys": indexed.keys, "summary": summary, "cities": cities.known,
             "to_review": result.to_review,
             "chinese names": chinese_names or None},
            rows if whole else {n: r for n, r in rows.items() if old_rows.get(n) != r},
            [] if whole else [n for n in old_rows if n not in rows],
            {path: (fingerprints[path], documents.get(path)) for path in [*(s.path for s in dirty), *documents]},
            gone,
            {s.path: (kinds.get(s.path, ""), full_readers(s.key)) for s in dirty},
            {} if same_fields and not whole and kept is not None else {"briefings": {
                "basis": index.related_basis,
                "facets": replace(facets, full={}), "views": briefing_views(index.memo)},
                "index": _light_index(index, facets)},
            whole, _changed_briefings(known if not whole else None, facets))

    # The state is committed only once the site is in place, so it never describes a build that failed.
    with store.transaction() if store is not None else contextlib.nullcontext():
        if trusted:
            if store is not None:
                cache.forget_stamp(store.path.parent, out_dir)
            report, indexed = _update_in_place(dirty, gone, env, plan.templates_dir, out_dir, search)
            report = replace(report, unchanged=len(specs) - report.changed)
            if store is not None:
                write_state(indexed)
        else:
            # Written while the pages render or the search index is made, on the core they leave idle.
            report, indexed = _replace_whole(specs, env, plan.templates_dir, out_dir, search,
                                             meanwhile=write_state if store is not None else None)
    if store is not None:
        cache.save_stamp(store.path.parent, out_dir, scan.stamp if scan else None, indexed.site_id, summary)
    return replace(result, report=report)


@dataclass(frozen=True)
class _SearchPlan:
    """A build's search shards, and what it knows of their pages before it renders them."""

    plan: _Plan
    shards: tuple[search_index.Shard, ...]
    page_sum: str
    known: Mapping[str, str]
    """The stored hashes of pages' search documents (search.search_document), by path."""
    trusted: bool
    """Whether the pages the build does not render are in the site as the cache says (else it renders all)."""
    indexed: Mapping[str, tuple[str, ...]]
    """Each page in a shard, with the folders of its shards (a page with Chinese text on a site in another
    language is in one shard of each index)."""


def _search_plan(plan: _Plan, shards: Sequence[search_index.Shard], page_sum: str, known: Mapping[str, str],
                 trusted: bool) -> _SearchPlan:
    indexed: dict[str, tuple[str, ...]] = {}
    for shard in shards:
        for page in shard.pages:
            indexed[page] = (*indexed.get(page, ()), shard.folder)
    return _SearchPlan(plan, tuple(shards), page_sum, known, trusted, indexed)


@dataclass(frozen=True)
class _Indexed:
    """What a build's search index is made of, settled once its pages are rendered."""

    keys: dict[str, str]
    """Each shard's key, by folder (see _search_keys)."""
    documents: dict[str, str]
    """Search document hashes to store: of the pages rendered, and of those read back from the site."""
    site_id: str
    to_index: tuple[search_index.Shard, ...]
    """The shards whose folder does not hold their key's index already."""


def _settle_search(search: _SearchPlan, rendered: Mapping[str, str]) -> _Indexed:
    """The search keys, the site's id and the shards to index, given the search document hashes of the
    pages rendered (by path). A shard is indexed again only when the search document of one of its pages
    changed, or its pages did: an edit to what Pagefind does not read (a footer, the site's title, a link
    outside the indexed part) renders pages again but re-indexes nothing."""
    documents = {**search.known, **rendered}
    # Pages not rendered whose document was never hashed (the last build had no search): from the site.
    missing = [page for page in sorted(search.indexed) if page not in documents]
    read = _site_documents(search.plan.out_dir, missing) if search.trusted else {}
    documents.update(read)
    keys = _search_keys(documents, search.shards)
    kept = _kept_shards(search.plan, search.shards, keys)
    return _Indexed(keys, {**rendered, **read}, cache.site_id(search.page_sum, _search_sum(keys)),
                    tuple(shard for shard in search.shards if shard.folder not in kept))


def _site_documents(site: Path, pages: Sequence[str]) -> dict[str, str]:
    """The hashes of these pages' search documents, read from a built site (a page not there is left out)."""
    found = {}
    for page in pages:
        try:
            found[page] = cache.digest(search_index.search_document((site / page).read_bytes()))
        except FileNotFoundError:
            continue
    return found


def _kept_shards(plan: _Plan, shards: Sequence[search_index.Shard], search_keys: Mapping[str, str]) -> set[str]:
    """The search shards whose folder holds what the last build indexed (the same pages with the same
    search documents): they are kept as they are. A site left half updated is not trusted to hold them."""
    if plan.state is None or cache.read_marker(plan.out_dir) == write.UPDATING:
        return set()
    indexed = plan.state.search_keys
    return {s.folder for s in shards if indexed.get(s.folder) == search_keys[s.folder]
            and (plan.out_dir / s.folder).is_dir()}


def _shards(config: SiteConfig, rows: Mapping[str, cache.FileRow]) -> tuple[search_index.Shard, ...]:
    """The search shards of a site with these content files."""
    return search_index.plan_search(config.language, (row.slug for row in rows.values()),
                                    {row.slug for row in rows.values() if row.han}, config.search_shard_size).shards


def _search_sum(search_keys: Mapping[str, str]) -> str | None:
    """What the site's search index as a whole is made from (None: the site has none)."""
    return cache.digest(repr(sorted(search_keys.items())).encode()) if search_keys else None


def _render_key(plan: _Plan, text: InterfaceText) -> str:
    """What every page's fingerprint holds besides its key: hashed once, as the vocabulary alone is long.
    The interface text is an input of every page, like the settings and templates."""
    return cache.digest(repr((plan.program, plan.config, plan.vocabulary, _folder_digest(plan.templates_dir),
                              _text_digest(text))).encode())


def _changed_briefings(known: Facets | None, facets: Facets) -> dict[str, Briefing | None]:
    """The briefings (by slug) whose row in the cache must be written (None: removed): all of them without
    the last build's, else the new and changed ones."""
    now = facets.made_from
    if known is None:
        return dict(now)
    before = known.made_from
    changed: dict[str, Briefing | None] = {slug: b for slug, b in now.items()
                                           if before.get(slug) is not b and before.get(slug) != b}
    changed.update((slug, None) for slug in before if slug not in now)
    return changed


def _light_index(index: SiteIndex, facets: Facets) -> dict:
    """The index and facets by slug alone, without the briefings: what a rebuild of bodies alone reads
    (see _StoredBriefing), a fraction of the whole to load."""
    return {"slugs": tuple(b.slug for b in index.briefings), "terms": (replace(index.themes), replace(index.tags),
            replace(index.cities)), "timeline": index.timeline, "undated": index.undated,
            "neighbours": dict(index.neighbours), "related": dict(index.related), "card": facets.card,
            "record": facets.record, "chinese": facets.chinese}


class _StoredBriefing(Briefing):
    """A briefing of the build cache whose fields are read from it when one but its slug is first asked for.

    A rebuild of bodies alone lists the pages of a kind up to the ones it renders, which needs every
    briefing's slug, but shows the fields of only a few; unpickling every briefing would take most of
    its time. Not equal to a Briefing (its class differs): compare a stored one (Store.briefing) instead."""

    def __getattribute__(self, name: str) -> Any:
        values = object.__getattribute__(self, "__dict__")
        if "_reader" in values and name not in ("slug", "__dict__", "__class__"):
            values.update(values.pop("_reader").read(values["slug"]).__dict__)
        return object.__getattribute__(self, name)

    @classmethod
    def of(cls, slug: str, reader: "_BriefingReader") -> "_StoredBriefing":
        made = object.__new__(cls)
        object.__getattribute__(made, "__dict__").update(slug=slug, _reader=reader)
        return made


class _BriefingReader:
    """Reads briefings from the state database, on a connection of its own in each process (pages may be
    rendered in forked workers, and an SQLite connection must not cross a fork)."""

    def __init__(self, path: Path):
        self.path, self.pid, self.store = path, 0, None

    def read(self, slug: str) -> Briefing:
        if self.pid != os.getpid():
            self.pid, self.store = os.getpid(), cache.Store(self.path)
        briefing = self.store.briefing(slug)
        if briefing is None:
            raise LookupError(f"the build cache holds no briefing {slug!r}")
        return briefing


def _stored_index(light: dict, reader: _BriefingReader) -> tuple[SiteIndex, Facets]:
    """The index and facets _light_index kept, with briefings read as pages ask for them."""
    by_slug = {slug: _StoredBriefing.of(slug, reader) for slug in light["slugs"]}
    themes, tags, cities = light["terms"]
    index = SiteIndex(briefings=tuple(by_slug.values()), by_slug=MappingProxyType(by_slug), themes=themes, tags=tags,
                      cities=cities, timeline=light["timeline"], undated=light["undated"],
                      neighbours=MappingProxyType(light["neighbours"]), related=MappingProxyType(light["related"]))
    return index, Facets(light["card"], light["record"], {}, chinese=light["chinese"], made_from=by_slug)


def _rebuild_bodies(plan: _Plan, scan: cache.InputScan, shown_out: Path) -> BuildResult | None:
    """A rebuild in which no briefing's fields changed, nor any other input but content files' text:
    only the pages that show a changed briefing whole (its page, the feeds that carry it) are listed
    and rendered; the others keep their fingerprints. None when this does not apply, and nothing was
    changed: the whole build then runs."""
    state, store = plan.state, plan.store
    files = state.files
    if files.keys() != scan.content.keys():
        return None  # a file added, removed or renamed
    rows = {}
    edited: dict[str, Briefing] = {}
    cities = CityNames(dict(state.settings.get("cities", {})))
    for name, status in scan.content.items():
        row = files[name]
        if row[:4] == status and name not in scan.racy:  # row.status, without a property call per file
            continue
        path = Path(plan.content_dir, name)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        content_hash = cache.digest(data)
        if content_hash != row.content_hash:
            briefing, trouble = read_briefing(path, plan.vocabulary, cities, data)
            if trouble or briefing is None or briefing.slug != row.slug:
                return None
            edited[row.slug] = replace(briefing, body="")
        rows[name] = cache.FileRow.of(status, content_hash, row.slug, has_han(data.decode("utf-8", "replace")))
    report, pages, site_id = write.WriteReport(0, state.settings["pages"], 0), {}, state.site_id
    page_sum = state.settings["page_sum"]
    search_keys = state.search_keys
    if edited:
        if any(store.briefing(slug) != briefing for slug, briefing in edited.items()):
            return None  # a field changed (or the cache lost the briefing): other pages show it
        light = store.blob("index")
        if light is None:
            return None
        index, facets = _stored_index(light, _BriefingReader(store.path))
        hashes = {row.slug: row.content_hash for row in files.values()}
        hashes.update({row.slug: row.content_hash for row in rows.values()})
        facets = replace(facets, full=FullKeys(hashes))
        config = plan.config
        text = load_interface_text(config.language, city_names=state.settings.get("chinese names"))
        render_key = _render_key(plan, text)
        if render_key != state.settings.get("render_key"):
            return None
        wanted = store.readers(edited)
        specs = list(some_specs(wanted, index, config, text, facets))
        if {spec.path for spec in specs} != wanted.keys():
            return None
        before = store.pages(wanted)
        fingerprints = {spec.path: _fingerprint(render_key, spec.key) for spec in specs}
        dirty = [spec for spec in specs if before.get(spec.path) != fingerprints[spec.path]]
        pages = {spec.path: fingerprints[spec.path] for spec in dirty}
        page_sum = cache.updated_sum(page_sum, {p: before[p] for p in pages if p in before}, pages)
        shards: tuple[search_index.Shard, ...] = ()
        if plan.search:
            shards = _shards(config, {**files, **rows})
            # Text with Chinese characters added or gone moves a page into or out of the Chinese index;
            # the search page, which lists the shards, stands as long as their folders do.
            if any(files[name].han != row.han for name, row in rows.items()) and \
                    {s.folder for s in shards} != {s.folder for s in _shards(config, files)}:
                return None
        search = _search_plan(plan, shards, page_sum, store.documents() if shards else {}, trusted=True)
        cache.forget_stamp(store.path.parent, plan.out_dir)
        env = make_environment(plan.templates_dir)
        report, indexed = _update_in_place(dirty, [], env, plan.templates_dir, plan.out_dir, search)
        report = replace(report, unchanged=state.settings["pages"] - report.changed)
        readers = {spec.path: (wanted[spec.path], full_readers(spec.key)) for spec in dirty}
        site_id, search_keys = indexed.site_id, indexed.keys
        # Pages whose search document was read back from the site keep their fingerprints.
        read_back = store.pages(path for path in indexed.documents if path not in pages)
        pages = {path: (fingerprint, indexed.documents.get(path)) for path, fingerprint in {**read_back, **pages}.items()}
    else:
        readers = {}
    summary = state.summary
    with store.transaction():
        store.write(site_id, state.parse_key, {"page_sum": page_sum, "search_keys": search_keys}, rows, [], pages,
                    [], readers, {}, whole=False)
    cache.save_stamp(store.path.parent, plan.out_dir, scan.stamp, site_id, summary)
    return BuildResult(shown_out, len(files), state.settings["pages"], report,
                       to_review=state.settings.get("to_review", 0))


def _fingerprint(render_key: str, key: tuple) -> str:
    return hashlib.blake2b((render_key + repr(key)).encode("utf-8"), digest_size=16).hexdigest()


def _folder_digest(folder: Path) -> str:
    """A hash of every file under a folder, by path and content."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _text_digest(text: InterfaceText) -> str:
    """A hash of the interface text: its language, every phrase and the city names it gives."""
    return cache.digest(repr((text.language, sorted(text.phrases.items()), sorted(text.city_names.items()))).encode())


def _search_keys(documents: Mapping[str, str], shards: Sequence[search_index.Shard]) -> dict[str, str]:
    """What each search shard is made from, by folder: the indexer's version, the language it reads the
    pages in, and its pages with their search documents' hashes ("missing" for a page not in the site)."""
    version = search_index.indexer_version()
    return {shard.folder: cache.digest(repr((version, shard.language,
                                             [(p, documents.get(p, "missing")) for p in shard.pages])).encode())
            for shard in shards}


# ---------------------------------------------------------------- loading

class CityNames:
    """City names as written in content files, with the gazetteer's name for each (None: unknown).

    The gazetteer takes most of a second to load; a build that parses a few edited
    files usually finds their cities here and never loads it."""

    def __init__(self, known: dict[str, str | None]):
        self.known = known
        self._tables: tuple[Mapping[str, str], Mapping[str, str]] | None = None
        self._pending: Callable[[], tuple[Mapping[str, str], Mapping[str, str]]] | None = None

    def __call__(self, name: str) -> str | None:
        if name not in self.known:
            from generator.gazetteer import canonical_name  # loaded only when needed: most rebuilds know every name

            self.known[name] = canonical_name(self._loaded()[0], name)
        return self.known[name]

    def chinese_names(self) -> Mapping[str, str]:
        """A city's name in simplified Chinese by its usual English name (Gazetteer.chinese_names)."""
        return self._loaded()[1]

    @contextlib.contextmanager
    def loading_meanwhile(self, start: bool) -> Iterator[None]:
        """Within the block, the gazetteer loads in a process of its own (when `start`), ready when first needed."""
        if start:
            from generator.gazetteer import load_gazetteer

            # Loaded in this process already (a preview server's earlier build): nothing to wait for.
            start = load_gazetteer.cache_info().currsize == 0
        with in_background(_gazetteer_tables, start) as pending:
            self._pending = pending
            try:
                yield
            finally:
                self._pending = None

    def _loaded(self) -> tuple[Mapping[str, str], Mapping[str, str]]:
        if self._tables is None:
            self._tables = self._pending() if self._pending is not None else _gazetteer_tables()
        return self._tables


def _gazetteer_tables() -> tuple[dict[str, str], dict[str, str]]:
    """The gazetteer's names and Chinese names, as mappings that can pass between processes."""
    from generator.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    return dict(gazetteer.names), dict(gazetteer.chinese_names)


class _AssumedCities:
    """The city lookup parsing uses: a known name as known; a new one taken to be a city's usual name,
    as `digest ingest` writes it, and noted, to be checked once the gazetteer has loaded alongside."""

    def __init__(self, known: Mapping[str, str | None]):
        self.known = known
        self.assumed: set[str] = set()

    def __call__(self, name: str) -> str | None:
        if name in self.known:
            return self.known[name]
        self.assumed.add(name)
        return name


def load_content(content_dir: Path, vocabulary: Vocabulary, previous: Mapping[str, cache.FileRecord],
                 cities: CityNames | None = None,
                 statuses: tuple[Mapping[str, tuple[int, int, int, int]], frozenset[str]] | None = None
                 ) -> dict[str, cache.FileRecord]:
    """Every content/*.md as a record, reusing `previous` records whose file status or text is unchanged;
    `statuses` are the files' statuses and the racy ones' names (cache.scan_content), when taken already.

    Raise DigestError listing every problem in every file."""
    if not content_dir.is_dir():
        raise DigestError([Problem(str(content_dir), "is not a folder.",
                                   hint="run 'digest ingest' first, or pass --content DIR.")])
    if statuses is None:
        found, racy = cache.scan_content(content_dir)
        statuses = found, frozenset(racy)
    records: dict[str, cache.FileRecord] = {}
    to_read: list[Path] = []
    content, racy = statuses
    for name, status in content.items():
        known = previous.get(name)
        # A file whose status is unchanged keeps its record; a recently saved one has its text compared.
        if known is not None and known.status == status and name not in racy:
            records[name] = known
        else:
            to_read.append(Path(content_dir, name))
    problems: dict[str, list[Problem]] = {}
    cities = cities if cities is not None else CityNames({})
    if to_read:
        global _PARSE_JOB
        _PARSE_JOB = (to_read, vocabulary, previous, cities.known)
        # Files are parsed assuming each new city name is a city's usual name while the gazetteer loads
        # alongside; the names are then checked, and files where one was not are parsed again here.
        with cities.loading_meanwhile(len(to_read) >= GAZETTEER_ALONGSIDE_FROM):
            try:
                assumed: set[str] = set()
                assumed_by_failed: dict[str, set[str]] = {}
                for found, trouble, names, names_by_failed in in_workers(_parse_range, len(to_read)):
                    records.update(found)
                    problems.update(trouble)
                    assumed.update(names)
                    assumed_by_failed.update(names_by_failed)
            finally:
                _PARSE_JOB = None
            wrong = {name for name in assumed if cities(name) != name}
        for path in to_read if wrong else ():
            # A briefing names every city it was parsed with (an assumed name stands for itself).
            record = records.get(path.name)
            used = ({record.briefing.city, *record.briefing.cities} if record is not None
                    else assumed_by_failed.get(path.name, set()))
            if used & wrong:
                records.pop(path.name, None)
                problems.pop(path.name, None)
                record, trouble = _parse_file(path, vocabulary, previous, cities)
                if record is not None:
                    records[path.name] = record
                if trouble:
                    problems[path.name] = trouble
        records = dict(sorted(records.items()))
    found_problems = [problem for name in sorted(problems) for problem in problems[name]]
    found_problems.extend(slug_clashes([r.briefing for r in records.values()]))
    if found_problems:
        raise DigestError(found_problems)
    return records


_PARSE_JOB: tuple[list[Path], Vocabulary, Mapping[str, cache.FileRecord], Mapping[str, str | None]] | None = None
# Files to read before the gazetteer is loaded in a process of its own while they are parsed
# (it takes about 0.45 s, most of it reading GeoNames, where a file takes a fifth of a millisecond).
GAZETTEER_ALONGSIDE_FROM = 400


def _parse_range(indices: Sequence[int]) -> tuple[dict[str, cache.FileRecord], dict[str, list[Problem]],
                                                  set[str], dict[str, set[str]]]:
    """Read and check some of the files of _PARSE_JOB (in a worker process, or in this one): their records,
    their problems, the new city names they were parsed assuming (see _AssumedCities), and those of each
    file that has problems (a briefing names its own)."""
    paths, vocabulary, previous, known = _PARSE_JOB
    found, problems, assumed, assumed_by_failed = {}, {}, set(), {}
    for i in indices:
        path = paths[i]
        lookup = _AssumedCities(known)
        record, trouble = _parse_file(path, vocabulary, previous, lookup)
        if record is not None:
            found[path.name] = record
        if trouble:
            problems[path.name] = trouble
            if lookup.assumed:
                assumed_by_failed[path.name] = lookup.assumed
        assumed |= lookup.assumed
    return found, problems, assumed, assumed_by_failed


def _parse_file(path: Path, vocabulary: Vocabulary, previous: Mapping[str, cache.FileRecord],
                lookup: CityLookup) -> tuple[cache.FileRecord | None, list[Problem]]:
    """One content file as a record (None if it has problems), and its problems."""
    try:
        info = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(str(path), f"could not be read ({exc.strerror}).")]
    status = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    content_hash = cache.digest(data)
    known = previous.get(path.name)
    if known is not None and known.content_hash == content_hash:
        return replace(known, status=status), []
    briefing, trouble = read_briefing(path, vocabulary, lookup, data)
    if briefing is None:
        return None, trouble
    # Bodies stay on disk: pages read them when they are rendered (content.read_body).
    return cache.FileRecord(status, content_hash, replace(briefing, body=""),
                            han=has_han(data.decode("utf-8", "replace"))), trouble


# ---------------------------------------------------------------- rendering and writing

def static_specs(static_dir: Path) -> list[PageSpec]:
    """Every file under static/, copied as it is; its key is its content."""
    if not static_dir.is_dir():
        return []
    specs = []
    for path in sorted(static_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            specs.append(PageSpec(path.relative_to(static_dir).as_posix(), ("static", cache.digest(data)),
                                  lambda data=data: data))
    return specs


_RENDER_JOB: tuple[Sequence[PageSpec], jinja2.Environment, Path, Path, Path, bool, Mapping[str, tuple[str, ...]],
                  Path | None] | None = None
# Up to this many search shard pages, a whole build's renderers write each one's search document for
# Pagefind as they render it (some 5 KB each, in memory): beyond, each shard's are written as its run starts.
DOCUMENTS_AHEAD = 25_000
# The memory folder must have this much room a page for that (a document is at most its page, and
# pages of a briefing are some 15 KB); else, or if it fills up all the same, the documents are written
# shard by shard.
DOCUMENT_ROOM = 64 * 1024


class _Rendered(NamedTuple):
    changed: list[str]
    """The pages written: new, or with other bytes than before."""
    documents: dict[str, str]
    """The hashes of the search documents of the pages rendered that are in search shards, by path."""
    documents_written: bool
    """Whether every such document was written to the documents folder, if one was given."""


def _render_range(indices: Sequence[int]) -> tuple[_Rendered, list[Problem]]:
    """Render some pages of _RENDER_JOB and write those whose bytes changed; return what was rendered and
    the problems.

    Unchanged pages are hard-linked from the old site when the whole site is staged afresh. With a
    documents folder, each shard page's search document is also written there, under its shard's folder."""
    specs, env, templates_dir, target_dir, old_dir, link_unchanged, indexed, documents_dir = _RENDER_JOB
    documents_root = str(documents_dir) if documents_dir is not None else None
    changed, problems, documents = [], [], {}
    documents_written = True
    made: set[str] = set()
    # Paths as strings: pathlib's parsing and joining, for every page, cost more than writing it.
    old_root = str(old_dir) if old_dir.is_dir() else None
    target_root = str(target_dir)
    for i in indices:
        spec = specs[i]
        built = spec.build()
        if isinstance(built, bytes):
            data = built
        else:
            try:
                data = render_page(env, built)
            except Exception as exc:
                problems.append(_render_problem(exc, templates_dir, built))
                continue
        write.safe_relative(spec.path)
        folders = indexed.get(spec.path)
        if folders is not None:
            document = search_index.search_document(data)
            documents[spec.path] = cache.digest(document)
            for folder in folders if documents_root is not None else ():
                place = os.path.join(documents_root, folder, spec.path)
                try:
                    write.make_folder_of(place, made)
                    write.write_file(place, document)
                except OSError:  # the memory folder is full: the documents are written again by shard
                    documents_root, documents_written = None, False
        previous = os.path.join(old_root, spec.path) if old_root is not None else ""
        same = bool(previous) and write.same_bytes(previous, data)
        if same and not link_unchanged:
            continue
        target = os.path.join(target_root, spec.path)
        write.make_folder_of(target, made)
        if not (same and write.link(previous, target)):
            write.write_file(target, data)
        if not same:
            changed.append(spec.path)
    return _Rendered(changed, documents, documents_written), problems


def _render_problem(exc: Exception, templates_dir: Path, page: Page) -> Problem:
    """A template failure as a problem naming the template, the page and what went wrong."""
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(str(templates_dir / exc.name), "is missing.",
                       hint="restore it from the project's templates/ folder.")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(exc.filename or str(templates_dir), f"has a template error: {exc.message}.", line=exc.lineno)
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(str(templates_dir / page.template), f"uses an unknown value: {exc.message}.",
                       hint="check the spelling against the page data described in the README.")
    if isinstance(exc, (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError)):
        # A filter or test applied to the wrong kind of value fails inside Jinja2 with a plain error.
        return Problem(str(templates_dir / page.template),
                       f"could not be rendered for {page.path} ({type(exc).__name__}: {exc}).",
                       hint="check the filters and values the template uses.")
    raise exc


def _render(specs: Sequence[PageSpec], env: jinja2.Environment, templates_dir: Path, target_dir: Path,
            old_dir: Path, link_unchanged: bool, indexed: Mapping[str, tuple[str, ...]] | None = None,
            documents_dir: Path | None = None,
            meanwhile: Callable[[], None] | None = None) -> _Rendered:
    """Render every spec into target_dir (see _render_range), on both cores when there are many; return
    the paths written and the search document hashes of the pages rendered that are in `indexed` (page:
    its shards' folders), whose documents are also written into `documents_dir` if given.
    meanwhile(), if given, runs here while they render (see workers.in_workers)."""
    global _RENDER_JOB
    _RENDER_JOB = (specs, env, templates_dir, target_dir, old_dir, link_unchanged, indexed or {}, documents_dir)
    changed, documents, written, problems = [], {}, True, []
    try:
        for part, trouble in in_workers(_render_range, len(specs), meanwhile=meanwhile):
            changed.extend(part.changed)
            documents.update(part.documents)
            written = written and part.documents_written
            problems.extend(trouble)
    finally:
        _RENDER_JOB = None
    if problems:
        raise DigestError(sorted(set(problems), key=str))
    return _Rendered(changed, documents, written)


def _replace_whole(specs: Sequence[PageSpec], env: jinja2.Environment, templates_dir: Path, out_dir: Path,
                   search: _SearchPlan, meanwhile: Callable[[_Indexed], None] | None = None
                   ) -> tuple[write.WriteReport, _Indexed]:
    """Render every page into a fresh folder beside the site, index it, and swap it in.

    The search shards whose index the old site holds already are taken over from it (hard-linked), the
    others indexed. `meanwhile(indexed)`, if given, runs once before the swap: while the last Pagefind
    runs go, or while the pages render when the site has no search index."""
    staging = write.staging_dir(out_dir)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    # The renderers write the documents Pagefind reads, sparing it reading every page back.
    ahead = None
    if 0 < len(search.indexed) <= DOCUMENTS_AHEAD:
        ahead = search_index.documents_folder(staging, room=len(search.indexed) * DOCUMENT_ROOM)
    if ahead is not None:
        shutil.rmtree(ahead, ignore_errors=True)
    def then() -> None:
        if meanwhile is not None:
            meanwhile(indexed)

    try:
        if search.shards:
            rendered = _render(specs, env, templates_dir, staging, out_dir, link_unchanged=True,
                               indexed=search.indexed, documents_dir=ahead)
            indexed = _settle_search(search, rendered.documents)
        else:
            # Nothing waits on the pages: the state is written while they render.
            indexed = _settle_search(search, {})
            rendered = _render(specs, env, templates_dir, staging, out_dir, link_unchanged=True, meanwhile=then)
        (staging / write.MARKER).write_text(indexed.site_id, encoding="utf-8")
        for shard in search.shards:
            if shard not in indexed.to_index:
                shutil.copytree(out_dir / shard.folder, staging / shard.folder, copy_function=os.link)
        search_index.index_shards(staging, indexed.to_index, meanwhile=then if search.shards else None,
                                  written=ahead if rendered.documents_written else None)
        removed = write.count_removed(staging, out_dir)
        write.swap_in(staging, out_dir)
    except BaseException:
        write.discard(staging)
        raise
    finally:
        if ahead is not None:
            shutil.rmtree(ahead, ignore_errors=True)
    return write.WriteReport(len(rendered.changed), len(specs) - len(rendered.changed), removed), indexed


def _update_in_place(dirty: Sequence[PageSpec], removed: Sequence[str], env: jinja2.Environment,
                     templates_dir: Path, out_dir: Path, search: _SearchPlan) -> tuple[write.WriteReport, _Indexed]:
    """Render the changed pages beside the site, then move them in and delete the pages that are gone;
    index the search shards whose index changed and remove every index folder not among its shards.

    The marker is cleared first, so a build interrupted while moving files finds
    a site it does not trust and rebuilds it whole."""
    delta = out_dir.parent / f".{out_dir.name}-delta"
    if delta.exists():
        shutil.rmtree(delta)
    delta.mkdir(parents=True)
    try:
        rendered = _render(dirty, env, templates_dir, delta, out_dir, link_unchanged=False, indexed=search.indexed)
        changed = rendered.changed
        indexed = _settle_search(search, rendered.documents)
        folders = {shard.folder for shard in search.shards}
        stale = [entry.name for entry in os.scandir(out_dir)
                 if entry.is_dir() and search_index.is_index_folder(entry.name) and entry.name not in folders]
        if not changed and not removed and not indexed.to_index and not stale:
            (out_dir / write.MARKER).write_text(indexed.site_id, encoding="utf-8")
            return write.WriteReport(0, 0, 0), indexed
        (out_dir / write.MARKER).write_text(write.UPDATING, encoding="utf-8")
        for path in changed:
            target = out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(delta / path, target)
        for path in removed:
            (out_dir / path).unlink(missing_ok=True)
            _prune_empty_folders(out_dir, (out_dir / path).parent)
        # Folders of no shard this build has: all of them without search, else another language's, or of
        # a shard number the index no longer has.
        for folder in stale:
            shutil.rmtree(out_dir / folder, ignore_errors=True)
        search_index.index_shards(out_dir, indexed.to_index)
        (out_dir / write.MARKER).write_text(indexed.site_id, encoding="utf-8")
    finally:
        write.discard(delta)
    return write.WriteReport(len(changed), 0, len(removed)), indexed


def _prune_empty_folders(root: Path, folder: Path) -> None:
    """Remove folders left empty by removed pages, up to (not including) the site root."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
