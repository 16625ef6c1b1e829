"""Incremental builds: after an edit, load, validate and render only what the edit can change.

`mkdocs serve` keeps one `Generator` for its whole run. Each build:

1. reuses every record whose file is unchanged (same size, mtime and inode) and its schema problems,
   while the schemas are unchanged (`RecordCache`);
2. links and checks the whole graph again (cross-record rules need all of it; it is cheap);
3. renders again only the records within two links of a changed, added or removed record, in the old
   graph or the new one (a page shows its neighbours and their neighbours' names at most), and every
   hub; every other page keeps its Markdown from the previous build;
4. reports which pages' Markdown (or <head>) differs from the previous build, so MkDocs rebuilds only those.

Templates or schemas changed, broken content, or the first build: everything is rendered. `build_site`
runs the same code with a fresh Generator, so a one-shot build is the reference an incremental one must
equal byte for byte (tests/test_incremental.py).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .diagnostics import Diagnostic
from .graph import Graph
from .model import Kind, Paths, Record
from .schema import Schemas

StatKey = tuple[int, int, int]  # size, mtime in ns, inode


def stat_key(path: Path) -> StatKey | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def tree_key(folder: Path) -> tuple[tuple[str, StatKey | None], ...]:
    """A fingerprint of every file under `folder`: changes when any file is added, removed or saved."""
    if not folder.is_dir():
        return ()
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            found.append((path.as_posix(), stat_key(path)))
    return tuple(found)


@dataclass
class _Entry:
    key: StatKey | None
    record: Record | None
    load_problems: list[Diagnostic]
    schema_problems: list[Diagnostic] | None = None  # None: not validated against the current schemas yet


@dataclass
class RecordCache:
    """Loaded records and their schema problems, by file, reused while the file is unchanged."""

    entries: dict[Path, _Entry] = field(default_factory=dict)
    schemas_key: tuple[object, ...] = ()
    schemas: Schemas | None = None  # loaded and checked against the meta-schema, as of `schemas_key`

    def lookup(self, file: Path) -> _Entry | None:
        entry = self.entries.get(file)
        return entry if entry is not None and entry.key is not None and entry.key == stat_key(file) else None

    def store(self, file: Path, record: Record | None, problems: list[Diagnostic]) -> _Entry:
        entry = self.entries[file] = _Entry(stat_key(file), record, problems)
        return entry

    def use_schemas(self, key: tuple[object, ...], schemas: Schemas) -> None:
        """New schemas: forget every validation result."""
        self.schemas_key, self.schemas = key, schemas
        for entry in self.entries.values():
            entry.schema_problems = None

    def keep_only(self, files: set[Path]) -> None:
        for gone in set(self.entries) - files:
            del self.entries[gone]


def changed_ids(old: Graph | None, new: Graph) -> set[str]:
    """Ids of records added, removed or changed (a changed file gives a new Record object)."""
    if old is None:
        return set(new.records)
    ids = set(old.records) ^ set(new.records)
    ids |= {i for i, r in new.records.items() if i in old.records and old.records[i] is not r}
    return ids


# Kinds every page links to (sources, authors): a page shows their own fields, never what else cites them,
# so a change travels through them to the pages citing them (one link) but not on to everything those cite.
NO_TRANSIT = (Kind.SOURCE, Kind.AUTHOR)


def neighbourhood(graphs: list[Graph], start: set[str], radius: int = 2) -> set[str]:
    """Every id within `radius` links of `start`, following links both ways, in any of `graphs`;
    a source or author passes a change on only when it is itself one of `start`."""
    adjacent: dict[str, set[str]] = {}
    transit: set[str] = set(start)
    for graph in graphs:
        transit |= {i for i, r in graph.records.items() if r.kind not in NO_TRANSIT}
        for edge in graph.edges:
            adjacent.setdefault(edge.source, set()).add(edge.target)
            adjacent.setdefault(edge.target, set()).add(edge.source)
    seen = set(start)
    frontier = set(start)
    for _ in range(radius):
        frontier = {n for i in frontier if i in transit for n in adjacent.get(i, ())} - seen
        seen |= frontier
    return seen


@dataclass
class Changes:
    """What one build changed compared with the previous one."""

    full: bool  # first build, templates or schemas changed, or the content was broken before
    pages: set[str]  # generated page paths whose Markdown or <head> differs, or that are new
    removed: set[str]  # generated page paths that existed before and are gone
    rendered: int = 0  # record pages rendered again (the rest were reused)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory between builds (Jinja checks each template's source checksum)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
