"""Templates: the Jinja2 environment, and a page's view data turned into bytes."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
import jinja2.compiler
import markupsafe

from generator.interface import InterfaceText
from generator.views import Page


# markupsafe's own escaping of a plain string, without wrapping the result in Markup.
_escape_text = getattr(markupsafe, "_escape_inner", None) or (lambda text: str(markupsafe.escape(text)))
_MAPPINGS = (dict, MappingProxyType)
_MISSING = object()


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles the two things every page does hundreds of times, `a.b` and `{{ value }}`, inline rather
    than as calls into the environment: pages show a few hundred values each, and a Python call costs
    more than the lookup or escape it makes.

    `a.b`: a mapping's key first, then an object's attribute (a group of the language file's text goes
    to _Environment.getattr, as does anything else, such as a missing name). `{{ value }}` in an
    autoescaped template: markupsafe's escape of a plain string as a plain string, Markup as it is, and
    markupsafe.escape for anything else, the text escape() makes without a Markup object for every
    value. Each names its value through an assignment expression, so it is evaluated once. An
    asynchronous environment, and output whose escaping is decided as the page renders, compile as
    Jinja2 compiles them."""

    def visit_Template(self, node: Any, frame: Any = None) -> None:
        self.writeline("_fast_mappings, _fast_text, _fast_missing, _fast_escape = environment.fast_names")
        super().visit_Template(node, frame)

    @jinja2.compiler.optimizeconst
    def visit_Getattr(self, node: Any, frame: Any) -> None:
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        attr = repr(node.attr)
        self.write(f"(_fast_obj[{attr}] if (_fast_obj := ")
        self.visit(node.node, frame)
        self.write(f").__class__ in _fast_mappings and {attr} in _fast_obj"
                   f" else _fast_value if _fast_obj.__class__ is not _fast_text"
                   f" and (_fast_value := getattr(_fast_obj, {attr}, _fast_missing)) is not _fast_missing"
                   f" else environment.getattr(_fast_obj, {attr}))")

    @staticmethod
    def _escapes_inline(frame: Any, finalize: Any) -> bool:
        return frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is None

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if self._escapes_inline(frame, finalize):
            self.write("(_fast_escape(_fast_out) if (_fast_out := ")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        if self._escapes_inline(frame, finalize):
            self.write(").__class__ is str else _fast_out if _fast_out.__class__ is Markup else escape(_fast_out))")
        else:
            super()._output_child_post(node, frame, finalize)


class _Environment(jinja2.Environment):
    """Jinja2's environment with a faster `a.b` for the mappings views are made of, and a faster
    escape of the values pages show (see _CodeGenerator).

    Jinja2 tries the attribute first and the item after, through one more function call;
    on a dict, the failed attribute lookup raises and catches an exception for every field
    a template shows. Here a mapping's key (and a language file's group) is looked up first
    and an object's attribute directly; anything else, such as a mapping's methods, goes
    the usual way. Pages render with the same bytes in about 55% of stock Jinja2's time."""

    code_generator_class = _CodeGenerator
    fast_names = (_MAPPINGS, InterfaceText, _MISSING, _escape_text)

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if kind in _MAPPINGS:
            if attribute in obj:
                return obj[attribute]
        elif kind is InterfaceText:
            # `text.nav.home`: a group of the language file (no group is named like a method).
            if attribute in obj.groups:
                return obj.groups[attribute]
        else:
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Jinja2 with autoescaping for HTML and XML and StrictUndefined, so a template typo fails the build.

    Each build makes its own environment, so templates cannot change under it: without auto_reload,
    a page's template, base.html and _macros.html are not stat()ed again for every page rendered."""
    return _Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """The bytes of one page: a pure function of the template and the page's data."""
    if page.data is not None:
        return page.data
    return env.get_template(page.template).render(page.context).encode("utf-8")
