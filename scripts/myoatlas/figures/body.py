"""The body diagram: a human body seen from the front and the back, one shape per muscle id, as inline SVG.

Call `body_svg(highlight, links=None, views=("front", "back"), title="", names=None, desc="")` to get one
`<svg>` string (safe to pass to a template as Markup; every text in it is escaped). `highlight` maps a muscle
id to "stretched", "worked" or "target"; those shapes get the CSS class `ma-m--stretched`, `ma-m--worked` or
`ma-m--target` (colours in site_src/assets/figures.css, light and dark). `links` maps a muscle id to a URL:
each of those shapes becomes an `<a xlink:href>` with an accessible name (`aria-label` and `<title>`, the muscle
name), so the same call draws the clickable body map of the home page and of a "Find a stretch" page
(`links={id: url for every muscle}`) or a muscle page's picture (`highlight={id: "target"}`). `names` maps
ids to display names (default: the id in words). Deep muscles (`DEEP`) are drawn as dashed outlines over the
superficial ones, so they stay visible and clickable; `views` may also include "deep" (front) and "deep-back",
figures with only the deep muscles of that side. Muscles without a shape are listed in the text alternative but not drawn; `SHAPES`
holds every shape, keyed by the ids in content/muscle/. The output is deterministic (same input, same bytes).
"""
from __future__ import annotations

import re
from html import escape

# One view is drawn in a 200 x 470 box; shapes are written for the viewer's left half and mirrored.
VIEW_W, VIEW_H, GAP = 200, 470, 16
STATES = ("stretched", "worked", "target")
VIEW_LABELS = {"front": "Front", "back": "Back", "deep": "Deep layer, front", "deep-back": "Deep layer, back"}
# The deep views draw only the deep muscles of the front ("deep") or the back ("deep-back").
DEEP_VIEWS = {"deep": "front", "deep-back": "back"}

_HALF_BODY = [(92, 64), (78, 72), (63, 78), (56, 88), (58, 104), (65, 124), (70, 160), (73, 190), (69, 214),
              (65, 238), (64, 262), (67, 300), (71, 336), (70, 352), (68, 372), (72, 404), (77, 432), (75, 444),
              (70, 452), (72, 457), (92, 457), (91, 440), (90, 420), (92, 380), (94, 350), (95, 320), (97, 285),
              (100, 262)]
_ARM = [(61, 80), (52, 94), (47, 130), (44, 170), (39, 210), (35, 250), (31, 262), (30, 284), (36, 294), (42, 290),
        (45, 276), (44, 262), (49, 222), (53, 182), (58, 150), (64, 124)]

