"""The relationship map: a record's neighbourhood in the content graph, drawn as inline SVG at build time.

`relmap_markdown(record, graph, page)` returns the "How it connects" section of a record page: a Markdown
heading and one line of raw HTML holding

- a wide map (records that point at this one on the left, the record in the middle, what it points at on the
  right, one labelled bundle of edges per relation and kind),
- a narrow map for phones (the record on top, then each relation as a heading from the record's point of
  view, "Stretched by", "Can contribute to", with its records below),
- the same relations as a text list under a <details> (every record, where the maps show at most `SHOWN`
  per group and a "+N more" link to this list).

CSS (site_src/assets/relmap.css) shows one map or the other with a container query. Every record is an
`<a xlink:href>` relative to the page (xlink:href, not href: Material's instant navigation assigns `el.href`
on every [href], which throws on SVG links), with an accessible name. Labels come from the schema field that
makes the edge (`RELATIONS`); a new reference field gets its field name as label. Every text is escaped
here. The output is deterministic: same graph, same bytes. Pure Python: text widths are estimated from a
table of character widths (the wider of DejaVu Sans and Liberation Sans), so labels wrap before they would
overflow their box in the fonts a reader is likely to have.

Page URLs follow MkDocs' `use_directory_urls` (the default): `muscles/iliopsoas.md` is served as
`muscles/iliopsoas/`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from .graph import Edge, Graph
from .model import Kind, Record

SHOWN = 4  # records drawn per group; a bigger group shows SHOWN - 1 and "+N more"
LIST_ID = "relmap-list"


@dataclass(frozen=True)
class Relation:
    """A kind of edge. `label` reads from source to target ("stretches"), `verb` makes a sentence
    ("is part of"), `as_source` / `as_target` head a list seen from the page's record ("Stretches" on the
    exercise, "Stretched by" on the muscle). Symmetric relations read the same both ways."""

    key: str
    label: str
    as_source: str
    as_target: str
    verb: str = ""
    symmetric: bool = False
    weak: bool = False  # dropped when the same two records have a stronger relation

    @property
    def sentence(self) -> str:
        return self.verb or self.label


_HELPS = Relation("helps", "can help with", "Can help with", "Helped by")
_ASSESSES = Relation("assesses", "assesses", "Assesses", "Assessed by")
_OPPOSES = Relation("opposes", "opposes", "Opposes", "Opposes", symmetric=True)
_EASIER = Relation("easier", "easier version of", "Harder version", "Easier version", verb="is an easier version of")

# (kind of the record that holds the field, field) -> (relation, flipped: the field's record is the target)
RELATIONS: dict[tuple[str, str], tuple[Relation, bool]] = {
    ("condition", "leads_to"): (Relation("leads_to", "can contribute to", "Can contribute to", "Can come from"), False),
    ("exercise", "stretches"): (Relation("stretches", "stretches", "Stretches", "Stretched by"), False),
    ("exercise", "also_stretches"): (Relation("also_stretches", "also stretches", "Also stretches", "Also stretched by",
                                              weak=True), False),
    ("exercise", "works"): (Relation("works", "works", "Works", "Worked by"), False),
    ("exercise", "massages"): (Relation("massages", "massages", "Massages", "Massaged by"), False),
    ("exercise", "helps"): (_HELPS, False),
    ("routine", "helps"): (_HELPS, False),
    ("condition", "exercises"): (_HELPS, True),
    ("condition", "routines"): (_HELPS, True),
    ("test", "muscles"): (_ASSESSES, False),
    ("condition", "tests"): (_ASSESSES, True),
    ("condition", "muscles"): (Relation("involves", "involves", "Involves", "Involved in"), False),
    ("muscle", "part_of"): (Relation("part_of", "part of", "Part of", "Made up of", verb="is part of"), False),
    ("muscle", "groups"): (Relation("groups", "member of", "Member of", "Members", verb="is a member of"), False),
    ("muscle", "antagonists"): (_OPPOSES, False),
    ("group", "opposing"): (_OPPOSES, False),
    ("muscle", "synergists"): (Relation("synergists", "works with", "Works with", "Works with", symmetric=True), False),
    ("exercise", "harder"): (_EASIER, False),
    ("exercise", "easier"): (_EASIER, True),
    ("routine", "steps"): (Relation("includes", "includes", "Includes", "Included in"), False),
    ("article", "red_flags"): (Relation("red_flags", "warning signs from", "Warning signs from", "Warning signs repeated in",
                                       verb="repeats the warning signs of"), False),
    ("article", "related"): (Relation("related", "related to", "Related to", "Related to", verb="is related to",
                                      symmetric=True), False),
    ("article", "text"): (Relation("mentions", "mentions", "Mentions", "Mentioned in", weak=True), False),
}
ORDER = {rel.key: n for n, (rel, _flip) in enumerate(RELATIONS.values())}
SKIPPED_KINDS = {Kind.SOURCE, Kind.AUTHOR}  # sources and authors are in the page's footer
KIND_ORDER = {k: n for n, k in enumerate((Kind.CONDITION, Kind.MUSCLE, Kind.GROUP, Kind.EXERCISE, Kind.TEST,
                                          Kind.ROUTINE, Kind.ARTICLE, Kind.SOURCE, Kind.AUTHOR))}


def relation_for(kind: Kind, field: str) -> tuple[Relation, bool] | None:
    """The relation a field makes, None for fields the map leaves out (text links outside articles).
    A reference field missing from `RELATIONS` is labelled with its own name."""
    found = RELATIONS.get((kind.value, field))
    if found is not None:
        return found
    if field == "text":
        return None
    words = field.replace("_", " ")
    return Relation(f"{kind.value}.{field}", words, words[:1].upper() + words[1:], f"{words[:1].upper() + words[1:]} (from)"), False


# -- the neighbourhood -----------------------------------------------------------------------------------

@dataclass
class Group:
    """Records linked to the page's record by one relation, on one side, of one kind."""

    side: str  # "in": they point at the record; "out": the record points at them; "both": symmetric
    relation: Relation
    kind: Kind
    records: list[Record]
    heading: str = ""  # the relation seen from the page's record, with the kind when a side needs it
    label: str = ""  # the edge label, with the kind when needed


