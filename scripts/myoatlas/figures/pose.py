"""Pose figures: a record's `figure:` block (key positions as joint angles) drawn as an SVG pictogram.

`pose_svg(figure, highlight, title, names, regions)` returns one `<svg>` string. The figure is built by
forward kinematics from the hip joint (lengths in centimetres of a 1.77 m adult), lowered until the parts in
`contact` rest on the floor or on the prop under them, and drawn with thick round-capped strokes: the near
side darker than the far side, stretched and worked muscles as coloured bands on the body segment where they
lie. Key positions are drawn side by side (stacked when the figure is lying down), each with its caption,
and an optional short crossfade loop that stops under `prefers-reduced-motion`. Output is deterministic.

Angle conventions (degrees, everything 0 = standing straight with the arms by the sides, facing right):
trunk + leans forwards; pelvis + tilts forwards (anterior tilt) relative to the trunk; head + chin down;
hip + flexes (thigh forwards) relative to the pelvis; knee and elbow + bend; ankle + pulls the toes up;
shoulder + raises the arm forwards. In the front view trunk bends sideways, hip and shoulder move out to the side.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Any

# Segment lengths (cm).
PELVIS, TRUNK, NECK, HEAD_R = 13.0, 42.0, 9.0, 11.0
THIGH, SHANK, UPPER_ARM, FOREARM, HAND = 44.0, 42.0, 29.0, 25.0, 9.0
SHOULDER_DROP = 5.0  # shoulder joint below the base of the neck
# Stroke widths (cm).
WIDTH = {"trunk": 22.0, "chest": 24.0, "pelvis": 22.0, "neck": 10.0, "thigh": 15.0, "shank": 10.5, "foot": 6.0,
         "upperarm": 9.0, "forearm": 7.5, "hand": 6.0}
# Seen from the front the trunk is wider than it is deep.
FRONT_WIDTH = {"trunk": 24.0, "chest": 27.0, "pelvis": 22.0, "shoulders": 11.0}
JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")
SIDES = ("near", "far")
PART_NAMES = ("shoulder", "elbow", "forearm", "hand", "thigh", "knee", "shin", "foot")
PARTS = ("head", "trunk", "pelvis") + tuple(f"{s}-{p}" for s in SIDES for p in PART_NAMES)
PROPS = ("floor", "mat", "wall", "chair", "step", "table", "strap", "band", "ball", "foam-roller")
# Height of the top of each prop that something can rest on (cm).
SUPPORT = {"chair": 40.0, "step": 18.0, "table": 72.0, "ball": 8.0, "foam-roller": 15.0}
MAT = 1.5
# Human range of each joint (degrees): (lowest, highest, what the low end means, what the high end means).
RANGE_SIDE = {"hip": (-35, 140), "knee": (0, 160), "ankle": (-90, 45), "shoulder": (-70, 190), "elbow": (0, 160), "wrist": (-90, 80)}
RANGE_FRONT = {"hip": (-40, 120), "knee": (0, 160), "ankle": (-90, 45), "shoulder": (-150, 190), "elbow": (0, 160), "wrist": (-90, 80)}
RANGE_BODY = {"pelvis": (-35, 35), "head": (-70, 70), "back": (-40, 60)}
TOLERANCE = 5.0  # cm a contact may be above its support, or a part below the floor


def _dir(angle: float) -> tuple[float, float]:
    """Unit vector of an absolute angle measured clockwise from straight up (90 = forwards, 180 = down)."""
    a = math.radians(angle)
    return math.sin(a), math.cos(a)


def _add(p: tuple[float, float], length: float, angle: float) -> tuple[float, float]:
    dx, dy = _dir(angle)
    return p[0] + length * dx, p[1] + length * dy


def _num(v: float) -> str:
    text = f"{v:.1f}"
    if text in ("-0.0", "0.0"):
        return "0"
    return text.rstrip("0").rstrip(".")


@dataclass
class Pose:
    """One key position, with every angle filled in (0 when left out)."""

    label: str
    trunk: float = 0.0
    pelvis: float = 0.0
    head: float = 0.0
    back: float = 0.0
    near: dict[str, float] = field(default_factory=dict)
    far: dict[str, float] = field(default_factory=dict)
    contact: list[str] = field(default_factory=list)

    def angle(self, side: str, joint: str) -> float:
        return float(getattr(self, side).get(joint, 0.0))


@dataclass
class Prop:
    """One line of `props`: 'chair under pelvis', 'strap from near-hand to near-foot', 'wall at near-hand'."""

    kind: str
    under: list[str] = field(default_factory=list)
    at: str = ""
    ends: tuple[str, str] | None = None
    text: str = ""


@dataclass
class Figure:
    view: str
    side: str
    poses: list[Pose]
    props: list[Prop]
    loop: bool
    from_above: bool = False


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def parse_prop(text: str) -> Prop:
    """'table under head trunk pelvis' -> Prop('table', under=[...]); unknown words are kept for the checker."""
    words = str(text).split()
    prop = Prop(words[0] if words else "", text=str(text))
    mode = ""
    ends: list[str] = []
    for word in words[1:]:
        if word in ("under", "at", "from", "to"):
            mode = word
        elif mode == "under":
            prop.under.append(word)
        elif mode == "at":
            prop.at = word
        elif mode in ("from", "to"):
            ends.append(word)
    if len(ends) == 2:
        prop.ends = (ends[0], ends[1])
    return prop


def prop_parts(prop: Prop) -> list[str]:
    """Every body part a prop line names."""
    return [*prop.under, *([prop.at] if prop.at else []), *(prop.ends or ())]


def parse_figure(data: dict[str, Any]) -> Figure:
    """A figure from its YAML data, tolerant of mistakes (the checker reports them)."""
    poses = []
    raw_poses = data.get("poses") if isinstance(data.get("poses"), list) else []
    for n, raw in enumerate(p for p in raw_poses if isinstance(p, dict)):
        default = ("Start" if n == 0 else "End" if n == len(raw_poses) - 1 else f"Position {n + 1}") if len(raw_poses) > 1 else "Position"
        sides: dict[str, dict[str, float]] = {}
        both = raw.get("both") if isinstance(raw.get("both"), dict) else {}
        for side in SIDES:
            own = raw.get(side) if isinstance(raw.get(side), dict) else {}
            sides[side] = {j: _number(own.get(j, both.get(j, 0))) for j in JOINTS}
        contact = [str(c) for c in raw.get("contact", [])] if isinstance(raw.get("contact"), list) else []
        poses.append(Pose(str(raw.get("label") or default), trunk=_number(raw.get("trunk")), pelvis=_number(raw.get("pelvis")),
                          head=_number(raw.get("head")), back=_number(raw.get("back")), near=sides["near"], far=sides["far"],
                          contact=contact))
    props = [parse_prop(p) for p in data.get("props", []) if isinstance(p, str)] if isinstance(data.get("props"), list) else []
    view = data.get("view") if data.get("view") in ("side", "front") else "side"
    side = data.get("side") if data.get("side") in ("near", "far", "both") else "both"
    return Figure(view, side, poses, props, bool(data.get("loop", False)) and len(poses) > 1, data.get("from_above") is True)


# -- kinematics -------------------------------------------------------------------------------------------

Point = tuple[float, float]


@dataclass
class Skeleton:
    """Joint positions (cm, y up, hip joint at the origin before placing) and the segments drawn between them."""

    points: dict[str, Point]
    segments: list[tuple[str, str, str, str]]  # (segment name, from point, to point, layer: far/core/near)
    view: str

    def moved(self, dx: float, dy: float) -> "Skeleton":
        return Skeleton({k: (x + dx, y + dy) for k, (x, y) in self.points.items()}, self.segments, self.view)


def skeleton(pose: Pose, view: str = "side") -> Skeleton:
    """Forward kinematics: every joint's position for one pose."""
    return _front(pose) if view == "front" else _side(pose)


