"""Figure rules for `myoatlas check` (described on site_src/contributing/rules.md):

impossible joint angles, unknown props and body parts, parts floating above the floor with nothing under them
(or sunk into it), highlights of muscles that do not exist, and exercises or tests without a figure (warning).
"""
from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, error, warning
from ..graph import Graph
from ..model import Kind, Record
from ..schema import did_you_mean
from .pose import (JOINTS, PARTS, PROPS, RANGE_BODY, RANGE_FRONT, RANGE_SIDE, SIDES, SUPPORT, parse_figure,
                   parse_prop, place, prop_parts)

DRAWN = (Kind.EXERCISE, Kind.TEST)
PROP_LIST = ", ".join(PROPS)


def check_figures(records: list[Record], graph: Graph) -> list[Diagnostic]:
    """Every figure rule. The 'no figure' warning starts once any exercise or test has a figure."""
    found: list[Diagnostic] = []
    drawn = [r for r in records if r.kind in DRAWN]
    any_figure = any(isinstance(r.data.get("figure"), dict) for r in drawn)
    for record in drawn:
        figure = record.data.get("figure")
        if not isinstance(figure, dict):
            if any_figure and "figure" not in record.data:
                found.append(warning(record.span(("id",)), f"this {record.kind.value} has no figure",
                                     f"add a 'figure:' block with its key positions (see Drawing a figure); "
                                     f"'myoatlas figure {record.id} -o {record.id}.svg' draws it"))
            continue
        found.extend(_check_props(record, figure))
        found.extend(_check_poses(record, figure))
        found.extend(_check_highlight(record, figure, graph))
    return found


def _fmt(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _check_props(record: Record, figure: dict[str, Any]) -> list[Diagnostic]:
    found = []
    props = figure.get("props") if isinstance(figure.get("props"), list) else []
    for i, text in enumerate(props):
        if not isinstance(text, str):
            continue
        path = ("figure", "props", i)
        where = f"figure.props[{i}]"
        prop = parse_prop(text)
        if prop.kind not in PROPS:
            guess = did_you_mean(prop.kind, list(PROPS))
            found.append(error(record.span(path), f"unknown prop {prop.kind!r} in {where}",
                               guess or f"props are: {PROP_LIST}"))
            continue
        for part in prop_parts(prop):
            if part not in PARTS:
                found.append(error(record.span(path), f"unknown body part {part!r} in {where}", _part_hint(part)))
        if prop.kind in SUPPORT and not prop.under and not (prop.kind in ("ball", "chair") and prop.at):
            found.append(error(record.span(path), f"{where} does not say where the {prop.kind} goes",
                               f"name the parts resting on it, e.g. '{prop.kind} under pelvis'"))
        if prop.kind in ("strap", "band") and prop.ends is None:
            found.append(error(record.span(path), f"{where} does not say what the {prop.kind} joins",
                               f"write e.g. '{prop.kind} from near-hand to near-foot'"))
        if prop.kind == "wall" and not prop.at:
            found.append(error(record.span(path), f"{where} does not say what touches the wall",
                               "write e.g. 'wall at near-hand'"))
    return found


def _part_hint(part: str) -> str:
    return did_you_mean(part, list(PARTS)) or "parts: head, trunk, pelvis, or near-/far- with shoulder, elbow, forearm, hand, thigh, knee, shin, foot"


def _check_poses(record: Record, figure: dict[str, Any]) -> list[Diagnostic]:
    found = []
    view = figure.get("view") if figure.get("view") in ("side", "front") else "side"
    ranges = RANGE_FRONT if view == "front" else RANGE_SIDE
    raw_poses = figure.get("poses") if isinstance(figure.get("poses"), list) else []
    parsed = parse_figure(figure)
    angles_ok = True
    for i, raw in enumerate(raw_poses):
        if not isinstance(raw, dict):
            continue
        for name, (lo, hi) in RANGE_BODY.items():
            value = raw.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and not lo <= value <= hi:
                angles_ok = False
                what = {"pelvis": "tilted", "head": "turned"}.get(name, "bent")
                found.append(error(record.span(("figure", "poses", i, name)),
                                   f"{name} {what} past its human range: {_fmt(value)}° in figure.poses[{i}].{name}",
                                   f"keep it between {lo}° and {hi}°"))
        for side in ("both", *SIDES):
            joints = raw.get(side)
            if not isinstance(joints, dict):
                continue
            for joint in JOINTS:
                value = joints.get(joint)
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    continue
                lo, hi = ranges[joint]
                where = f"figure.poses[{i}].{side}.{joint}"
                span = record.span(("figure", "poses", i, side, joint))
                if lo <= value <= hi:
                    continue
                angles_ok = False
                if joint in ("knee", "elbow") and value < 0:
                    found.append(error(span, f"{joint} bent backwards: {_fmt(value)}° in {where}",
                                       f"0 is a straight {joint}; it only bends one way (0 to {hi})"))
                else:
                    found.append(error(span, f"{joint} past its human range: {_fmt(value)}° in {where}",
                                       f"a {joint} moves between about {lo}° and {hi}° in this view"))
        contact = raw.get("contact") if isinstance(raw.get("contact"), list) else []
        for j, part in enumerate(contact):
            if isinstance(part, str) and part not in PARTS:
                found.append(error(record.span(("figure", "poses", i, "contact", j)),
                                   f"unknown body part {part!r} in figure.poses[{i}].contact[{j}]", _part_hint(part)))
    if not angles_ok:
        return found  # placement of an impossible pose would only add noise
    for i, pose in enumerate(parsed.poses):
        placed = place(pose, parsed)
        for part, gap, support in placed.floating:
            found.append(error(record.span(("figure", "poses", i, "contact")),
                               f"{part} floats {gap:.0f} cm above the {support} with nothing under it in figure.poses[{i}] ({pose.label})",
                               "change the angles so it reaches, put a prop under it (e.g. 'step under near-foot'), or take it out of contact"))
        for part, depth in placed.sunk:
            found.append(error(record.span(("figure", "poses", i)),
                               f"{part} goes {depth:.0f} cm below the floor in figure.poses[{i}] ({pose.label})",
                               "change the angles, or list the part in contact so the figure rests on it"))
    return found


def _check_highlight(record: Record, figure: dict[str, Any], graph: Graph) -> list[Diagnostic]:
    found = []
    chosen = figure.get("highlight") if isinstance(figure.get("highlight"), dict) else {}
    for state in ("stretched", "worked"):
        ids = chosen.get(state) if isinstance(chosen.get(state), list) else []
        for j, muscle_id in enumerate(ids):
            if not isinstance(muscle_id, str):
                continue
            target = graph.get(muscle_id)
            where = f"figure.highlight.{state}[{j}]"
            if target is None or target.kind is not Kind.MUSCLE:
                guess = did_you_mean(muscle_id, [r.id for r in graph.records.values() if r.kind is Kind.MUSCLE])
                found.append(error(record.span(("figure", "highlight", state, j)), f"unknown muscle {muscle_id!r} in {where}",
                                   f"{guess} (muscles live in content/muscle/)" if guess else "check the spelling; muscles live in content/muscle/"))
    return found