def incoming_edges(graph: Graph) -> dict[str, list[Edge]]:
    """Target id -> the edges that point at it, in graph order (build once per graph)."""
    index: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        index.setdefault(edge.target, []).append(edge)
    return index


def neighbourhood(record: Record, graph: Graph, incoming: dict[str, list[Edge]] | None = None) -> list[Group]:
    """Every group of records linked to `record`, in a fixed order (relation, side, kind).
    `incoming` is `incoming_edges(graph)`, passed in when many pages are drawn from one graph."""
    found: dict[tuple[str, str, Kind], dict[str, Record]] = {}
    relations: dict[str, Relation] = {}
    strong: set[str] = set()  # ids linked by a relation that is not weak
    into = (incoming if incoming is not None else incoming_edges(graph)).get(record.id, [])
    edges = list(into) + list(graph.outgoing(record.id))
    for edge in edges:
        holder = graph.records.get(edge.source)
        target = graph.records.get(edge.target)
        if holder is None or target is None or holder.id == target.id:
            continue
        made = relation_for(holder.kind, edge.field)
        if made is None:
            continue
        relation, flipped = made
        source, dest = (target, holder) if flipped else (holder, target)
        other = dest if source.id == record.id else source
        if other.kind in SKIPPED_KINDS:
            continue
        side = "both" if relation.symmetric else ("out" if source.id == record.id else "in")
        relations[relation.key] = relation
        found.setdefault((relation.key, side, other.kind), {})[other.id] = other
        if not relation.weak:
            strong.add(other.id)
    # "also stretches" gives way to "stretches" of the same pair, "mentions" to any typed relation
    stretched = {i for (key, side, _k), recs in found.items() if key == "stretches" for i in recs}
    groups = []
    for (key, side, kind) in sorted(found, key=lambda k: (ORDER.get(k[0], len(ORDER)), k[0], ("in", "both", "out").index(k[1]),
                                                          KIND_ORDER[k[2]])):
        relation = relations[key]
        drop = stretched if key == "also_stretches" else (strong if key == "mentions" else set())
        members = sorted((r for i, r in found[(key, side, kind)].items() if i not in drop),
                         key=lambda r: (r.title.lower(), r.id))
        if members:
            groups.append(Group(side, relation, kind, members))
    for group in groups:
        twins = [g for g in groups if g.relation.key == group.relation.key and g.side == group.side]
        heading = group.relation.as_target if group.side == "in" else group.relation.as_source
        suffix = f" ({group.kind.plural})" if len(twins) > 1 else ""
        group.heading = heading + suffix
        group.label = group.relation.label + suffix
    return groups