def _side(pose: Pose) -> Skeleton:
    p: dict[str, Point] = {}
    pelvis_a = pose.trunk + pose.pelvis
    p["hip"] = (0.0, 0.0)
    p["lumbar"] = _add(p["hip"], PELVIS, pelvis_a)
    _spine(p, pose)
    for side in SIDES:
        thigh_a = pelvis_a + 180 - pose.angle(side, "hip")
        shank_a = thigh_a + pose.angle(side, "knee")
        foot_a = shank_a - 90 - pose.angle(side, "ankle")
        p[f"{side}-hip"] = p["hip"]
        p[f"{side}-knee"] = _add(p["hip"], THIGH, thigh_a)
        p[f"{side}-ankle"] = _add(p[f"{side}-knee"], SHANK, shank_a)
        sole = _add(p[f"{side}-ankle"], 5.0, shank_a - pose.angle(side, "ankle"))
        p[f"{side}-heel"] = _add(sole, 4.0, foot_a + 180)
        p[f"{side}-toe"] = _add(sole, 15.0, foot_a)
        arm_a = p["_upper_a"][0] + 180 - pose.angle(side, "shoulder")
        fore_a = arm_a - pose.angle(side, "elbow")
        p[f"{side}-shoulder"] = p["shoulder"]
        p[f"{side}-elbow"] = _add(p["shoulder"], UPPER_ARM, arm_a)
        p[f"{side}-wrist"] = _add(p[f"{side}-elbow"], FOREARM, fore_a)
        p[f"{side}-hand"] = _add(p[f"{side}-wrist"], HAND, fore_a - pose.angle(side, "wrist"))
    del p["_upper_a"]
    return Skeleton(p, _segments(), "side")


def _spine(p: dict[str, Point], pose: Pose) -> None:
    """Lumbar to head: the lower and upper trunk bend by `back` between them (+ rounds the back)."""
    half = pose.back / 2
    p["chest"] = _add(p["lumbar"], TRUNK * 0.45, pose.trunk - half)
    upper_a = pose.trunk + half
    p["neck"] = _add(p["chest"], TRUNK * 0.55, upper_a)
    p["shoulder"] = _add(p["chest"], TRUNK * 0.55 - SHOULDER_DROP, upper_a)
    p["upper"] = _add(p["chest"], TRUNK * 0.55 - SHOULDER_DROP - 6, upper_a)
    p["head"] = _add(p["neck"], NECK + HEAD_R * 0.6, upper_a + pose.head)
    p["_upper_a"] = (upper_a, 0.0)