# muscle id -> list of (view, path for the viewer's left half, mirrored?)
# Paths use only M/L/Q/Z with "x,y" pairs, so mirroring is x -> 200 - x.
SHAPES: dict[str, list[tuple[str, str, bool]]] = {
    # trunk, front
    "rectus-abdominis": [("front", "M89,124 Q100,118 111,124 L110,226 Q100,236 90,226 Z", False)],
    "external-oblique": [("front", "M70,134 L87,140 L88,220 L74,214 L72,190 Z", True)],
    "internal-oblique": [("front", "M75,168 L87,172 L87,222 L76,216 Z", True)],
    "transversus-abdominis": [("front", "M74,150 L88,154 L88,230 L74,218 L72,188 Z", True)],
    # hip, front
    "psoas-major": [("front", "M93,160 L98,160 L97,212 L91,248 L86,258 L82,252 L88,214 Z", True)],
    "iliacus": [("front", "M71,204 Q80,198 88,210 L89,236 L85,256 L78,238 Z", True)],
    "iliopsoas": [("front", "M93,160 L98,160 L97,212 L91,248 L86,258 L82,252 L88,214 Z", True),
                  ("front", "M71,204 Q80,198 88,210 L89,236 L85,256 L78,238 Z", True)],
    "tensor-fasciae-latae": [("front", "M66,226 L74,229 L75,262 L69,270 L64,250 Z", True)],
    "pectineus": [("front", "M88,243 L97,250 L96,259 L87,253 Z", True)],
    # thigh, front
    "rectus-femoris": [("front", "M74,258 Q80,250 86,258 L86,322 Q80,334 74,322 Z", True)],
    "sartorius": [("front", "M67,244 L73,241 L96,328 L92,338 Z", True)],
    "adductor-longus": [("front", "M92,256 L99,262 L97,304 L91,294 Z", True)],
    "adductor-magnus": [("front", "M90,262 L99,268 L97,322 L91,328 Z", True),
                        ("back", "M90,264 L99,268 L97,318 L91,326 Z", True)],
    # forearm
    "pronator-quadratus": [("front", "M36,240 L46,240 L45,252 L35,252 Z", True)],
    "extensor-digitorum": [("back", "M45,186 L50,188 L44,248 L40,248 Z", True)],
    # trunk, back
    "erector-spinae": [("back", "M86,108 L96,108 L96,226 L90,232 L86,200 Z", True)],
    "multifidus": [("back", "M95,184 L99,184 L99,240 L95,240 Z", True)],
    "quadratus-lumborum": [("back", "M79,190 L92,190 L92,222 L77,216 Z", True)],
    # hip, back
    "gluteus-maximus": [("back", "M72,228 Q86,220 99,232 L99,262 Q88,278 70,268 L66,248 Z", True)],
    "gluteus-medius": [("back", "M68,212 Q80,200 93,212 L85,227 L70,229 Z", True)],
    "gluteus-minimus": [("back", "M70,214 Q80,207 88,215 L82,228 L72,228 Z", True)],
    "piriformis": [("back", "M96,235 L73,243 L73,250 L96,243 Z", True)],
    # thigh, back
    "biceps-femoris": [("back", "M67,274 L80,272 L82,338 L73,340 Z", True)],
    "semitendinosus": [("back", "M84,272 L96,272 L92,338 L86,340 Z", True)],
    "semimembranosus": [("back", "M85,292 L96,290 L94,342 L87,346 Z", True)],
    "gracilis": [("front", "M97,266 L100,268 L96,340 L93,340 Z", True)],
    "vastus-lateralis": [("front", "M64,264 L72,268 L75,320 L71,334 L66,300 Z", True)],
    "vastus-medialis": [("front", "M87,300 L94,306 L94,334 L87,340 L84,322 Z", True)],
    "vastus-intermedius": [("front", "M76,272 L86,272 L86,318 L77,318 Z", True)],
    # neck
    "sternocleidomastoid": [("front", "M92,50 L95,50 L99,68 L96,69 Z", True)],
    "scalenes": [("front", "M90,56 L93,56 L91,70 L87,70 Z", True)],
    "levator-scapulae": [("back", "M91,52 L94,52 L87,80 L83,79 Z", True)],
    "suboccipitals": [("back", "M93,46 L99,46 L99,52 L93,52 Z", True)],
    "splenius-capitis": [("back", "M86,42 L90,42 L99,62 L99,74 L96,72 Z", True)],
    "longus-colli": [("front", "M96,52 L99,52 L99,74 L97,74 Z", True)],
    # shoulder and upper back
    "trapezius": [("back", "M100,50 L92,58 L66,78 L76,82 L94,74 L100,70 Z", True),
                  ("back", "M100,72 L94,74 L76,84 L88,96 L100,98 Z", True),
                  ("back", "M100,98 L88,96 L90,112 L100,140 Z", True)],
    "upper-trapezius": [("back", "M100,50 L92,58 L66,78 L76,82 L94,74 L100,70 Z", True),
                        ("front", "M92,62 L80,70 L70,76 L80,76 L92,68 Z", True)],
    "middle-trapezius": [("back", "M100,72 L94,74 L76,84 L88,96 L100,98 Z", True)],
    "lower-trapezius": [("back", "M100,98 L88,96 L90,112 L100,140 Z", True)],
    "rhomboids": [("back", "M98,78 L88,82 L86,106 L98,100 Z", True)],
    "deltoid": [("front", "M62,78 Q54,82 53,96 L55,112 L61,100 L66,86 Z", True),
                ("back", "M62,78 Q54,82 53,96 L55,112 L61,100 L66,86 Z", True)],
    "supraspinatus": [("back", "M76,80 L88,82 L86,88 L74,88 Z", True)],
    "infraspinatus": [("back", "M72,94 L85,98 L84,112 L71,112 Z", True)],
    "teres-minor": [("back", "M64,104 L71,106 L71,116 L64,113 Z", True)],
    "teres-major": [("back", "M60,114 L72,117 L82,115 L83,121 L72,124 L60,119 Z", True)],
    "subscapularis": [("back", "M74,92 L86,94 L84,112 L74,112 Z", True)],
    "latissimus-dorsi": [("back", "M66,120 L84,116 L86,150 L88,196 L76,200 L73,188 L70,156 Z", True)],
    # chest
    "pectoralis-major": [("front", "M98,82 L72,84 L64,100 L68,116 L86,118 L98,112 Z", True)],
    "pectoralis-minor": [("front", "M88,88 L74,96 L76,110 L88,100 Z", True)],
    "serratus-anterior": [("front", "M66,122 L74,124 L76,140 L70,146 L68,134 Z", True)],
    # upper arm
    "biceps-brachii": [("front", "M50,108 L59,108 L57,150 L51,168 L48,150 Z", True)],
    "brachialis": [("front", "M48,150 L56,150 L53,178 L47,174 Z", True)],
    "triceps-brachii": [("back", "M49,100 L58,104 L57,150 L52,172 L47,150 Z", True)],
    # forearm, front (flexors)
    "brachioradialis": [("front", "M45,160 L49,164 L41,218 L37,216 Z", True)],
    "pronator-teres": [("front", "M50,180 L53,184 L44,212 L41,206 Z", True)],
    "flexor-carpi-radialis": [("front", "M49,190 L52,192 L40,244 L37,242 Z", True)],
    "flexor-digitorum-superficialis": [("front", "M45,196 L49,196 L43,246 L39,246 Z", True)],
    "flexor-carpi-ulnaris": [("front", "M52,190 L55,194 L46,252 L43,250 Z", True)],
    "supinator": [("back", "M45,176 L50,178 L47,192 L43,190 Z", True)],
    # forearm, back (extensors)
    "extensor-carpi-radialis-longus": [("back", "M43,166 L47,168 L41,210 L37,208 Z", True)],
    "extensor-carpi-radialis-brevis": [("back", "M41,202 L44,204 L39,246 L36,244 Z", True)],
    "extensor-carpi-ulnaris": [("back", "M51,188 L54,190 L47,250 L44,250 Z", True)],
    # lower leg and foot
    "tibialis-anterior": [("front", "M74,356 L80,356 L82,420 L78,422 Z", True)],
    "fibularis-longus": [("front", "M69,356 L73,356 L75,410 L72,410 Z", True)],
    "fibularis-brevis": [("front", "M72,400 L75,400 L77,428 L74,428 Z", True)],
    "gastrocnemius": [("back", "M70,352 Q80,344 92,352 L90,384 L82,396 L74,390 Z", True)],
    "soleus": [("back", "M73,392 L82,398 L90,388 L89,420 L80,426 L75,418 Z", True)],
    "tibialis-posterior": [("back", "M82,370 L88,370 L88,420 L84,420 Z", True)],
    "flexor-hallucis-longus": [("back", "M75,384 L80,384 L83,426 L79,428 Z", True)],
    "abductor-hallucis": [("front", "M86,446 L92,446 L92,455 L86,455 Z", True)],
    "flexor-digitorum-brevis": [("back", "M76,446 L90,446 L90,456 L76,456 Z", True)],
}

