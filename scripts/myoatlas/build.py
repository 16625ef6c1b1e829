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
from .render import Page, render_pages, render_snippets
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


def check_content(paths: Paths, files: list[Path] | None = None, on: dt.date | None = None) -> tuple[Graph | None, list[Diagnostic]]:
    """Load, validate and link; all diagnostics, sorted by file and position.
    With `files`, only problems in those files are reported (the rest is still loaded to resolve references)."""
    broken_schemas = schema_problems(paths)
    if broken_schemas:
        return None, sorted(broken_schemas)
    schemas = load_schemas(paths)
    records, diagnostics = load_records(paths)
    # Ids of files that could not be read: references to them are not reported again (one error, not 25).
    unreadable = {Path(d.span.file).stem for d in diagnostics}
    for record in records:
        diagnostics.extend(validate_record(record, schemas))
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


def build_site(paths: Paths, on: dt.date | None = None) -> BuildResult:
    """Everything the site needs from content/: pages (only when the content is valid) and diagnostics."""
    graph, diagnostics = check_content(paths, on=on)
    result = BuildResult(diagnostics=diagnostics, graph=graph)
    if not result.ok or graph is None:
        return result
    pages, problems = render_pages(paths, graph, graph.schemas, {})
    result.pages = pages
    result.snippets = render_snippets(paths, graph)
    result.diagnostics = sorted(set(diagnostics + problems))
    return result