def _front(pose: Pose) -> Skeleton:
    p: dict[str, Point] = {}
    pelvis_a = pose.trunk + pose.pelvis
    p["hip"] = (0.0, 0.0)
    p["lumbar"] = _add(p["hip"], PELVIS * 0.6, pelvis_a)
    _spine(p, pose)
    across = _dir(p["_upper_a"][0] + 90)  # towards the picture's right
    for side, sign in (("near", -1), ("far", 1)):
        p[f"{side}-hip"] = _add(p["hip"], 9.0, pelvis_a + sign * 90)
        thigh_a = pelvis_a + 180 - sign * pose.angle(side, "hip")
        shank_a = thigh_a + sign * pose.angle(side, "knee")
        p[f"{side}-knee"] = _add(p[f"{side}-hip"], THIGH, thigh_a)
        p[f"{side}-ankle"] = _add(p[f"{side}-knee"], SHANK, shank_a)
        sole = _add(p[f"{side}-ankle"], 5.0, shank_a)
        p[f"{side}-heel"] = _add(sole, 3.0, shank_a - sign * 90)
        p[f"{side}-toe"] = _add(sole, 6.0, shank_a + sign * 90)
        sx, sy = p["shoulder"]
        p[f"{side}-shoulder"] = (sx + sign * 15.0 * across[0], sy + sign * 15.0 * across[1])
        arm_a = p["_upper_a"][0] + 180 - sign * pose.angle(side, "shoulder")
        fore_a = arm_a - sign * pose.angle(side, "elbow")
        p[f"{side}-elbow"] = _add(p[f"{side}-shoulder"], UPPER_ARM, arm_a)
        p[f"{side}-wrist"] = _add(p[f"{side}-elbow"], FOREARM, fore_a)
        p[f"{side}-hand"] = _add(p[f"{side}-wrist"], HAND, fore_a - sign * pose.angle(side, "wrist"))
    del p["_upper_a"]
    return Skeleton(p, _segments(front=True), "front")


def _segments(front: bool = False) -> list[tuple[str, str, str, str]]:
    limbs = lambda side, layer: [  # noqa: E731
        ("thigh", f"{side}-hip", f"{side}-knee", layer), ("shank", f"{side}-knee", f"{side}-ankle", layer),
        ("foot", f"{side}-heel", f"{side}-toe", layer)]
    arms = lambda side, layer: [  # noqa: E731
        ("upperarm", f"{side}-shoulder", f"{side}-elbow", layer), ("forearm", f"{side}-elbow", f"{side}-wrist", layer),
        ("hand", f"{side}-wrist", f"{side}-hand", layer)]
    core = [("pelvis", "hip", "lumbar", "core"), ("trunk", "lumbar", "chest", "core"),
            ("chest", "chest", "upper", "core"), ("neck", "neck", "head", "core")]
    if front:
        core = [("pelvis", "near-hip", "far-hip", "core"), ("trunk", "lumbar", "chest", "core"),
                ("chest", "chest", "upper", "core"), ("neck", "neck", "head", "core"),
                ("shoulders", "near-shoulder", "far-shoulder", "core")]
        return limbs("far", "far") + limbs("near", "near") + core + arms("far", "far") + arms("near", "near")
    return arms("far", "far") + limbs("far", "far") + core + limbs("near", "near") + arms("near", "near")


# -- body parts and placement -----------------------------------------------------------------------------

def part_points(sk: Skeleton, part: str) -> list[tuple[Point, float]]:
    """The circles (centre, radius) that make up a named body part, for contact and prop placement."""
    p = sk.points
    if part == "head":
        return [(p["head"], HEAD_R)]
    if part == "trunk":
        return [(p["lumbar"], seg_width("trunk", sk.view) / 2), (p["chest"], seg_width("chest", sk.view) / 2),
                (p["shoulder"], seg_width("chest", sk.view) / 2)]
    if part == "pelvis":
        if sk.view == "front":
            return [(p["near-hip"], seg_width("pelvis", "front") / 2), (p["far-hip"], seg_width("pelvis", "front") / 2)]
        return [(p["hip"], WIDTH["pelvis"] / 2), (p["lumbar"], WIDTH["pelvis"] / 2)]
    side, _, name = part.partition("-")
    table = {"shoulder": [("shoulder", WIDTH["upperarm"] / 2)], "elbow": [("elbow", WIDTH["upperarm"] / 2)],
             "forearm": [("elbow", WIDTH["forearm"] / 2), ("wrist", WIDTH["forearm"] / 2)],
             "hand": [("hand", WIDTH["hand"] / 2)], "thigh": [("hip", WIDTH["thigh"] / 2), ("knee", WIDTH["thigh"] / 2)],
             "knee": [("knee", WIDTH["shank"] / 2)], "shin": [("knee", WIDTH["shank"] / 2), ("ankle", WIDTH["shank"] / 2)],
             "foot": [("heel", WIDTH["foot"] / 2), ("toe", WIDTH["foot"] / 2)]}
    if side not in SIDES or name not in table:
        return []
    return [(p[f"{side}-{joint}"], r) for joint, r in table[name]]


def part_low(sk: Skeleton, part: str) -> float:
    """Height of the lowest point of a part."""
    circles = part_points(sk, part)
    return min((c[1] - r for c, r in circles), default=0.0)


def part_x(sk: Skeleton, part: str) -> tuple[float, float]:
    """Horizontal extent of a part."""
    circles = part_points(sk, part)
    if not circles:
        return 0.0, 0.0
    return min(c[0] - r for c, r in circles), max(c[0] + r for c, r in circles)


def seg_width(name: str, view: str) -> float:
    """Stroke width of a segment in this view (cm)."""
    if view == "front" and name in FRONT_WIDTH:
        return FRONT_WIDTH[name]
    return WIDTH.get(name, WIDTH["upperarm"])


def _all_circles(sk: Skeleton) -> list[tuple[str, Point, float]]:
    out = [("head", sk.points["head"], HEAD_R)]
    names = {"thigh": "thigh", "shank": "shin", "foot": "foot", "upperarm": "elbow", "forearm": "forearm", "hand": "hand"}
    for name, a, b, layer in sk.segments:
        r = seg_width(name, sk.view) / 2
        part = f"{layer}-{names[name]}" if layer in SIDES else ("pelvis" if name == "pelvis" else "trunk" if name in ("trunk", "chest") else "head")
        out += [(part, sk.points[a], r), (part, sk.points[b], r)]
    return out