# Drawn dashed, on top of the superficial layer (and alone in the "deep" view).
DEEP = {"internal-oblique", "transversus-abdominis", "psoas-major", "iliacus", "iliopsoas", "adductor-magnus",
        "pronator-quadratus", "multifidus", "quadratus-lumborum", "gluteus-minimus", "piriformis",
        "semimembranosus", "vastus-intermedius", "scalenes", "levator-scapulae", "suboccipitals", "rhomboids",
        "supraspinatus", "subscapularis", "pectoralis-minor", "brachialis", "flexor-digitorum-superficialis", "supinator",
        "fibularis-brevis", "tibialis-posterior", "longus-colli", "splenius-capitis", "flexor-hallucis-longus"}
# Muscles made of others that have their own shapes: drawn first, so the parts stay clickable.
COMPOSITES = {"iliopsoas", "trapezius"}

_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def mirror(d: str) -> str:
    """The same path reflected about the body's midline (x -> 200 - x)."""
    return _PAIR.sub(lambda m: f"{_num(VIEW_W - float(m.group(1)))},{m.group(2)}", d)


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _poly(points: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{_num(x)},{_num(y)}" for x, y in points) + " Z"


def silhouette() -> str:
    """The body outline of one view (front and back share it), as SVG elements."""
    body = _HALF_BODY + [(VIEW_W - x, y) for x, y in reversed(_HALF_BODY)]
    arm = _poly(_ARM)
    return (f'<path class="ma-body-base" d="{_poly(body)}"/>'
            f'<path class="ma-body-base" d="{arm}"/><path class="ma-body-base" d="{mirror(arm)}"/>'
            f'<rect class="ma-body-base" x="92" y="48" width="16" height="22" rx="4"/>'
            f'<ellipse class="ma-body-base" cx="100" cy="32" rx="17" ry="21"/>')


def default_name(muscle_id: str) -> str:
    text = muscle_id.replace("-", " ")
    return text[:1].upper() + text[1:]


def _muscle_paths(muscle_id: str, view: str) -> list[str]:
    wanted = DEEP_VIEWS.get(view, view)
    paths = []
    for shape_view, d, mirrored in SHAPES.get(muscle_id, []):
        if shape_view == wanted:
            paths.append(d)
            if mirrored:
                paths.append(mirror(d))
    return paths


def _order(ids: list[str], highlight: dict[str, str] | None = None) -> list[str]:
    """Composites first, then superficial, highlighted surface muscles over the others, then deep
    (deep outlines stay on top and clickable)."""
    marked = highlight or {}
    return sorted(ids, key=lambda i: (i in DEEP, i in marked, i not in COMPOSITES, i))


def _view(view: str, highlight: dict[str, str], links: dict[str, str], names: dict[str, str]) -> str:
    shown = set(highlight) | set(links)
    in_deep_view = view in DEEP_VIEWS
    ids = [i for i in _order(list(SHAPES), highlight) if not in_deep_view or i in DEEP]
    parts = [silhouette()] if not in_deep_view else [silhouette().replace('class="ma-body-base"', 'class="ma-body-base ma-body-base--deep"')]
    for muscle_id in ids:
        deep = muscle_id in DEEP and not in_deep_view
        if deep and muscle_id not in shown:
            continue  # deep muscles appear only when highlighted or linked, to keep the picture quiet
        paths = _muscle_paths(muscle_id, view)
        if not paths:
            continue
        classes = ["ma-m"] + (["ma-m--deep"] if deep else []) + ([f"ma-m--{highlight[muscle_id]}"] if muscle_id in highlight else [])
        name = escape(names.get(muscle_id) or default_name(muscle_id))
        d = " ".join(paths)
        shape = f'<path class="{" ".join(classes)}" data-muscle="{escape(muscle_id)}" d="{d}"/>'
        if muscle_id in links:
            state = f", {highlight[muscle_id]}" if muscle_id in highlight else ""
            # xlink:href, not href: Material's instant navigation rewrites every [href] by assigning
            # el.href, which throws on an SVG link and stops it from fixing the links after it.
            shape = (f'<a xlink:href="{escape(links[muscle_id])}" aria-label="{name}{state}">'
                     f'<title>{name}</title>{shape}</a>')
        parts.append(shape)
    return "".join(parts)


def has_shape(muscle_id: str) -> bool:
    return muscle_id in SHAPES


def views_for(muscle_ids: list[str], deep_layer: bool = False) -> tuple[str, ...]:
    """The views where any of these muscles is drawn, front before back (("front",) if none); with `deep_layer`,
    followed by the deep-layer view of each side where one of them is a deep muscle."""
    found = {v for m in muscle_ids for v, _d, _mirrored in SHAPES.get(m, [])}
    views = tuple(v for v in ("front", "back") if v in found) or ("front",)
    if deep_layer:
        deep = {v for m in muscle_ids if m in DEEP for v, _d, _mirrored in SHAPES.get(m, [])}
        views += tuple(d for d, v in DEEP_VIEWS.items() if v in deep)
    return views


def describe(highlight: dict[str, str], names: dict[str, str]) -> str:
    """The text alternative's list: 'Stretched: psoas major, iliacus. Worked: gluteus maximus.'"""
    sentences = []
    for state, label in (("target", "Shown"), ("stretched", "Stretched"), ("worked", "Worked")):
        ids = [i for i in sorted(highlight) if highlight[i] == state]
        if ids:
            words = [(names.get(i) or default_name(i)) for i in ids]
            words = [w[:1].lower() + w[1:] if w[1:2].islower() else w for w in words]
            sentences.append(f"{label}: {', '.join(words)}.")
    return " ".join(sentences)


def body_svg(highlight: dict[str, str] | None = None, links: dict[str, str] | None = None,
             views: tuple[str, ...] | list[str] = ("front", "back"), title: str = "",
             names: dict[str, str] | None = None, desc: str = "", css_class: str = "") -> str:
    """One `<svg>` with the body seen from each of `views`, side by side (see the module docstring)."""
    highlight = {k: v for k, v in (highlight or {}).items() if v in STATES}
    links = links or {}
    names = names or {}
    views = [v for v in views if v in VIEW_LABELS] or ["front"]
    width = len(views) * VIEW_W + (len(views) - 1) * GAP
    height = VIEW_H + 24
    title = title or "Body diagram, " + " and ".join(VIEW_LABELS[v].lower() for v in views) + " view"
    text = desc or describe(highlight, names)
    deep_note = "Dashed outlines are deep muscles, under the surface ones."
    if any(i in DEEP for i in set(highlight) | set(links)) and not any(v in DEEP_VIEWS for v in views):
        text = (text + " " + deep_note).strip()
    interactive = bool(links)
    role = '' if interactive else 'role="img"'  # a map of links keeps the svg's own role (Nu rejects role=group there)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="ma-body{(" " + escape(css_class)) if css_class else ""}" '
           f'viewBox="0 0 {width} {height}" {role} aria-label="{escape(title + (". " + text if text else ""))}">',
           f"<title>{escape(title)}</title>"]
    if text:
        out.append(f"<desc>{escape(text)}</desc>")
    for n, view in enumerate(views):
        x = n * (VIEW_W + GAP)
        out.append(f'<g transform="translate({x} 0)" class="ma-body-view ma-body-view--{view}">')
        out.append(_view(view, highlight, links, names))
        out.append(f'<text class="ma-body-label" x="{VIEW_W // 2}" y="{VIEW_H + 18}" text-anchor="middle" '
                   f'aria-hidden="true">{VIEW_LABELS[view]}</text></g>')
    out.append("</svg>")
    return "".join(out)
