"""Link: the graph of typed references between records, and the reverse links computed from it.

A stretch names the muscles it stretches; the muscle page lists the stretches that
name it. Reverse links are never typed twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .markup import record_links
from .model import DataPath, Kind, Record
from .schema import Schemas, reference_fields

RICH_FIELDS = {"notes", "description", "clinical_notes", "source_notes", "body", "limitations", "bio"}


@dataclass(frozen=True)
class Edge:
    """`source` refers to `target` through `field` (the top-level field name, or 'text' for [[id]] links).
    `kind` is the kind the schema expects there (None for [[id]] links, which may name any kind)."""

    source: str
    field: str
    target: str
    path: DataPath
    kind: str | None = None


@dataclass
class Graph:
    """Records by id, and every reference in both directions."""

    records: dict[str, Record]
    schemas: Schemas
    edges: list[Edge] = field(default_factory=list)
    _incoming: dict[str, list[Edge]] = field(default_factory=dict)
    _outgoing: dict[str, list[Edge]] = field(default_factory=dict)
    texts: dict[str, list[tuple[DataPath, str]]] = field(default_factory=dict)  # rich_texts() of each record

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def of_kind(self, kind: Kind) -> list[Record]:
        """All records of a kind, sorted by title then id."""
        return sorted((r for r in self.records.values() if r.kind is kind), key=lambda r: (r.title.lower(), r.id))

    def referrers(self, record_id: str, kind: Kind | None = None, fields: tuple[str, ...] = ()) -> list[Record]:
        """Records that refer to `record_id` (optionally of one kind, through some fields), sorted, no repeats."""
        seen: dict[str, Record] = {}
        for edge in self._incoming.get(record_id, []):
            source = self.records[edge.source]
            if (kind is None or source.kind is kind) and (not fields or edge.field in fields) and source.id != record_id:
                seen[source.id] = source
        return sorted(seen.values(), key=lambda r: (r.title.lower(), r.id))

    def outgoing(self, record_id: str) -> list[Edge]:
        """The references `record_id` makes, in file order."""
        return self._outgoing.get(record_id, [])

    def is_referenced(self, record_id: str) -> bool:
        return any(e.source != record_id for e in self._incoming.get(record_id, []))


def link_records(records: list[Record], schemas: Schemas) -> Graph:
    """Build the graph from the x-ref fields of each schema and the [[id]] links in rich text.
    Unknown targets are kept as edges too; `checks.py` reports them."""
    graph = Graph(records={r.id: r for r in records}, schemas=schemas)
    for record in sorted(records, key=lambda r: r.path):
        for path, kind, value in reference_fields(schemas.by_kind[record.kind], record.data):
            if isinstance(value, str):
                graph.edges.append(Edge(record.id, str(path[0]), value, path, kind))
        graph.texts[record.id] = rich_texts(record)
        for path, text in graph.texts[record.id]:
            for _offset, target, _label in record_links(text):
                graph.edges.append(Edge(record.id, "text", target, path))
    for edge in graph.edges:
        graph._incoming.setdefault(edge.target, []).append(edge)
        graph._outgoing.setdefault(edge.source, []).append(edge)
    return graph


def rich_texts(record: Record) -> list[tuple[DataPath, str]]:
    """(path, text) of every rich Markdown field of a record, wherever it is nested."""
    found: list[tuple[DataPath, str]] = []

    def walk(value: object, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                if key in RICH_FIELDS and isinstance(sub, str):
                    found.append((path + (key,), sub))
                else:
                    walk(sub, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(record.data, ())
    return found
