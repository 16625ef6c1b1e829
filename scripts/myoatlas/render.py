"""Render: one Jinja template per kind turns records into Markdown pages.

Every value from a record is escaped unless a template passes it through `rich`
(the checked Markdown subset) or it is a link built by `link`. Undefined names stop
the build with the template's line (StrictUndefined).
"""
from __future__ import annotations

import json
import posixpath
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .boundary import front_matter, script_json
from .diagnostics import Diagnostic, Span, error
from .graph import Graph
from .markup import escape_plain, is_safe_url, render_rich
from .model import Kind, Paths, Record
from .schema import Schemas
from .figures.body import body_svg
from .figures.site import register as register_figures
from .relmap import register as register_relmap
from .search_data import body_map_links, finder_labels, search_meta
from .structured_data import next_review, record_head

HUBS = ("find", "muscles", "exercises", "conditions", "tests", "routines", "articles", "sources", "new")


@dataclass(frozen=True)
class Page:
    """One generated Markdown page; `source` is the file a contributor edits to change it (for the edit link)."""

    path: str
    markdown: str
    source: str
    title: str
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    head: str = field(default="", compare=False)  # HTML for the page's <head> (JSON-LD); the hook inserts it


def in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: 'Anterior pelvic tilt' -> 'anterior pelvic tilt',
    but names with capitals later on ('Thomas test' is not touched: 'Thomas' is a name) keep theirs."""
    words = title.split()
    if len(words) > 1 and any(w[:1].isupper() for w in words[1:]):
        return title
    if words and words[0][:1].isupper() and words[0][1:].islower() and words[0] not in _PROPER_WORDS:
        return title[:1].lower() + title[1:]
    return title


_PROPER_WORDS = {"Thomas", "MyoAtlas", "NICE", "Trendelenburg"}


def page_path(record: Record) -> str:
    """Where a record's page lives, relative to the docs dir."""
    return f"{record.kind.plural}/{record.id}.md"


def label(value: str) -> str:
    """Vocabulary id -> label: 'lying-on-back' -> 'Lying on back'."""
    text = str(value).replace("-", " ")
    return text[:1].upper() + text[1:]


def _finalize(value: Any) -> Any:
    """Escape everything a template prints unless it is already safe Markdown (Markup).
    Autoescape is on too, so macro output stays Markup; never `join` raw values: map("plain") first."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(escape_plain(str(value)))


def _plain(value: Any) -> Markup:
    return Markup(escape_plain(str(value)))


def with_defaults(data: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The record's data with absent list fields as [] so templates can loop without `is defined`."""
    filled = dict(data)
    for key, sub in schema.get("properties", {}).items():
        if key not in filled and sub.get("type") == "array":
            filled[key] = []
    return filled


def _code(value: Any) -> Markup:
    """Inline code: Markdown does not interpret anything between backticks, so only backticks need care."""
    text = str(value).replace("`", "'")
    return Markup(f"`{text}`")


def dose_text(dose: dict[str, Any]) -> Markup:
    """A dose as a short sentence: 'Hold for 30 seconds, 3 times, on each side. Daily, several times a day.'"""
    parts = []
    if "hold_seconds" in dose:
        parts.append(f"hold for {dose['hold_seconds']} seconds")
    if "duration_minutes" in dose:
        parts.append(f"{dose['duration_minutes']} minutes")
    if "reps" in dose:
        parts.append(f"{dose['reps']} times" if "hold_seconds" in dose else f"{dose['reps']} repetitions")
    if "sets" in dose:
        parts.append(f"{dose['sets']} sets")
    if dose.get("per_side"):
        parts.append("on each side")
    sentences = [", ".join(parts)] if parts else []
    sentences += [str(dose[k]) for k in ("frequency", "note") if k in dose]
    text = " ".join(s[:1].upper() + s[1:] + ("" if s.endswith((".", "!", "?")) else ".") for s in sentences)
    return Markup(escape_plain(text))


def _href(url: str) -> Markup:
    """A link destination for `[text](<url>)`: https only, else a dead '#'."""
    url = str(url)
    return Markup(url.replace(">", "%3E").replace(" ", "%20") if is_safe_url(url) else "#")


