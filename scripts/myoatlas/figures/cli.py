"""`myoatlas figure ID [-o FILE.svg]`: one record's figure as a standalone SVG file, for a quick look."""
from __future__ import annotations

import sys
from pathlib import Path

from ..build import check_content
from ..model import Kind, Paths
from .site import body_figure_html, pose_figure_html


def standalone(svg: str, css: str) -> str:
    """An inline <svg> made self-contained: the site's figure styles (light scheme) inside it."""
    head, sep, rest = svg.partition(">")
    style = f"<style>{css}</style>" if css else ""
    return f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{head}{sep}{style}{rest}\n"


def write_figure(paths: Paths, record_id: str, output: Path | None) -> int:
    graph, diagnostics = check_content(paths)
    record = graph.get(record_id) if graph else None
    if record is None:
        print(f"error: no record with id {record_id!r}", file=sys.stderr)
        return 1
    if record.kind in (Kind.EXERCISE, Kind.TEST):
        html = pose_figure_html(record, graph)
        if not html:
            print(f"error: {record.path} has no 'figure:' block\n  hint: add one; see site_src/contributing/figures.md",
                  file=sys.stderr)
            return 1
    elif record.kind is Kind.MUSCLE:
        html = body_figure_html(record, graph)
        if not html:
            print(f"error: muscle {record_id!r} has no shape on the body diagram yet", file=sys.stderr)
            return 1
    else:
        print(f"error: {record_id!r} is a {record.kind.value}; figures exist for exercises, tests and muscles", file=sys.stderr)
        return 1
    svg = html[html.index("<svg"): html.index("</svg>") + len("</svg>")]
    css_file = paths.root / "site_src" / "assets" / "figures.css"
    css = css_file.read_text(encoding="utf-8") if css_file.is_file() else ""
    text = standalone(svg, css + "svg{background:#fff}")
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    return 0