# -- text measuring and wrapping --------------------------------------------------------------------------

# Advance widths of ' ' .. '~' in 1/1000 em: the wider of DejaVu Sans and Liberation Sans (measured in Chromium).
_WIDTHS = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636,
           636, 636, 636, 636, 337, 337, 838, 838, 838, 556, 1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667,
           557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556, 500, 613,
           635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818,
           592, 592, 525, 636, 337, 636, 838]
BOLD = 1.13  # bold DejaVu Sans is about 12 % wider


_WIDTH_OF = {chr(32 + i): w for i, w in enumerate(_WIDTHS)}


@lru_cache(maxsize=4096)
def _units(text: str) -> int:
    return sum(_WIDTH_OF.get(c, 1000) for c in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of `text` at font size `size`."""
    return _units(text) * size / 1000 * (BOLD if bold else 1)


def wrap(text: str, width: float, size: float, bold: bool = False, max_lines: int = 2) -> list[str]:
    """`text` in lines no wider than `width`; the last line ends in "…" when it does not all fit."""
    words = " ".join(str(text).split()).split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while text_width(line, size, bold) > width:  # a word longer than the line: cut it
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], size, bold) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        lines = lines[:max_lines - 1] + [last + "…"]
    return lines


def _n(value: float) -> str:
    """A coordinate as short, stable text."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# -- drawing ------------------------------------------------------------------------------------------------

def page_url(page: str) -> str:
    """The served directory of a Markdown page ('muscles/iliopsoas.md' -> 'muscles/iliopsoas/')."""
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    return stem.rstrip("/") + "/" if stem.strip("/") else ""


def href(target: Record, page: str) -> str:
    """A URL for `target`'s page, relative to the page `page` is served at."""
    return _relative(f"{target.kind.plural}/{target.id}/", page_url(page))


@lru_cache(maxsize=8192)
def _relative(dest: str, here: str) -> str:
    """posixpath.relpath for site URLs, without touching the file system: 'a/b/' from 'a/c/' is '../b/'."""
    to, start = dest.strip("/").split("/"), [p for p in here.strip("/").split("/") if p]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    parts = [".."] * (len(start) - common) + to[common:]
    return "/".join(parts) + "/" if parts else "./"


def _name_in_sentence(title: str) -> str:
    from .render import in_sentence  # here: render.py imports this module

    return in_sentence(title)


def accessible_name(other: Record, group: Group, record: Record) -> str:
    """What a screen reader says for a node: its name first, then how it relates to the page's record."""
    here = _name_in_sentence(record.title)
    verb = group.relation.sentence
    if group.side == "out":
        return f"{other.title} ({other.kind.value}): {here} {verb} it"
    return f"{other.title} ({other.kind.value}), which {verb} {here}"


@dataclass
class _Box:
    """One drawn node: a record (or a "+N more" link to the list) with its text lines."""

    url: str
    lines: list[str]
    name: str
    more: bool = False
    y: float = 0
    h: float = 0


def _boxes(group: Group, record: Record, page: str, width: float, size: float) -> list[_Box]:
    shown = group.records if len(group.records) <= SHOWN else group.records[: SHOWN - 1]
    boxes = [_Box(href(r, page), wrap(r.title, width, size), accessible_name(r, group, record)) for r in shown]
    rest = len(group.records) - len(shown)
    if rest:
        boxes.append(_Box(f"#{LIST_ID}", [f"+{rest} more"],
                          f"{rest} more {group.kind.plural if rest > 1 else group.kind.value}: see the list below", more=True))
    return boxes


def _node(box: _Box, x: float, width: float, size: float, line_h: float, pad: float) -> str:
    classes = "ma-rm-node ma-rm-node--more" if box.more else "ma-rm-node"
    texts = "".join(f'<tspan x="{_n(x + pad)}" y="{_n(box.y + pad + size * 0.8 + i * line_h + 2)}">{escape(line)}</tspan>'
                    for i, line in enumerate(box.lines))
    name = escape(box.name)
    return (f'<a class="{classes}" xlink:href="{escape(box.url)}" aria-label="{name}"><title>{name}</title>'
            f'<rect x="{_n(x)}" y="{_n(box.y)}" width="{_n(width)}" height="{_n(box.h)}" rx="6"/>'
            f'<text aria-hidden="true">{texts}</text></a>')


def _svg_open(width: float, height: float, title: str, desc: str, css: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="ma-rm {css}" '
            f'viewBox="0 0 {_n(width)} {_n(height)}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<desc>{escape(desc)}</desc>')


# Wide map geometry (viewBox units): side columns, gaps for the edges, the record in the middle.
W_COL, W_GAP, W_MID = 248, 48, 168
W_SIZE, W_LINE, W_PAD, W_HEAD = 15, 19, 7, 24
W_WIDTH = 2 * W_COL + 2 * W_GAP + W_MID


def wide_svg(record: Record, groups: list[Group], page: str) -> str:
    """Incoming groups left, outgoing right, symmetric ones on the shorter side; the record in the middle."""
    text_w = W_COL - 2 * W_PAD
    columns: dict[str, list[tuple[Group, list[_Box]]]] = {"in": [], "out": []}
    height = {"in": 0.0, "out": 0.0}

    def group_height(boxes: list[_Box]) -> float:
        return W_HEAD + sum(len(b.lines) * W_LINE + 2 * W_PAD - 2 for b in boxes) + 6 * (len(boxes) - 1) + 16

    for side in ("in", "out", "both"):
        for group in (g for g in groups if g.side == side):
            boxes = _boxes(group, record, page, text_w, W_SIZE)
            column = side if side != "both" else ("in" if height["in"] < height["out"] else "out")
            columns[column].append((group, boxes))
            height[column] += group_height(boxes)
    mid_lines = wrap(record.title, W_MID - 2 * W_PAD, W_SIZE, bold=True, max_lines=4)
    ports = max(len(columns["in"]), len(columns["out"]))
    mid_h = max(2 * W_PAD + 16 + len(mid_lines) * W_LINE, 16 * (ports + 1))
    total = max(height["in"], height["out"], mid_h + 16) + 8
    mid_x, mid_y = W_COL + W_GAP, (total - mid_h) / 2
    parts = [_svg_open(W_WIDTH, total, f"How {record.title} connects to other pages",
                       "Pages that point to it on the left, pages it points to on the right; each line is labelled "
                       "with the relation. The same connections are listed after the map.", "ma-rm--wide"),
             '<defs><marker id="ma-rm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path class="ma-rm-arrowhead" d="M0,1 L10,5 L0,9 Z"/></marker></defs>']
    edges: list[str] = []
    nodes: list[str] = []
    for column, entries in columns.items():
        left = column == "in"
        x = 0 if left else W_COL + 2 * W_GAP + W_MID
        y = (total - height[column]) / 2
        for n, (group, boxes) in enumerate(entries):
            port_y = mid_y + mid_h * (n + 1) / (len(entries) + 1)
            arrow = "→" if group.side != "both" else "↔"
            head = f"{group.label} {arrow}" if left else f"{arrow} {group.label}"
            nodes.append(f'<text class="ma-rm-label" x="{_n(W_COL if left else x)}" y="{_n(y + 16)}" '
                         f'text-anchor="{"end" if left else "start"}">{escape(head)}</text>')
            y += W_HEAD
            for box in boxes:
                box.y, box.h = y, len(box.lines) * W_LINE + 2 * W_PAD - 2
                nodes.append(_node(box, x, W_COL, W_SIZE, W_LINE, W_PAD))
                y += box.h + 6
            y += 10
            # the bundle: a tick from each node to a spine, one labelled line from the spine to the record
            spine_x = W_COL + 12 if left else x - 12
            edge_x = W_COL if left else x
            mids = [b.y + b.h / 2 for b in boxes]
            d = "".join(f"M{_n(edge_x)},{_n(m)} H{_n(spine_x)} " for m in mids)
            if len(mids) > 1:
                d += f"M{_n(spine_x)},{_n(mids[0])} V{_n(mids[-1])} "
            centre = (mids[0] + mids[-1]) / 2
            mid_edge = mid_x if left else mid_x + W_MID
            bend = (mid_edge - spine_x) / 2
            curve = (f"M{_n(spine_x)},{_n(centre)} C{_n(spine_x + bend)},{_n(centre)} "
                     f"{_n(mid_edge - bend)},{_n(port_y)} {_n(mid_edge)},{_n(port_y)}")
            if not left:  # drawn from the record out to the group, so the arrowhead lands on the group
                curve = (f"M{_n(mid_edge)},{_n(port_y)} C{_n(mid_edge + (spine_x - mid_edge) / 2)},{_n(port_y)} "
                         f"{_n(spine_x - (spine_x - mid_edge) / 2)},{_n(centre)} {_n(spine_x)},{_n(centre)}")
            marker = "" if group.side == "both" else ' marker-end="url(#ma-rm-arrow)"'
            edges.append(f'<g class="ma-rm-edge ma-rm-edge--{escape(group.relation.key)}" aria-hidden="true">'
                         f'<path d="{d.strip()}"/><path d="{curve}"{marker}/></g>')
    parts += edges + nodes
    # the record itself: not a link (this page), drawn last so the edges end under its border
    kind_y = mid_y + (mid_h - 24 - W_LINE * len(mid_lines)) / 2 + 12  # kind and name centred in the box
    title = "".join(f'<tspan x="{_n(mid_x + W_MID / 2)}" y="{_n(kind_y + 8 + (i + 1) * W_LINE)}">{escape(line)}</tspan>'
                    for i, line in enumerate(mid_lines))
    parts.append(f'<g class="ma-rm-self"><rect x="{_n(mid_x)}" y="{_n(mid_y)}" width="{W_MID}" height="{_n(mid_h)}" rx="8"/>'
                 f'<text class="ma-rm-kind" x="{_n(mid_x + W_MID / 2)}" y="{_n(kind_y)}" text-anchor="middle">'
                 f'{escape(record.kind.value.upper())}</text>'
                 f'<text class="ma-rm-title" text-anchor="middle">{title}</text></g></svg>')
    return "".join(parts)


# Narrow map: one column, the record on top, each group under a heading seen from the record.
N_WIDTH, N_INDENT, N_SIZE, N_LINE, N_PAD, N_HEAD = 310, 28, 14, 18, 7, 24


def narrow_svg(record: Record, groups: list[Group], page: str) -> str:
    """The record on top, a spine down the left, each group's heading off the spine and its records as
    chips flowing left to right."""
    node_w = N_WIDTH - N_INDENT
    title_lines = wrap(record.title, N_WIDTH - 2 * N_PAD, N_SIZE + 1, bold=True, max_lines=3)
    top_h = 2 * N_PAD + 14 + len(title_lines) * N_LINE + 4
    parts: list[str] = []
    spine: list[float] = []
    y = top_h + 10
    for group in groups:
        parts.append(f'<text class="ma-rm-label" x="{N_INDENT}" y="{_n(y + 17)}">{escape(group.heading)}</text>')
        spine.append(y + 12)
        y += N_HEAD
        x, row_h = float(N_INDENT), 0.0
        for box in _boxes(group, record, page, node_w - 2 * N_PAD, N_SIZE):
            box.h = len(box.lines) * N_LINE + 2 * N_PAD - 2
            chip_w = min(node_w, max(text_width(line, N_SIZE) for line in box.lines) + 2 * N_PAD + 4)
            if x > N_INDENT and x + chip_w > N_WIDTH:
                x, y, row_h = float(N_INDENT), y + row_h + 6, 0.0
            box.y = y
            parts.append(_node(box, x, chip_w, N_SIZE, N_LINE, N_PAD))
            x += chip_w + 6
            row_h = max(row_h, box.h)
        y += row_h + 14
    height = y
    ticks = "".join(f"M12,{_n(s)} H{N_INDENT - 6} " for s in spine)
    edges = (f'<path class="ma-rm-spine" aria-hidden="true" d="M12,{_n(top_h)} V{_n(spine[-1])} {ticks.strip()}"/>'
             if spine else "")
    title = "".join(f'<tspan x="{N_PAD + 2}" y="{_n(N_PAD + 14 + (i + 1) * N_LINE)}">{escape(line)}</tspan>'
                    for i, line in enumerate(title_lines))
    head = (f'<g class="ma-rm-self"><rect x="0" y="0" width="{N_WIDTH}" height="{_n(top_h)}" rx="8"/>'
            f'<text class="ma-rm-kind" x="{N_PAD + 2}" y="{N_PAD + 12}">{escape(record.kind.value.upper())}</text>'
            f'<text class="ma-rm-title">{title}</text></g>')
    return (_svg_open(N_WIDTH, height, f"How {record.title} connects to other pages",
                      "Each heading names a relation of this page; the pages under it are linked that way. "
                      "The same connections are listed after the map.", "ma-rm--narrow")
            + edges + head + "".join(parts) + "</svg>")


def text_list(record: Record, groups: list[Group], page: str) -> str:
    """The text equivalent: every relation and every record, under a closed <details>."""
    items = []
    for group in groups:
        links = ", ".join(f'<a href="{escape(href(r, page))}">{escape(r.title)}</a>' for r in group.records)
        items.append(f"<li><strong>{escape(group.heading)}:</strong> {links}</li>")
    count = sum(len(g.records) for g in groups)
    return (f'<details class="quote myoatlas-fold ma-relmap__list" id="{LIST_ID}"><summary>All {count} connections '
            f'of {escape(_name_in_sentence(record.title))} as a list</summary><ul>{"".join(items)}</ul></details>')


def relmap_html(record: Record, graph: Graph, page: str, incoming: dict[str, list[Edge]] | None = None) -> str:
    """The map block (both maps and the list) on one line, or "" when the record links to nothing."""
    groups = neighbourhood(record, graph, incoming)
    if not groups:
        return ""
    return (f'<div class="ma-relmap" data-pagefind-ignore><div class="ma-relmap__wide">{wide_svg(record, groups, page)}</div>'
            f'<div class="ma-relmap__narrow">{narrow_svg(record, groups, page)}</div>{text_list(record, groups, page)}</div>')


def relmap_markdown(record: Record, graph: Graph, page: str, incoming: dict[str, list[Edge]] | None = None,
                    heading: str = "How it connects") -> str:
    """The page section: a `##` heading and the map block, or "" when there is nothing to draw."""
    block = relmap_html(record, graph, page, incoming)
    return f"\n## {escape(heading)}\n\n{block}\n" if block else ""


def register(env, graph: Graph) -> None:
    """Add `relmap(record)` to a Jinja environment (called from `Renderer.__init__`)."""
    import jinja2
    from markupsafe import Markup

    incoming = incoming_edges(graph)

    @jinja2.pass_context
    def relmap(ctx: jinja2.runtime.Context, record: Record) -> Markup:
        return Markup(relmap_markdown(record, graph, ctx["page"], incoming))

    env.globals["relmap"] = relmap