class Renderer:
    """Holds the Jinja environment for one build."""

    def __init__(self, paths: Paths, graph: Graph, site: dict[str, Any], compiled: jinja2.BytecodeCache | None = None) -> None:
        self.paths = paths
        self.graph = graph
        self._prefixes: dict[tuple[str, str], str] = {}  # (folder of a link's target, folder of the page) -> relpath
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(paths.templates)),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=compiled,
        )
        self.env.filters.update(code=_code, href=_href, plain=_plain, label=lambda v: _plain(label(v)), rich=self._rich,
                                json=lambda v: Markup(json.dumps(v, ensure_ascii=False)),
                                script_json=lambda v: Markup(script_json(v)))
        self.env.globals.update(dose=dose_text, link=self._link, links=self._links, url=self._url, graph=graph, Kind=Kind,
                                get=graph.get, records=lambda ids: [graph.records[i] for i in ids if i in graph.records], site=site, page_path=page_path)

        self.env.globals.update(finder_labels=lambda: finder_labels(graph, graph.schemas.vocab.get("$defs", {})),
                                body_map=self._body_map)
        register_figures(self.env, graph)  # figures helper: pose_figure, body_figure, body_svg
        register_relmap(self.env, graph)  # relationship map: relmap(record)
        self.env.globals["next_review"] = next_review  # trust footer: the date the checker's review rule sets

    # -- helpers available in templates ---------------------------------------------------------
    def _body_map(self, prefix: str) -> Markup:
        """The clickable body map: every muscle drawn links to `prefix` + its id."""
        links, names = body_map_links(self.graph, prefix)
        return Markup(body_svg({}, links=links, names=names, title="Body map: choose a muscle"))

    @jinja2.pass_context
    def _url(self, ctx: jinja2.runtime.Context, target: str | Record) -> str:
        record = target if isinstance(target, Record) else self.graph.get(target)
        dest = page_path(record) if record else f"{target}"
        return self._relative(dest, ctx["page"])

    def _relative(self, dest: str, page: str) -> str:
        """`dest` relative to the folder of `page`; posixpath.relpath once per pair of folders, not per link."""
        folder, name = posixpath.split(dest)
        here = posixpath.dirname(page)
        key = (folder, here)
        prefix = self._prefixes.get(key)
        if prefix is None:
            prefix = self._prefixes[key] = posixpath.relpath(folder or ".", here or ".")
        return name if prefix == "." else f"{prefix}/{name}"

    @jinja2.pass_context
    def _link(self, ctx: jinja2.runtime.Context, target: str | Record, text: str = "") -> Markup:
        record = target if isinstance(target, Record) else self.graph.get(target)
        if record is None:  # only reachable after a failed check; keep the page readable
            return Markup(escape_plain(text or str(target)))
        return Markup(f"[{escape_plain(text or record.title)}]({self._url(ctx, record)})")

    @jinja2.pass_context
    def _links(self, ctx: jinja2.runtime.Context, targets: list[Any], sep: str = ", ") -> Markup:
        return Markup(sep.join(self._link(ctx, t) for t in targets))

    @jinja2.pass_context
    def _rich(self, ctx: jinja2.runtime.Context, text: str) -> Markup:
        def resolve(record_id: str, text: str, mid_sentence: bool = False) -> str | None:
            record = self.graph.get(record_id)
            if record is None:
                return None
            return str(self._link(ctx, record, text or (in_sentence(record.title) if mid_sentence else record.title)))

        return Markup(render_rich(str(text), resolve))

    # -- pages ----------------------------------------------------------------------------------
    def render(self, template: str, page: str, **values: Any) -> tuple[str, dict[str, Any]]:
        """The page's Markdown, front matter first, and its metadata (the template's `meta`)."""
        compiled = self.env.get_template(template)
        try:
            module = compiled.make_module({"page": page, **values})
        except Exception:
            self.env.handle_exception()  # re-raises with the template's own line numbers
        meta = dict(getattr(module, "meta", {}))
        if values.get("search"):
            meta["search"] = values["search"]
        return front_matter(meta) + str(module).lstrip("\n"), meta


