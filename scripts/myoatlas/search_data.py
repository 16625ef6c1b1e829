"""What search knows about each page, computed from the graph (no MkDocs, no Pagefind here).

- `terms`: the words a reader types for this page, weighted high: its name and aliases, and for an
  exercise the names, aliases and groups of the muscles it stretches, works or massages (so "glutes"
  finds the figure-four stretch); for a muscle, its groups.
- `filters`: facets for the "Find a stretch" page and for intent ("stretch" in a query): page type,
  exercise kind, body region, muscle, group, position, equipment, difficulty. Values are ids.
- `meta`: what a result shows besides the title: type label, short aliases.
- `vocabulary()`: every name and alias with its page, for "Did you mean ...?" and for saying which
  body regions the site covers.
"""
from __future__ import annotations

from typing import Any

from .graph import Graph
from .model import Kind, Record

TYPE_LABELS = {Kind.MUSCLE: "Muscle", Kind.GROUP: "Muscle group", Kind.EXERCISE: "Exercise", Kind.CONDITION: "Condition",
               Kind.TEST: "Test", Kind.ARTICLE: "Article", Kind.ROUTINE: "Routine", Kind.AUTHOR: "Author", Kind.SOURCE: "Source"}
# Where a page type ranks when relevance ties (lower first): what readers come for comes first.
TYPE_RANK = {Kind.EXERCISE: 1, Kind.MUSCLE: 2, Kind.GROUP: 2, Kind.CONDITION: 2, Kind.TEST: 3, Kind.ROUTINE: 4,
             Kind.ARTICLE: 5, Kind.AUTHOR: 6, Kind.SOURCE: 6}


def names(record: Record) -> list[str]:
    """A record's name and its aliases, in order, without repeats."""
    out = [record.title] + [str(a) for a in record.data.get("aliases") or []]
    return list(dict.fromkeys(out))


def _muscles_of(record: Record, graph: Graph) -> list[Record]:
    ids = [*record.data.get("stretches", []), *record.data.get("also_stretches", []), *record.data.get("works", []),
           *record.data.get("massages", []), *record.data.get("assesses", []), *record.data.get("muscles", [])]
    return [graph.records[i] for i in dict.fromkeys(ids) if i in graph.records and graph.records[i].kind is Kind.MUSCLE]


def _groups_of(muscles: list[Record], graph: Graph) -> list[Record]:
    ids = [g for m in muscles for g in m.data.get("groups", [])]
    return [graph.records[i] for i in dict.fromkeys(ids) if i in graph.records]


def search_meta(record: Record, graph: Graph) -> dict[str, Any]:
    """The `search` front matter of a record's page. Citations and author pages are left out of the
    index: readers look for muscles and stretches, and a paper's title would crowd them out."""
    if record.kind in (Kind.SOURCE, Kind.AUTHOR):
        return {"index": False}
    terms = names(record)
    filters: dict[str, list[str]] = {"type": [record.kind.value]}
    data = record.data
    if record.kind is Kind.EXERCISE:
        muscles = _muscles_of(record, graph)
        groups = _groups_of(muscles, graph)
        for other in muscles + groups:
            terms += names(other)
        filters.update(kind=[data.get("kind", "")], position=[data.get("position", "")],
                       difficulty=[data.get("difficulty", "")], equipment=list(data.get("equipment", [])),
                       muscle=[m.id for m in muscles], group=[g.id for g in groups],
                       region=sorted({str(m.data.get("region")) for m in muscles if m.data.get("region")}))
    elif record.kind is Kind.MUSCLE:
        groups = [graph.records[g] for g in data.get("groups", []) if g in graph.records]
        for group in groups:
            terms += names(group)
        filters.update(muscle=[record.id], group=[g.id for g in groups], region=[str(data.get("region", ""))])
    elif record.kind is Kind.GROUP:
        filters.update(group=[record.id], region=[str(data.get("region", ""))])
    label = TYPE_LABELS[record.kind]
    if record.kind is Kind.EXERCISE and data.get("kind"):
        label = str(data["kind"]).replace("-", " ").capitalize()
    short = names(record)[1:4]
    meta = {"type": label, **({"aliases": ", ".join(short)} if short else {}),
            "names": " | ".join(names(record)), "rank": str(TYPE_RANK[record.kind]),
            # How many records link here: of two pages named alike, the one more pages point to comes first.
            "links": str(len(graph.referrers(record.id)))}
    summary = data.get("summary") or data.get("description")
    if isinstance(summary, str) and summary.strip():
        meta["summary"] = summary.strip()  # the result preview: the page's own first paragraph, not search terms
    if record.kind is Kind.EXERCISE:
        meta["about"] = " · ".join(str(data.get(k, "")).replace("-", " ") for k in ("position", "difficulty") if data.get(k))
    return {"terms": " · ".join(dict.fromkeys(terms)),
            "filters": {k: [v for v in vs if v] for k, vs in filters.items() if any(vs)},
            "meta": meta,
            "sort": {"rank": str(TYPE_RANK[record.kind]), "title": record.title.lower()}}


def vocabulary(graph: Graph) -> dict[str, Any]:
    """Names and aliases of the pages readers look for, and the body regions covered, for the search box."""
    entries = []
    for record in sorted(graph.records.values(), key=lambda r: r.path):
        if record.kind in (Kind.SOURCE, Kind.AUTHOR):
            continue
        url = f"{record.kind.plural}/{record.id}/"
        entries += [[name, url, TYPE_LABELS[record.kind]] for name in names(record)]
    regions = sorted({str(r.data["region"]) for r in graph.records.values()
                      if r.kind is Kind.MUSCLE and r.data.get("region")})
    return {"names": entries, "regions": [region.replace("-", " ") for region in regions]}


def finder_labels(graph: Graph, vocab: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Labels of every facet value of the "Find a stretch" page, in display order: id -> label."""
    def words(value: str) -> str:
        text = value.replace("-", " ")
        return text[:1].upper() + text[1:]

    def closed(name: str) -> dict[str, str]:
        return {v: words(v) for v in vocab.get(name, {}).get("enum", [])}

    return {
        "kind": closed("exercise-kind"),
        "muscle": {m.id: m.title for m in graph.of_kind(Kind.MUSCLE)},
        "group": {g.id: g.title for g in graph.of_kind(Kind.GROUP)},
        "region": closed("region"),
        "position": closed("position"),
        "equipment": closed("equipment"),
        "difficulty": closed("difficulty"),
    }


def body_map_links(graph: Graph, prefix: str) -> tuple[dict[str, str], dict[str, str]]:
    """(links, names) for a clickable body map: every muscle links to `prefix` + its id."""
    muscles = graph.of_kind(Kind.MUSCLE)
    return {m.id: prefix + m.id for m in muscles}, {m.id: m.title for m in muscles}