@dataclass
class Placed:
    """A pose after placing it on the floor and props: what the checker and the drawing use."""

    skeleton: Skeleton
    floor: float
    supports: dict[str, tuple[str, float]]  # part -> (prop kind or 'floor', height of the surface)
    floating: list[tuple[str, float, str]]  # (part, gap in cm, support name)
    sunk: list[tuple[str, float]]  # (part, depth below the floor in cm)


def place(pose: Pose, figure: Figure) -> Placed:
    """Lower the figure until its contact parts rest on their supports; report what floats or sinks."""
    sk = skeleton(pose, figure.view)
    floor = MAT if any(p.kind == "mat" for p in figure.props) else 0.0
    supports: dict[str, tuple[str, float]] = {}
    for prop in figure.props:
        if prop.kind in SUPPORT:
            for part in prop.under:
                supports[part] = (prop.kind, SUPPORT[prop.kind] + (floor if prop.kind in ("ball", "foam-roller") else 0.0))
    contacts = [c for c in pose.contact if part_points(sk, c)]
    if figure.from_above:  # nothing rests on a floor: just keep the drawing above the caption
        return Placed(sk.moved(0.0, 2.0 - min(y - r for _part, (_x, y), r in _all_circles(sk))), 0.0, {}, [], [])
    if contacts:
        need = {c: supports.get(c, ("floor", floor))[1] - part_low(sk, c) for c in contacts}
        dy = max(need.values())
    else:
        dy = floor - min(y - r for _part, (_x, y), r in _all_circles(sk))
    sk = sk.moved(0.0, dy)
    floating = []
    for c in contacts:
        name, height = supports.get(c, ("floor", floor))
        gap = part_low(sk, c) - height
        if gap > TOLERANCE:
            floating.append((c, gap, name))
    sunk: dict[str, float] = {}
    for part, (_x, y), r in _all_circles(sk):
        depth = floor - (y - r)
        if depth > TOLERANCE and part not in supports:
            sunk[part] = max(depth, sunk.get(part, 0.0))
    return Placed(sk, floor, {c: supports.get(c, ("floor", floor)) for c in contacts}, floating, sorted(sunk.items()))


# -- muscles on segments ----------------------------------------------------------------------------------