def render_pages(paths: Paths, graph: Graph, schemas: Schemas, site: dict[str, Any],
                 only: set[str] | None = None, compiled: jinja2.BytecodeCache | None = None) -> tuple[list[Page], list[Diagnostic]]:
    """Every record page (or only those of the ids in `only`) and every hub page, sorted by path."""
    renderer = Renderer(paths, graph, site, compiled)
    pages: list[Page] = []
    diagnostics: list[Diagnostic] = []
    for record in sorted(graph.records.values(), key=lambda r: r.path):
        if only is not None and record.id not in only:
            continue
        path = page_path(record)
        try:
            text, meta = renderer.render(f"{record.kind.value}.md.j2", path, record=record,
                                         r=with_defaults(record.data, schemas.by_kind[record.kind]),
                                         search=search_meta(record, graph))
        except jinja2.TemplateError as exc:
            diagnostics.append(template_error(paths, exc, f"while rendering {record.path}"))
            continue
        pages.append(Page(path, text, record.path, record.title, meta, head=record_head(record, graph, paths)))
    for hub in HUBS:
        path = f"{hub}/index.md"
        try:
            text, meta = renderer.render(f"hubs/{hub}.md.j2", path)
        except jinja2.TemplateError as exc:
            diagnostics.append(template_error(paths, exc, f"while rendering {path}"))
            continue
        pages.append(Page(path, text, f"templates/hubs/{hub}.md.j2", hub.capitalize(), meta))
    try:
        text, meta = renderer.render("contributing/fields.md.j2", "contributing/fields.md",
                               schemas=[(k.value, schemas.by_kind[k]) for k in Kind], vocab=schemas.vocab,
                               describe=lambda field: _describe_field(field, schemas))
        pages.append(Page("contributing/fields.md", text, "content/schemas/", "Record kinds and fields", meta))
    except jinja2.TemplateError as exc:
        diagnostics.append(template_error(paths, exc, "while rendering contributing/fields.md"))
    return sorted(pages, key=lambda p: p.path), diagnostics


def render_snippets(paths: Paths, graph: Graph, compiled: jinja2.BytecodeCache | None = None) -> dict[str, str]:
    """HTML for markers in hand-written pages: `<!-- BODY-MAP -->` on the home page becomes the clickable
    body map, each muscle linking to its stretches in the finder."""
    renderer = Renderer(paths, graph, {}, compiled)
    figure = renderer._body_map("find/?muscle=")
    return {"<!-- BODY-MAP -->": f'<figure class="ma-figure ma-figure--body ma-figure--map">{figure}</figure>'}


def _describe_field(field: dict[str, Any], schemas: Schemas) -> Markup:
    """One line about a schema field for the contributing guide: its description, type and allowed values."""
    field = schemas.resolved(field)
    items = schemas.resolved(field.get("items", {}))
    parts = [escape_plain(field.get("description", ""))]
    target = field.get("x-ref") or items.get("x-ref")
    if target:
        parts.append(f"*Links to:* {target}" + (" (a list)" if field.get("type") == "array" else ""))
    elif field.get("enum") or items.get("enum"):
        parts.append("*One of:* " + ", ".join(f"`{v}`" for v in field.get("enum") or items.get("enum")))
    elif field.get("type") == "array" and items.get("type") == "object":
        parts.append("*A list of:* " + ", ".join(f"`{k}`" for k in items.get("properties", {})))
    elif field.get("type") == "object":
        parts.append("*Fields:* " + ", ".join(f"`{k}`" for k in field.get("properties", {})))
    elif field.get("type"):
        parts.append(f"*Type:* {'list of text' if field['type'] == 'array' else field['type']}")
    return Markup(" ".join(parts))


def template_error(paths: Paths, exc: jinja2.TemplateError, context: str) -> Diagnostic:
    """A Jinja error at the template's file and line."""
    file, line = "templates", 1
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file, line = paths.rel(Path(exc.filename)) if exc.filename else file, exc.lineno
    else:  # runtime errors: Jinja rewrites the traceback so template frames carry the template's line
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                file, line = paths.rel(Path(frame.filename)), frame.lineno or 1
                break
    message = getattr(exc, "message", None) or str(exc)
    return error(Span(file, line, 1), f"template error: {message} ({context})",
                 "fix the template, or add the missing field to the record")
