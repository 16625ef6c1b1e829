"""build_site(): load -> validate -> link -> render, with every problem collected."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks import run_checks
from .clock import today
from .diagnostics import Diagnostic, has_errors
from .graph import Graph, link_records
from .load import load_record, load_records
from .model import Paths
from .publish import publish_site
from .incremental import Changes, RecordCache, TemplateCache, changed_ids, neighbourhood, stat_key, tree_key
from .render import Page, page_path, render_pages, render_snippets
from .schema import load_schemas, schema_problems, validate_record


@dataclass
class BuildResult:
    pages: list[Page] = field(default_factory=list)
    snippets: dict[str, str] = field(default_factory=dict)  # generated parts of hand-written pages, by marker
    files: dict[str, str] = field(default_factory=dict)  # other generated files (feed, open data), by site path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    graph: Graph | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check_content(paths: Paths, files: list[Path] | None = None, on: dt.date | None = None,
                  cache: RecordCache | None = None) -> tuple[Graph | None, list[Diagnostic]]:
    """Load, validate and link; all diagnostics, sorted by file and position.
    With `files`, only problems in those files are reported (the rest is still loaded to resolve references).
    With `cache`, unchanged files are neither read nor validated again."""
    schemas_key = tuple((f.name, stat_key(f)) for f in sorted(paths.schemas.glob("*.schema.json")))
    if cache is not None and cache.schemas is not None and cache.schemas_key == schemas_key:
        schemas = cache.schemas  # unchanged since they were last checked and loaded
    else:
        broken_schemas = schema_problems(paths)
        if broken_schemas:
            return None, sorted(broken_schemas)
        schemas = load_schemas(paths)
        if cache is not None:
            cache.use_schemas(schemas_key, schemas)
    records, diagnostics = load_records(paths, cache=cache)
    # Ids of files that could not be read: references to them are not reported again (one error, not 25).
    unreadable = {Path(d.span.file).stem for d in diagnostics}
    for record in records:
        entry = cache.entries.get(paths.root / record.path) if cache is not None else None
        if entry is None:
            diagnostics.extend(validate_record(record, schemas))
            continue
        if entry.schema_problems is None:
            entry.schema_problems = validate_record(record, schemas)
        diagnostics.extend(entry.schema_problems)
    graph = link_records(records, schemas)
    diagnostics.extend(run_checks(records, graph, on or today(), unreadable))
    if files is not None:
        content = Path(os.path.abspath(paths.content))
        for f in files:  # a file named on the command line outside content/ is refused, not ignored
            if f.is_file() and content not in Path(os.path.abspath(f)).parents:
                diagnostics.extend(load_record(paths, f)[1])
        wanted = {paths.rel(f) for f in files}
        diagnostics = [d for d in diagnostics if d.span.file in wanted or any(d.span.file.startswith(w.rstrip("/") + "/") for w in wanted)]
    return graph, sorted(set(diagnostics))


class Generator:
    """Builds the site's pages, and again after each edit doing only the work the edit needs
    (see incremental.py). `mkdocs serve` keeps one for its whole run; `build_site` uses a fresh one."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.cache = RecordCache()
        self.compiled = TemplateCache()
        self.graph: Graph | None = None  # of the last good build
        self.pages: dict[str, Page] = {}  # of the last good build, by path
        self.templates_key: tuple[object, ...] = ()

    def build(self, on: dt.date | None = None) -> tuple[BuildResult, Changes]:
        graph, diagnostics = check_content(self.paths, on=on, cache=self.cache)
        result = BuildResult(diagnostics=diagnostics, graph=graph)
        if not result.ok or graph is None:
            self.graph, self.pages = None, {}  # the next good build starts afresh
            return result, Changes(full=True, pages=set(), removed=set())
        templates_key = (tree_key(self.paths.templates), self.cache.schemas_key)
        full = self.graph is None or templates_key != self.templates_key
        only = None if full else neighbourhood([self.graph, graph], changed_ids(self.graph, graph))
        rendered, problems = render_pages(self.paths, graph, graph.schemas, {}, only=only, compiled=self.compiled)
        pages = {page.path: page for page in rendered}
        for record in graph.records.values():  # records outside the neighbourhood keep their page
            path = page_path(record)
            if path not in pages and path in self.pages:
                pages[path] = self.pages[path]
        result.pages = [pages[path] for path in sorted(pages)]
        result.snippets = render_snippets(self.paths, graph, self.compiled)
        result.files = publish_site(self.paths, graph)  # feed.xml and api/*.json
        result.diagnostics = sorted(set(diagnostics + problems))
        if not result.ok:
            self.graph, self.pages = None, {}
            return result, Changes(full=True, pages=set(), removed=set())
        changed = {path for path, page in pages.items()
                   if path not in self.pages or (self.pages[path].markdown, self.pages[path].head) != (page.markdown, page.head)}
        changes = Changes(full=full, pages=changed, removed=set(self.pages) - set(pages),
                          rendered=len(graph.records) if only is None else len(only & set(graph.records)))
        self.graph, self.pages, self.templates_key = graph, pages, templates_key
        return result, changes


def build_site(paths: Paths, on: dt.date | None = None) -> BuildResult:
    """Everything the site needs from content/: pages (only when the content is valid) and diagnostics."""
    return Generator(paths).build(on)[0]