# muscle id -> pieces (segment, face, from, to): face is front/back/mid, from/to are fractions along the segment.
MUSCLE_SEGMENTS: dict[str, list[tuple[str, str, float, float]]] = {
    "psoas-major": [("trunk", "front", 0.0, 0.35), ("pelvis", "front", 0.0, 1.0), ("thigh", "front", 0.0, 0.15)],
    "iliacus": [("pelvis", "front", 0.0, 1.0), ("thigh", "front", 0.0, 0.15)],
    "iliopsoas": [("trunk", "front", 0.0, 0.35), ("pelvis", "front", 0.0, 1.0), ("thigh", "front", 0.0, 0.15)],
    "rectus-femoris": [("pelvis", "front", 0.0, 0.3), ("thigh", "front", 0.05, 0.95)],
    "sartorius": [("thigh", "front", 0.0, 1.0)],
    "tensor-fasciae-latae": [("pelvis", "mid", 0.0, 0.6), ("thigh", "mid", 0.0, 0.3)],
    "pectineus": [("thigh", "front", 0.0, 0.25)],
    "adductor-longus": [("thigh", "mid", 0.05, 0.5)],
    "adductor-magnus": [("thigh", "mid", 0.05, 0.9)],
    "biceps-femoris": [("thigh", "back", 0.05, 0.95)],
    "semitendinosus": [("thigh", "back", 0.05, 0.95)],
    "semimembranosus": [("thigh", "back", 0.05, 0.95)],
    "gluteus-maximus": [("pelvis", "back", 0.0, 0.8), ("thigh", "back", 0.0, 0.15)],
    "gluteus-medius": [("pelvis", "mid", 0.2, 1.0)],
    "gluteus-minimus": [("pelvis", "mid", 0.1, 0.8)],
    "piriformis": [("pelvis", "back", 0.1, 0.6)],
    "erector-spinae": [("pelvis", "back", 0.7, 1.0), ("trunk", "back", 0.0, 1.0), ("chest", "back", 0.0, 0.8)],
    "multifidus": [("pelvis", "back", 0.6, 1.0), ("trunk", "back", 0.0, 0.6)],
    "quadratus-lumborum": [("trunk", "mid", 0.0, 0.6)],
    "rectus-abdominis": [("pelvis", "front", 0.6, 1.0), ("trunk", "front", 0.0, 1.0)],
    "external-oblique": [("trunk", "mid", 0.0, 1.0)],
    "internal-oblique": [("trunk", "mid", 0.0, 0.8)],
    "transversus-abdominis": [("pelvis", "front", 0.5, 1.0), ("trunk", "front", 0.0, 0.7)],
    "extensor-digitorum": [("forearm", "back", 0.05, 0.95), ("hand", "back", 0.0, 1.0)],
    "pronator-quadratus": [("forearm", "front", 0.7, 1.0)],
    "vastus-lateralis": [("thigh", "mid", 0.2, 0.95)],
    "vastus-medialis": [("thigh", "front", 0.55, 0.95)],
    "vastus-intermedius": [("thigh", "front", 0.15, 0.9)],
    "gracilis": [("thigh", "mid", 0.05, 0.95), ("shank", "mid", 0.0, 0.1)],
    "gastrocnemius": [("thigh", "back", 0.92, 1.0), ("shank", "back", 0.05, 0.6)],
    "soleus": [("shank", "back", 0.3, 0.9)],
    "tibialis-anterior": [("shank", "front", 0.05, 0.85)],
    "tibialis-posterior": [("shank", "back", 0.3, 0.9)],
    "fibularis-longus": [("shank", "mid", 0.05, 0.9)],
    "fibularis-brevis": [("shank", "mid", 0.5, 0.95)],
    "biceps-brachii": [("upperarm", "front", 0.15, 0.95)],
    "brachialis": [("upperarm", "front", 0.5, 0.95)],
    "triceps-brachii": [("upperarm", "back", 0.1, 0.9)],
    "deltoid": [("upperarm", "mid", 0.0, 0.35)],
    "pectoralis-major": [("chest", "front", 0.35, 1.0)],
    "pectoralis-minor": [("chest", "front", 0.6, 1.0)],
    "serratus-anterior": [("chest", "mid", 0.2, 0.8)],
    "latissimus-dorsi": [("trunk", "back", 0.5, 1.0), ("chest", "back", 0.0, 0.8)],
    "trapezius": [("neck", "back", 0.0, 0.5), ("chest", "back", 0.2, 1.0)],
    "upper-trapezius": [("neck", "back", 0.0, 0.5), ("chest", "back", 0.85, 1.0)],
    "middle-trapezius": [("chest", "back", 0.6, 1.0)],
    "lower-trapezius": [("chest", "back", 0.15, 0.7)],
    "rhomboids": [("chest", "back", 0.5, 0.95)],
    "levator-scapulae": [("neck", "back", 0.0, 0.6)],
    "sternocleidomastoid": [("neck", "front", 0.0, 0.7)],
    "scalenes": [("neck", "mid", 0.0, 0.6)],
    "suboccipitals": [("neck", "back", 0.5, 0.8)],
    "supraspinatus": [("chest", "back", 0.85, 1.0), ("upperarm", "mid", 0.0, 0.15)],
    "infraspinatus": [("chest", "back", 0.6, 0.95)],
    "teres-minor": [("chest", "back", 0.55, 0.8), ("upperarm", "back", 0.0, 0.15)],
    "subscapularis": [("chest", "mid", 0.6, 0.95)],
    "brachioradialis": [("upperarm", "front", 0.85, 1.0), ("forearm", "mid", 0.0, 0.7)],
    "pronator-teres": [("forearm", "front", 0.0, 0.45)],
    "supinator": [("forearm", "back", 0.0, 0.35)],
    "flexor-carpi-radialis": [("forearm", "front", 0.05, 0.95)],
    "flexor-carpi-ulnaris": [("forearm", "front", 0.05, 0.95)],
    "flexor-digitorum-superficialis": [("forearm", "front", 0.1, 0.95), ("hand", "front", 0.0, 1.0)],
    "extensor-carpi-radialis-longus": [("forearm", "back", 0.0, 0.9)],
    "extensor-carpi-radialis-brevis": [("forearm", "back", 0.1, 0.95)],
    "extensor-carpi-ulnaris": [("forearm", "back", 0.1, 0.95)],
    "abductor-hallucis": [("foot", "mid", 0.1, 0.9)],
    "flexor-digitorum-brevis": [("foot", "mid", 0.1, 0.9)],
}
# Where muscles of a region lie when the id has no entry above.
REGION_SEGMENTS: dict[str, list[tuple[str, str, float, float]]] = {
    "neck": [("neck", "mid", 0.0, 0.6)],
    "shoulder": [("chest", "mid", 0.6, 1.0), ("upperarm", "mid", 0.0, 0.3)],
    "upper-back": [("chest", "back", 0.0, 1.0)],
    "chest": [("chest", "front", 0.1, 1.0)],
    "upper-arm": [("upperarm", "mid", 0.1, 0.9)],
    "forearm": [("forearm", "mid", 0.05, 0.95)],
    "hand": [("hand", "mid", 0.0, 1.0)],
    "lower-back": [("trunk", "back", 0.0, 0.8)],
    "abdomen": [("trunk", "front", 0.0, 1.0)],
    "pelvis": [("pelvis", "mid", 0.0, 1.0)],
    "hip": [("pelvis", "mid", 0.0, 1.0)],
    "thigh": [("thigh", "mid", 0.05, 0.95)],
    "knee": [("thigh", "mid", 0.8, 1.0), ("shank", "mid", 0.0, 0.15)],
    "lower-leg": [("shank", "back", 0.05, 0.8)],
    "foot": [("foot", "mid", 0.1, 0.9)],
}


def muscle_pieces(muscle_id: str, region: str = "") -> list[tuple[str, str, float, float]]:
    """The segment pieces where a muscle is drawn (by id, else by its region; [] when unknown)."""
    return MUSCLE_SEGMENTS.get(muscle_id) or REGION_SEGMENTS.get(region, [])


# Faces of segments that point up from their first joint (trunk) vs down (limbs): the front normal differs.
_UPWARD = {"pelvis", "trunk", "chest", "neck"}


