"""The performance chart: build, preview and search time against the number of records, as inline SVG.

Pure Python, no plotting library. Text and axes use currentColor, so the chart follows the page's
light or dark scheme; MyoAtlas is a solid teal line with filled dots, plain MkDocs (or cold search)
a dashed line with hollow dots, so the two differ without colour. One dot per measured size.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any, Callable

WIDTH = 360
PANEL = 190  # height of one panel, title included
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 44, 34
TEAL = "#00897b"


@dataclass(frozen=True)
class Series:
    name: str
    key: str  # css class and data-series
    points: list[tuple[int, float]]  # (records, value)
    dashed: bool = False


@dataclass(frozen=True)
class Panel:
    title: str
    unit: str
    series: list[Series]


def _get(run: dict[str, Any], *path: str) -> float | None:
    value: Any = run
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, (int, float)) else None


def panels(runs: list[dict[str, Any]]) -> list[Panel]:
    def series(name: str, key: str, pick: Callable[[dict[str, Any]], float | None], dashed: bool = False) -> Series:
        points = [(int(r["records"]), v) for r in runs if (v := pick(r)) is not None]
        return Series(name, key, sorted(points), dashed)

    return [
        Panel("Full build", "s", [series("MyoAtlas", "build-myoatlas", lambda r: _get(r, "build_s")),
                                  series("plain MkDocs", "build-plain", lambda r: _get(r, "plain_build_s"), True)]),
        Panel("Preview after an edit", "s", [
            series("MyoAtlas", "preview-myoatlas", lambda r: _get(r, "preview", "myoatlas", "edit_to_page_s")),
            series("plain MkDocs", "preview-plain", lambda r: _get(r, "preview", "plain", "edit_to_page_s"), True)]),
        Panel("Search, keystroke to results", "ms", [
            series("warm", "search-warm", lambda r: _get(r, "search", "warm", "median_ms")),
            series("cold", "search-cold", lambda r: _get(r, "search", "cold", "median_ms"), True)]),
    ]


def _nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) so that `ticks` steps reach at least `top`."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    exponent = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 5, 10):
        if step * exponent >= raw:
            return step * exponent
    return 10 * exponent


def _number(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value == int(value):
        return f"{value:.0f}"
    return f"{value:.2f}".rstrip("0")


def _size(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else f"{n:,}"


def chart(runs: list[dict[str, Any]]) -> str:
    """One SVG with a panel per measure; empty panels say they were not measured."""
    sizes = sorted({int(r["records"]) for r in runs})
    blocks = panels(runs)
    height = PANEL * len(blocks)
    out = [f'<svg class="ma-bench-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
           f'style="display:block;max-width:30rem;height:auto;margin:0 auto" '
           f'role="img" aria-labelledby="ma-bench-title ma-bench-desc" font-family="inherit" font-size="12" fill="currentColor">',
           '<title id="ma-bench-title">Build, preview and search time against the number of records</title>',
           f'<desc id="ma-bench-desc">{escape(_description(blocks))}</desc>']
    lo, hi = (sizes[0], sizes[-1]) if sizes else (1, 1)
    logx = hi / max(lo, 1) >= 4
    x0, x1 = LEFT, WIDTH - RIGHT

    def x_of(n: int) -> float:
        if hi == lo:
            return (x0 + x1) / 2
        if logx:
            return x0 + (math.log(n) - math.log(lo)) / (math.log(hi) - math.log(lo)) * (x1 - x0)
        return x0 + (n - lo) / (hi - lo) * (x1 - x0)

    for i, block in enumerate(blocks):
        top = i * PANEL
        y0, y1 = top + PANEL - BOTTOM, top + TOP  # y0: the zero line, y1: the top of the plot
        values = [v for s in block.series for _, v in s.points]
        step = _nice_step(max(values) * 1.05) if values else 0.25
        ticks = max(1, math.ceil(max(values) * 1.05 / step)) if values else 4
        ymax = step * ticks
        out.append(f'<g class="ma-bench-panel" data-panel="{i}">')
        out.append(f'<text x="0" y="{top + 16}" font-weight="bold" font-size="13">{escape(block.title)} ({block.unit})</text>')
        lx = WIDTH - RIGHT
        for s in reversed(block.series):  # legend, right-aligned on the title's second line
            label = escape(s.name)
            width = 7 * len(s.name) + 30
            lx -= width
            out.append(f'<g class="ma-bench-legend"><line x1="{lx}" y1="{top + 30}" x2="{lx + 20}" y2="{top + 30}" '
                       f'{_stroke(s)} stroke-width="2"/>{_dot(lx + 10, top + 30, s)}'
                       f'<text x="{lx + 25}" y="{top + 34}">{label}</text></g>')
        for k in range(ticks + 1):
            v = step * k
            y = y0 - (y0 - y1) * k / ticks
            out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="currentColor" '
                       f'stroke-opacity="{0.5 if k == 0 else 0.15}"/>')
            out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{_number(v)}</text>')
        for n in sizes:
            out.append(f'<text x="{x_of(n):.1f}" y="{y0 + 16}" text-anchor="middle">{_size(n)}</text>')
        if i == len(blocks) - 1:
            out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{y0 + 30}" text-anchor="middle">records</text>')
        if not values:
            out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{(y0 + y1) / 2:.1f}" text-anchor="middle" '
                       f'fill-opacity="0.7">not measured in this run</text>')

        def y_of(v: float) -> float:
            return y0 - v / ymax * (y0 - y1)

        for s in block.series:
            if not s.points:
                continue
            coords = " ".join(f"{x_of(n):.1f},{y_of(v):.1f}" for n, v in s.points)
            out.append(f'<g class="ma-bench-series" data-series="{s.key}">')
            if len(s.points) > 1:
                out.append(f'<polyline points="{coords}" fill="none" {_stroke(s)} stroke-width="2"/>')
            for n, v in s.points:
                out.append(f'{_dot(x_of(n), y_of(v), s, n)[:-2]}><title>{escape(s.name)}, {n:,} records: '
                           f'{_number(v)} {block.unit}</title></circle>')
            out.append("</g>")
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _stroke(s: Series) -> str:
    return f'stroke="currentColor" stroke-dasharray="5 4"' if s.dashed else f'stroke="{TEAL}"'


def _dot(x: float, y: float, s: Series, n: int | None = None) -> str:
    data = f' data-n="{n}"' if n is not None else ""
    fill = 'fill="none" stroke="currentColor"' if s.dashed else f'fill="{TEAL}" stroke="{TEAL}"'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" {fill} stroke-width="1.5"{data}/>'


def _description(blocks: list[Panel]) -> str:
    parts = []
    for block in blocks:
        measured = [f"{s.name}: " + ", ".join(f"{_number(v)} {block.unit} at {n:,}" for n, v in s.points)
                    for s in block.series if s.points]
        parts.append(f"{block.title}: " + ("; ".join(measured) if measured else "not measured") + ".")
    return " ".join(parts)
