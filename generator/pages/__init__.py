"""Page kinds: one module per kind, each with a function that builds one page's view data
and a `*_specs` function that lists the kind's pages with a key of what each shows.

`site_specs` lists every page of the site; a new page kind adds its specs here.
The build renders a page only when its key changed, so a key must name every
value the page's view data is made from (settings, templates and vocabulary
are accounted for by the build).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Mapping

from generator.config import SiteConfig
from generator.indexes import SiteIndex
from generator.interface import InterfaceText
from generator.pages.briefing import briefing_spec_at, briefing_specs
from generator.pages.cities import cities_index_specs, city_specs
from generator.pages.compare import city_theme_specs, compare_spec
from generator.pages.editions import editions_specs
from generator.pages.exports import exports_specs
from generator.pages.feeds import feed_specs
from generator.pages.home import home_specs
from generator.pages.not_found import not_found_spec
from generator.pages.search import search_spec
from generator.pages.sitemap import robots_spec, sitemap_specs
from generator.pages.terms import term_specs
from generator.pages.timeline import timeline_specs
from generator.views import Facets, Page, PageSpec

SpecMaker = Callable[[SiteIndex, SiteConfig, InterfaceText, Facets], "Iterable[PageSpec] | PageSpec"]

# Every page kind, in the order the site lists them; the sitemap files, made from all of them, come last.
PAGE_KINDS: tuple[SpecMaker, ...] = (home_specs, briefing_specs, term_specs, cities_index_specs, city_specs,
                                     compare_spec, city_theme_specs, timeline_specs, editions_specs, search_spec,
                                     not_found_spec, feed_specs, exports_specs)


def site_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText, facets: Facets) -> Iterator[PageSpec]:
    """Every page of the site, in a stable order, each with the key of what it shows, in the language of `text`."""
    for _, spec in kind_specs(index, config, text, facets):
        yield spec


def kind_specs(index: SiteIndex, config: SiteConfig, text: InterfaceText,
               facets: Facets) -> Iterator[tuple[str, PageSpec]]:
    """site_specs, each with the name of the page kind that made it (see some_specs)."""
    paths = []
    for kind in PAGE_KINDS:
        made = kind(index, config, text, facets)
        for spec in (made,) if isinstance(made, PageSpec) else made:
            paths.append(spec.path)
            yield kind.__name__, spec
    yield from (("sitemap", spec) for spec in sitemap_specs(paths, config, index, config.sitemap_size))
    yield "robots", robots_spec(config)


# Kinds whose page at a path can be made alone, without listing the kind's pages before it: there are
# as many briefing pages as briefings, and a rebuild of one body needs one of them.
SpecAt = Callable[[str, SiteIndex, SiteConfig, InterfaceText, Facets], "PageSpec | None"]
SPEC_AT: dict[str, SpecAt] = {briefing_specs.__name__: briefing_spec_at}


def some_specs(wanted: Mapping[str, str], index: SiteIndex, config: SiteConfig, text: InterfaceText,
               facets: Facets) -> Iterator[PageSpec]:
    """The specs of the pages `wanted` names (path: the name of its kind, as kind_specs gives it), listing
    only their kinds' pages, and each kind's only until its wanted pages are found."""
    makers = {kind.__name__: kind for kind in PAGE_KINDS}
    if not set(wanted.values()) <= set(makers):
        # The sitemap is made from every other page.
        yield from (spec for _, spec in kind_specs(index, config, text, facets) if spec.path in wanted)
        return
    for name, kind in makers.items():
        left = {path for path, of in wanted.items() if of == name}
        if not left:
            continue
        if name in SPEC_AT:
            for path in sorted(left):
                spec = SPEC_AT[name](path, index, config, text, facets)
                if spec is not None:
                    yield spec
            continue
        made = kind(index, config, text, facets)
        for spec in (made,) if isinstance(made, PageSpec) else made:
            if spec.path in left:
                yield spec
                left.discard(spec.path)
                if not left:
                    break


def plan_site(index: SiteIndex, config: SiteConfig, text: InterfaceText) -> list[Page]:
    """Every page of the site with its view data, in a stable order (all at once: for tests and benchmarks)."""
    facets = Facets.of(index.briefings, {b.slug: "" for b in index.briefings})
    return [spec.build() for spec in site_specs(index, config, text, facets)]