def _normal(segment: str, a: Point, b: Point, view: str, layer: str) -> tuple[float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    if segment in _UPWARD:
        return uy, -ux  # clockwise: the front of a segment pointing up is to its right
    return -uy, ux  # counter-clockwise: the front of a segment pointing down is to its left


# -- drawing ---------------------------------------------------------------------------------------------

def _y(y: float) -> float:
    return -y


def _line(a: Point, b: Point, cls: str, width: float, extra: str = "") -> str:
    return (f'<path class="{cls}" d="M{_num(a[0])} {_num(_y(a[1]))}L{_num(b[0])} {_num(_y(b[1]))}" '
            f'stroke-width="{_num(width)}"{extra}/>')


def _limb(name: str) -> str:
    return "leg" if name in ("thigh", "shank", "foot") else "arm" if name in ("upperarm", "forearm", "hand") else "core"


def _pose_group(placed: Placed, highlight: dict[str, str], figure: Figure, regions: dict[str, str]) -> str:
    """Body parts in drawing order: each limb (and the core) is one outlined shape with its highlights on top."""
    sk = placed.skeleton
    p = sk.points
    hl_side = {"near": figure.side in ("near", "both"), "far": figure.side in ("far", "both"), "core": True}
    if sk.view == "front":
        hl_side = {"near": True, "far": True, "core": True}
    groups: list[tuple[str, str, list[tuple[str, str, str]]]] = []
    for name, a, b, layer in sk.segments:
        key = (layer, _limb(name))
        if not groups or (groups[-1][0], groups[-1][1]) != key:
            groups.append((layer, _limb(name), []))
        groups[-1][2].append((name, a, b))
    out = []
    hx, hy = _num(p["head"][0]), _num(_y(p["head"][1]))
    for layer, limb, segs in groups:
        shade = "near" if layer in ("near", "core") or sk.view == "front" else "far"
        outline, fill, marks = [], [], []
        for name, a, b in segs:
            width = seg_width(name, sk.view)
            outline.append(_line(p[a], p[b], "ma-seg ma-seg--outline", width + 2.4))
            fill.append(_line(p[a], p[b], f"ma-seg ma-seg--{shade}", width))
            if not hl_side.get(layer, True):
                continue
            for muscle_id in sorted(highlight):
                for piece_seg, face, t0, t1 in muscle_pieces(muscle_id, regions.get(muscle_id, "")):
                    if piece_seg == name:
                        marks.append(_highlight(p[a], p[b], name, face, t0, t1, width, highlight[muscle_id], muscle_id, sk.view, layer))
        if limb == "core":
            outline.append(f'<circle class="ma-head ma-head--outline" cx="{hx}" cy="{hy}" r="{_num(HEAD_R + 1.2)}"/>')
            fill.append(f'<circle class="ma-head ma-head--near" cx="{hx}" cy="{hy}" r="{_num(HEAD_R)}"/>')
        out.append(f'<g class="ma-part ma-part--{layer}-{limb}">' + "".join(outline + fill + marks) + "</g>")
    return "".join(out)


def _highlight(a: Point, b: Point, name: str, face: str, t0: float, t1: float, width: float, state: str,
               muscle_id: str, view: str, layer: str) -> str:
    nx, ny = _normal(name, a, b, view, layer)
    off = {"front": 0.24, "back": -0.24, "mid": 0.0}.get(face, 0.0) * width
    if view == "front":
        off = 0.0
    band = width * (0.5 if face != "mid" else 0.55)
    pa = (a[0] + (b[0] - a[0]) * t0 + nx * off, a[1] + (b[1] - a[1]) * t0 + ny * off)
    pb = (a[0] + (b[0] - a[0]) * t1 + nx * off, a[1] + (b[1] - a[1]) * t1 + ny * off)
    cls = "ma-hl ma-hl--" + ("stretched" if state in ("stretched", "target") else "worked")
    return _line(pa, pb, cls, band, f' data-muscle="{escape(muscle_id)}"')


def _wall_x(sk: Skeleton, part: str, gap: float = 1.0) -> float:
    """Where a wall touching `part` stands: behind the body for head, trunk and pelvis, else beyond the limb."""
    lo, hi = part_x(sk, part)
    hip_x = sk.points["hip"][0]
    behind = part in ("head", "trunk", "pelvis") or (lo + hi) / 2 < hip_x
    return lo - gap if behind else hi + gap


def _props(placed: Placed, figure: Figure, x0: float, x1: float, top: float) -> tuple[str, str]:
    """SVG for the props behind the figure and in front of it."""
    sk = placed.skeleton
    back, front = [], []
    floor = placed.floor
    balls_at = {p.at for p in figure.props if p.kind == "ball" and p.at}
    for prop in figure.props:
        kind = prop.kind
        if kind == "mat":
            if figure.from_above:
                ys = [y for _part, (_x, y), _r in _all_circles(sk)]
                back.append(f'<rect class="ma-prop ma-prop--fill ma-prop--mat" x="{_num(x0 + 2)}" y="{_num(-(max(ys) + 14))}" '
                            f'width="{_num(x1 - x0 - 4)}" height="{_num(max(ys) - min(ys) + 26)}" rx="3"/>')
            else:
                back.append(f'<rect class="ma-prop ma-prop--fill" x="{_num(x0 + 4)}" y="{_num(-MAT)}" width="{_num(x1 - x0 - 8)}" '
                            f'height="{_num(MAT)}" rx="0.7"/>')
        elif kind == "chair" and prop.at and part_points(sk, prop.at):
            (hx, hy), r = part_points(sk, prop.at)[0]
            back_x = hx + r + 1 if hx > sk.points["hip"][0] else hx - r - 1
            seat_x = back_x + (40 if back_x > sk.points["hip"][0] else -40)
            seat = SUPPORT["chair"]
            back.append(_poly_line([(back_x, hy - r), (back_x, 0)], "ma-prop"))
            back.append(_poly_line([(back_x, seat), (seat_x, seat), (seat_x, 0)], "ma-prop"))
        elif kind in SUPPORT and prop.under:
            lo = min(part_x(sk, u)[0] for u in prop.under)
            hi = max(part_x(sk, u)[1] for u in prop.under)
            height = SUPPORT[kind]
            if kind == "chair":
                left, right = lo - 6, hi + 4
                back.append(_poly_line([(left, 0), (left, height), (right, height), (right, 0)], "ma-prop"))
                back.append(_poly_line([(left, height), (left, height + 42)], "ma-prop"))
            elif kind == "step":
                back.append(f'<rect class="ma-prop ma-prop--fill" x="{_num(lo - 10)}" y="{_num(-height)}" width="{_num(hi - lo + 22)}" height="{_num(height)}" rx="1.5"/>')
            elif kind == "table":
                left, right = lo - 6, hi + 6
                back.append(f'<rect class="ma-prop ma-prop--fill" x="{_num(left)}" y="{_num(-height)}" width="{_num(right - left)}" height="5" rx="1.5"/>')
                back.append(_poly_line([(left + 6, 0), (left + 6, height - 5)], "ma-prop"))
                back.append(_poly_line([(right - 6, 0), (right - 6, height - 5)], "ma-prop"))
            elif kind in ("ball", "foam-roller"):
                r = height / 2
                cx = (lo + hi) / 2
                shape = f'<circle class="ma-prop ma-prop--fill" cx="{_num(cx)}" cy="{_num(-(floor + r))}" r="{_num(r)}"/>'
                if kind == "foam-roller":
                    shape += f'<circle class="ma-prop" cx="{_num(cx)}" cy="{_num(-(floor + r))}" r="{_num(r * 0.35)}"/>'
                back.append(shape)
        elif kind == "ball" and prop.at and part_points(sk, prop.at):
            (cx, cy), r = part_points(sk, prop.at)[0]
            if any(w.kind == "wall" and w.at == prop.at for w in figure.props):  # squeezed between the part and a wall
                x = _wall_x(sk, prop.at, 0.0)
                cx = x - 4 if x < cx else x + 4
                front.append(f'<circle class="ma-prop ma-prop--fill" cx="{_num(cx)}" cy="{_num(-cy)}" r="4"/>')
            else:
                front.append(f'<circle class="ma-prop ma-prop--fill" cx="{_num(cx)}" cy="{_num(-cy)}" r="8"/>')
        elif kind == "wall" and prop.at and part_points(sk, prop.at):
            x = _wall_x(sk, prop.at, 9.0 if prop.at in balls_at else 1.0)
            back.append(_poly_line([(x, 0), (x, top)], "ma-prop ma-prop--wall"))
        elif kind in ("strap", "band") and prop.ends and all(part_points(sk, e) for e in prop.ends):
            a = part_points(sk, prop.ends[0])[-1][0]
            b = part_points(sk, prop.ends[1])[-1][0]
            cls = "ma-prop ma-prop--strap" if kind == "strap" else "ma-prop ma-prop--band"
            front.append(_poly_line([a, b], cls))
    return "".join(back), "".join(front)


def _poly_line(points: list[Point], cls: str) -> str:
    d = "M" + "L".join(f"{_num(x)} {_num(-y)}" for x, y in points)
    return f'<path class="{cls}" d="{d}"/>'


def _extent(placed: Placed, figure: Figure) -> tuple[float, float, float]:
    """(left, right, top) of a placed pose and its props, in cm."""
    circles = _all_circles(placed.skeleton)
    left = min(x - r for _p, (x, _y0), r in circles)
    right = max(x + r for _p, (x, _y0), r in circles)
    top = max(y + r for _p, (_x, y), r in circles)
    for prop in figure.props:
        for part in prop.under:
            lo, hi = part_x(placed.skeleton, part)
            if part_points(placed.skeleton, part):
                left, right = min(left, lo - 12), max(right, hi + 12)
                top = max(top, SUPPORT.get(prop.kind, 0) + (42 if prop.kind == "chair" else 0))
        if prop.kind == "wall" and prop.at and part_points(placed.skeleton, prop.at):
            x = _wall_x(placed.skeleton, prop.at, 12.0)
            left, right = min(left, x - 3), max(right, x + 3)
        if prop.kind == "chair" and prop.at and part_points(placed.skeleton, prop.at):
            (hx, _hy), _r = part_points(placed.skeleton, prop.at)[0]
            left, right = min(left, hx - 50), max(right, hx + 50)
    return left - 6, right + 6, top


def describe_pose(pose: Pose, view: str) -> str:
    """One sentence about a position, from its angles."""
    bits = []
    t = pose.trunk
    if view == "front":
        bits.append("trunk upright" if abs(t) < 10 else f"trunk bent {abs(_int(t))}° to the side")
    elif abs(t) <= 15:
        bits.append("trunk upright")
    elif 15 < t < 70:
        bits.append(f"trunk leaning forwards {_int(t)}°")
    elif 70 <= t <= 110:
        bits.append("trunk level, facing down")
    elif -110 <= t <= -70:
        bits.append("lying back, facing up")
    elif -70 < t < -15:
        bits.append(f"trunk leaning back {_int(-t)}°")
    else:
        bits.append(f"trunk at {_int(t)}°")
    if pose.back >= 10:
        bits.append(f"back rounded {_int(pose.back)}°")
    elif pose.back <= -10:
        bits.append(f"back arched {_int(-pose.back)}°")
    if pose.pelvis >= 8:
        bits.append(f"pelvis tipped forwards {_int(pose.pelvis)}°")
    elif pose.pelvis <= -8:
        bits.append(f"pelvis tucked under {_int(-pose.pelvis)}°")
    words = {"hip": ("hip bent", "hip back") if view == "side" else ("leg out", "leg in"),
             "knee": ("knee bent", "knee"), "ankle": ("toes up", "toes pointed"),
             "shoulder": ("arm raised", "arm back") if view == "side" else ("arm out", "arm in"), "elbow": ("elbow bent", "elbow"),
             "wrist": ("wrist bent back", "wrist bent down")}
    for side in SIDES:
        parts = []
        for joint in JOINTS:
            v = pose.angle(side, joint)
            if abs(v) >= 5:
                plus, minus = words[joint]
                parts.append(f"{plus if v > 0 else minus} {abs(_int(v))}°")
        if parts:
            bits.append(f"{side} side: " + ", ".join(parts))
    if pose.contact:
        bits.append("resting on " + ", ".join(c.replace("-", " ") for c in pose.contact))
    return f"{pose.label}: " + "; ".join(bits) + "."


def _int(v: float) -> int:
    return int(round(v))


def describe(figure: Figure, highlight: dict[str, str], names: dict[str, str]) -> str:
    """The text alternative of a whole figure."""
    count = len(figure.poses)
    text = [f"{'Side' if figure.view == 'side' else 'Front'} view, {count} position{'s' if count != 1 else ''}."]
    text += [describe_pose(p, figure.view) for p in figure.poses]
    props = [p.text for p in figure.props if p.kind != "floor"]
    if props:
        text.append("Props: " + ", ".join(props) + ".")
    for state, label in (("stretched", "Stretched (orange)"), ("worked", "Worked (blue)")):
        ids = [i for i in sorted(highlight) if (highlight[i] in ("stretched", "target")) == (state == "stretched")]
        if ids:
            text.append(f"{label}: " + ", ".join(_lower(names.get(i) or i.replace("-", " ")) for i in ids) + ".")
    if figure.side != "both" and figure.view == "side":
        text.append(f"Colours are shown on the {figure.side} side.")
    return " ".join(text)


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


GAP = 14.0
LOOP_SECONDS = 4.0  # one cycle through all positions (keyframes in figures.css)
LABEL_CHAR = 5.0  # average width of a caption character at 9 units
MIN_WIDTH = 240.0


def pose_svg(data: dict[str, Any], highlight: dict[str, str] | None = None, title: str = "Figure",
             names: dict[str, str] | None = None, regions: dict[str, str] | None = None, uid: str = "f") -> str:
    """One `<svg>` with every key position of a figure (see the module docstring)."""
    figure = parse_figure(data)
    highlight = dict(highlight or {})
    names = names or {}
    regions = regions or {}
    if not figure.poses:
        figure.poses = [Pose("Position")]
    placed = [place(p, figure) for p in figure.poses]
    extents = []
    for pl, pose_ in zip(placed, figure.poses):
        left, right, top_ = _extent(pl, figure)
        need = len(pose_.label) * LABEL_CHAR + 4  # room for the caption under this position
        if right - left < need:
            grow = (need - (right - left)) / 2
            left, right = left - grow, right + grow
        extents.append((left, right, top_))
    if figure.loop:  # one more panel: the positions on top of each other, shown in turn
        extents.append((min(e[0] for e in extents), max(e[1] for e in extents), max(e[2] for e in extents)))
    top = max(e[2] for e in extents) + 4
    widths = [e[1] - e[0] for e in extents]
    stack = max(widths) > 1.6 * top  # lying figures: one position under the other
    label_h = 13.0
    panels = []
    x = 0.0
    y = 0.0
    count = len(placed)
    for n, (left, right, _top) in enumerate(extents):
        width = right - left
        dx = x - left
        base = y + top
        ground = "" if figure.from_above else f'<path class="ma-ground" d="M{_num(left)} 0L{_num(right)} 0"/>'
        if n < count:
            back, front = _props(placed[n], figure, left, right, top)
            content, label, cls = back + _pose_group(placed[n], highlight, figure, regions) + front, figure.poses[n].label, "ma-pose-panel"
        else:
            frames = []
            for k, pl in enumerate(placed):
                back, front = _props(pl, figure, left, right, top)
                last = " ma-loop-frame--last" if k == count - 1 else ""
                frames.append(f'<g class="ma-loop-frame ma-loop-{count}{last}" style="animation-delay:{_num(-k * LOOP_SECONDS / count)}s">'
                              f'{back}{_pose_group(pl, highlight, figure, regions)}{front}</g>')
            content, label, cls = "".join(frames), "Moving", "ma-pose-panel ma-pose-loop"
        panels.append(f'<g class="{cls}" transform="translate({_num(dx)} {_num(base)})">{ground}{content}'
                      f'<text class="ma-pose-label" x="{_num(left + width / 2)}" y="{_num(label_h - 2)}" text-anchor="middle" '
                      f'font-size="9">{escape(label)}</text></g>')
        if stack:
            y += top + label_h + 4
        else:
            x += width + GAP
    total_w = max(widths) if stack else x - GAP
    total_h = y - 4 if stack else top + label_h
    pad = max(0.0, MIN_WIDTH - total_w) / 2  # small figures keep the same scale as the others
    if pad:
        panels = [f'<g transform="translate({_num(pad)} 0)">'] + panels + ["</g>"]
        total_w += 2 * pad
    text = describe(figure, highlight, names)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="ma-pose" viewBox="0 0 {_num(total_w)} {_num(total_h)}" '
           f'role="img" aria-labelledby="{uid}-t {uid}-d">',
           f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(text)}</desc>']
    out += panels
    out.append("</svg>")
    return "".join(out)

