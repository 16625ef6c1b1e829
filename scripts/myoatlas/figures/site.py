"""Figures on the site: the template globals `pose_figure`, `body_figure` and `body_svg`.

`register(env, graph)` adds them to a Jinja environment (called from `Renderer.__init__`). Each returns
Markup: one `<figure>` on a single line (so Markdown passes it through untouched), or "" when there is
nothing to draw. All text inside is escaped by body.py and pose.py. Figures carry `data-pagefind-ignore`: their
generated descriptions would otherwise crowd the search previews.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..graph import Graph
from ..model import Kind, Record
from . import body, pose

STRETCH_FIELDS = ("stretches", "also_stretches", "massages")


def highlights(record: Record) -> dict[str, str]:
    """Muscle id -> 'stretched' | 'worked' for an exercise or test, from its figure's `highlight` or its fields."""
    data = record.data
    figure = data.get("figure") if isinstance(data.get("figure"), dict) else {}
    chosen = figure.get("highlight") if isinstance(figure.get("highlight"), dict) else None
    found: dict[str, str] = {}
    if chosen is not None:
        for state in ("stretched", "worked"):
            for muscle_id in chosen.get(state) or []:
                found.setdefault(str(muscle_id), state)
        return found
    if record.kind is Kind.TEST:
        return {str(m): "stretched" for m in data.get("muscles") or []}
    for field in STRETCH_FIELDS:
        for muscle_id in data.get(field) or []:
            found.setdefault(str(muscle_id), "stretched")
    for muscle_id in data.get("works") or []:
        found.setdefault(str(muscle_id), "worked")
    return found


def _names(graph: Graph) -> dict[str, str]:
    return {r.id: r.title for r in graph.records.values() if r.kind is Kind.MUSCLE}


def _regions(graph: Graph) -> dict[str, str]:
    return {r.id: str(r.data.get("region", "")) for r in graph.records.values() if r.kind is Kind.MUSCLE}


def _legend(states: set[str]) -> str:
    keys = []
    if "stretched" in states or "target" in states:
        keys.append('<span class="ma-key ma-key--stretched" aria-hidden="true"></span>stretched')
    if "worked" in states:
        keys.append('<span class="ma-key ma-key--worked" aria-hidden="true"></span>worked')
    return " ".join(keys)


def pose_figure_html(record: Record, graph: Graph, names: dict[str, str] | None = None,
                     regions: dict[str, str] | None = None) -> str:
    """The figure block of an exercise or test page ("" without a `figure:`).
    `names` and `regions` (muscle id -> name / region) can be passed in so a build computes them once."""
    data = record.data.get("figure")
    if not isinstance(data, dict):
        return ""
    marks = {k: v for k, v in highlights(record).items() if k in graph.records}
    svg = pose.pose_svg(data, marks, title=f"{record.title}: how it looks", names=names or _names(graph),
                        regions=regions or _regions(graph), uid=f"fig-{record.id}")
    caption = _legend(set(marks.values()))
    if caption:
        caption = f"<figcaption>Coloured: {caption}.</figcaption>"
    return f'<figure class="ma-figure ma-figure--pose" data-pagefind-ignore>{svg}{caption}</figure>'


def body_figure_html(record: Record, graph: Graph, names: dict[str, str] | None = None) -> str:
    """The body diagram of a muscle page (the muscle) or an exercise page (its muscles); "" when none has a shape."""
    names = names or _names(graph)
    if record.kind is Kind.MUSCLE:
        marks = {record.id: "target"}
        title = f"Where the {record.title[:1].lower() + record.title[1:] if record.title[1:2].islower() else record.title} lies"
        desc = f"{record.title} is highlighted on the body" + (
            ": a dashed outline where it lies under other muscles, and solid in the deep layer." if record.id in body.DEEP else ".")
    elif record.kind in (Kind.EXERCISE, Kind.TEST):
        marks = {k: v for k, v in highlights(record).items() if k in graph.records}
        title = f"Muscles of the {record.title[:1].lower() + record.title[1:] if record.title[1:2].islower() else record.title}"
        desc = ""
    else:
        return ""
    drawn = [m for m in marks if body.has_shape(m)]
    if not drawn:
        return ""
    views = body.views_for(drawn, deep_layer=record.kind is Kind.MUSCLE)  # a deep muscle also gets its deep layer
    svg = body.body_svg(marks, views=views, title=title, names=names, desc=desc)
    caption = _legend(set(marks.values())) if record.kind is not Kind.MUSCLE else ""
    notes = []
    if caption:
        notes.append(f"Coloured: {caption}.")
    if any(m in body.DEEP for m in drawn):
        notes.append("Dashed outline: a deep muscle, under the surface ones" + (
            "; the deep layer shows it without the muscles over it." if record.kind is Kind.MUSCLE else "."))
    figcaption = f"<figcaption>{' '.join(notes)}</figcaption>" if notes else ""
    return f'<figure class="ma-figure ma-figure--body" data-pagefind-ignore>{svg}{figcaption}</figure>'


def register(env: Any, graph: Graph) -> None:
    """Add `pose_figure(record)`, `body_figure(record)` and `body_svg(...)` to a Jinja environment."""
    names, regions = _names(graph), _regions(graph)  # once per build, not once per page
    env.globals.update(
        pose_figure=lambda record: Markup(pose_figure_html(record, graph, names, regions)),
        body_figure=lambda record: Markup(body_figure_html(record, graph, names)),
        body_svg=lambda *args, **kwargs: Markup(body.body_svg(*args, **kwargs)),
    )
