"""Cross-record rules: one function per rule, each returning diagnostics.

The rules are described for contributors on site_src/contributing/rules.md.
"""
from __future__ import annotations

import datetime as dt

from .diagnostics import Diagnostic, Span, error, warning
from .figures.check import check_figures
from .graph import Graph, rich_texts
from .markup import problems, record_links
from .model import Kind, Record
from .schema import did_you_mean, field_path

RESERVED_NAMES = {"con", "prn", "aux", "nul", "index", "tags", "search", "assets"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}
REVIEW_EVERY_DAYS = 730
# Kinds that must be linked from some other record (hub pages alone do not count).
MUST_BE_LINKED = (Kind.MUSCLE, Kind.GROUP, Kind.EXERCISE, Kind.CONDITION, Kind.TEST, Kind.SOURCE, Kind.AUTHOR)


def check_id_matches_file(records: list[Record]) -> list[Diagnostic]:
    """A record's id equals its file name, so every id maps to exactly one file and page."""
    found = []
    for r in records:
        stem = r.path.rsplit("/", 1)[-1][: -len(".yml")]
        value = r.data.get("id")
        if isinstance(value, str) and value != stem:
            found.append(error(r.span(("id",)), f"id {value!r} does not match the file name {stem + '.yml'!r}",
                               f"rename the file to {value + '.yml'!r} or set 'id: {stem}'"))
    return found


def check_reserved_ids(records: list[Record]) -> list[Diagnostic]:
    """Ids that are device names on Windows or clash with the site's own pages are refused."""
    return [error(r.span(("id",)), f"id {r.id!r} is reserved", "choose a more specific id, e.g. add the body part")
            for r in records if r.id.lower() in RESERVED_NAMES]


def check_unique_ids(records: list[Record]) -> list[Diagnostic]:
    """Ids are unique across all kinds, ignoring case (case-insensitive file systems would merge them)."""
    first: dict[str, Record] = {}
    found = []
    for r in sorted(records, key=lambda r: r.path):
        key = r.id.lower()
        if key in first:
            other = first[key]
            found.append(error(r.span(("id",)), f"duplicate id {r.id!r}: {other.path} already uses it",
                               "ids must be unique across all records, ignoring case; choose another id"))
        else:
            first[key] = r
    return found


def check_references(graph: Graph, unreadable: set[str] = frozenset()) -> list[Diagnostic]:
    """Every reference field names an existing record of the right kind."""
    found = []
    for edge in graph.edges:
        if edge.field == "text" or edge.target in unreadable:
            continue  # [[id]] links are checked with their exact position in check_rich_text
        source = graph.records[edge.source]
        found.extend(_resolve(graph, edge.target, edge.kind, source.span(edge.path), field_path(edge.path)))
    return found


def check_rich_text(graph: Graph, unreadable: set[str] = frozenset()) -> list[Diagnostic]:
    """Rich text uses only the allowed Markdown, and every [[id]] link resolves."""
    found = []
    for record in graph.records.values():
        for path, text in graph.texts.get(record.id) or rich_texts(record):
            for p in problems(text):
                found.append(error(record.text_span(path, p.offset), f"{p.message} in {field_path(path)}", p.hint))
            for offset, target, _label in record_links(text):
                if target in unreadable:
                    continue
                found.extend(_resolve(graph, target, None, record.text_span(path, offset), field_path(path)))
    return found


def check_markup_in_names(records: list[Record]) -> list[Diagnostic]:
    """Names, titles and aliases contain no `<` or `>`: they travel where MyoAtlas does not escape them
    (other generators reading `export-md`, copies of the data), and no real name needs them."""
    found = []
    for r in records:
        named = [(key,) for key in ("name", "title") if isinstance(r.data.get(key), str)]
        named += [("aliases", i) for i, a in enumerate(r.data.get("aliases") or []) if isinstance(a, str)]
        for path in named:
            value = r._get(path)
            offset = min((i for i in (value.find("<"), value.find(">")) if i >= 0), default=-1)
            if offset >= 0:
                found.append(error(r.text_span(path, offset), f"{value[offset]!r} is not allowed in {field_path(path)}",
                                   "names are shown in titles, menus and search results; write 'less than' or 'more than' in words"))
    return found


def check_linked(graph: Graph) -> list[Diagnostic]:
    """A record that no other record links to, and that links to nothing shown on other pages,
    cannot be reached from any page but the hubs: probably forgotten (warning).
    A source nothing cites is always reported."""
    found = []
    for r in graph.records.values():
        if r.kind not in MUST_BE_LINKED or graph.is_referenced(r.id):
            continue
        links_out = [e for e in graph.outgoing(r.id) if e.field not in ("author", "sources")]
        if r.kind is Kind.SOURCE:
            found.append(warning(r.span(("id",)), "nothing cites this source", f"cite {r.id!r} in a record's sources, or remove it"))
        elif not links_out:
            found.append(warning(r.span(("id",)), f"nothing links to this {r.kind.value}",
                                 f"refer to {r.id!r} from a related record, or remove it"))
    return found


def check_review_dates(records: list[Record], today: dt.date) -> list[Diagnostic]:
    """Health pages are re-checked against their sources at least every two years (warning)."""
    found = []
    for r in records:
        value = r.data.get("reviewed")
        try:
            reviewed = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            continue  # the schema reports the bad date
        if reviewed is None:
            continue
        if reviewed > today:
            found.append(warning(r.span(("reviewed",)), f"review date {value!r} is in the future", "use the date of the review"))
        elif (today - reviewed).days > REVIEW_EVERY_DAYS:
            found.append(warning(r.span(("reviewed",)), f"review is past due: last reviewed {value}, more than two years ago",
                                 "check the page against its sources, then update 'reviewed'"))
    return found


def run_checks(records: list[Record], graph: Graph, today: dt.date, unreadable: set[str] = frozenset()) -> list[Diagnostic]:
    """Every cross-record rule; references to `unreadable` ids (files that failed to load) are skipped."""
    return [
        *check_id_matches_file(records),
        *check_reserved_ids(records),
        *check_unique_ids(records),
        *check_references(graph, unreadable),
        *check_rich_text(graph, unreadable),
        *check_markup_in_names(records),
        *(check_linked(graph) if not unreadable else []),  # cannot judge while some files are unreadable
        *check_review_dates(records, today),
        *check_figures(records, graph),
    ]


def _resolve(graph: Graph, target: str, kind: str | None, span: Span, where: str) -> list[Diagnostic]:
    record = graph.get(target)
    label = kind or "record"
    if record is None:
        candidates = [r.id for r in graph.records.values() if kind is None or r.kind.value == kind]
        guess = did_you_mean(target, candidates)
        folder = f"content/{kind}/" if kind else "content/"
        hint = f"{guess} ({label}s live in {folder})" if guess else f"check the spelling; {label}s live in {folder}"
        return [error(span, f"unknown {label} {target!r} in {where}", hint)]
    if kind is not None and record.kind.value != kind:
        return [error(span, f"{target!r} is a {record.kind.value}, not a {kind}, in {where}",
                      f"{where.split('[')[0]} lists {kind}s")]
    return []
