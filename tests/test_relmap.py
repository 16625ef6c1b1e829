"""The relationship map ("How it connects"): a record's neighbours in the content graph, drawn at build time.

What readers see: each neighbour is a link to its page, the lines are labelled with the relation, a phone
gets a one-column map that fits, and the same relations are listed as text.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import make_site
from myoatlas.build import build_site
from myoatlas.model import Paths

HOSTILE = "Arched back \" onmouseover=\"window.__pwned=1\" &lt;b&gt;bold&lt;/b&gt; & 'more'"
_HOSTILE_YAML = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')

TEXT = """
-- content/group/hip-extensors.yml --
id: hip-extensors
name: Hip extensors
summary: Muscles that take the thigh back.
region: hip
action: hip extension
opposing: [hip-flexors]
reviewed: 2026-01-01
-- content/muscle/gluteus-maximus.yml --
id: gluteus-maximus
name: Gluteus maximus
summary: The big buttock muscle.
groups: [hip-extensors]
region: hip
depth: superficial
joints: one-joint
origin: Ilium and sacrum.
insertion: Gluteal tuberosity.
innervation: {nerve: inferior gluteal nerve, roots: L5-S2}
actions: [hip extension]
antagonists: [psoas-major]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
-- content/test/thomas-test.yml --
id: thomas-test
name: Thomas test
summary: A lying test of hip flexor length.
purpose: Checks hip flexor length.
position: lying-on-back
steps: [Lie at the end of a table., Hug one knee.]
normal: The thigh rests on the table.
findings:
  - {finding: The thigh lifts., meaning: The hip flexors may be short.}
muscles: [psoas-major]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
-- content/condition/tight-hip-flexors.yml --
id: tight-hip-flexors
name: Tight hip flexors
summary: Hip flexors that feel short.
description: The front of the hip feels tight.
leads_to:
  - {condition: anterior-pelvic-tilt, how: They pull the front of the pelvis down.}
muscles: [psoas-major]
tests: [thomas-test]
exercises: [kneeling-lunge]
see_a_professional: [Pain after a fall.]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
-- content/condition/anterior-pelvic-tilt.yml --
id: anterior-pelvic-tilt
name: Anterior pelvic tilt
summary: The pelvis tipped forward.
description: The pelvis tips forward and the lower back arches more.
leads_to:
  - {condition: lumbar-hyperextension, how: The lower back arches to keep the trunk upright.}
muscles: [psoas-major, gluteus-maximus]
see_a_professional: [Pain after a fall.]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
-- content/condition/lumbar-hyperextension.yml --
id: lumbar-hyperextension
name: "%s"
summary: The lower back curves in too far.
description: The lower back curves in more than usual.
see_a_professional: [Pain after a fall.]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
-- content/article/hips.yml --
id: hips
title: All about hips
summary: Why hips feel tight.
author: editors
published: 2025-12-01
reviewed: 2026-01-01
sources: [smith-2020]
sections:
  - heading: Start
    body: Stretch the [[psoas-major|psoas]] with the [[kneeling-lunge]]; see [[anterior-pelvic-tilt]].
""" % _HOSTILE_YAML

EXTRA_STRETCHES = ["Couch stretch", "Side-lying stretch", "Standing lunge", "Wall stretch", "Bench stretch"]
TEXT += "".join(f"""
-- content/exercise/{name.lower().replace(' ', '-')}.yml --
id: {name.lower().replace(' ', '-')}
name: {name}
kind: stretch
summary: Another stretch for the front of the hip.
stretches: [psoas-major]
position: standing
equipment: [none]
difficulty: beginner
dose: {{hold_seconds: 30, reps: 3}}
steps: [Stand tall., Lean.]
cautions: [Stop if it hurts.]
reviewed: 2026-01-01
author: editors
""" for name in EXTRA_STRETCHES)


class MapParser(HTMLParser):
    """The map block of a page: its links (in the wide map, the narrow map and the text list) with their visible
    text and accessible name, the relation labels of each map, the items of the list, every attribute name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.part = ""
        self.links: dict[str, list[dict[str, str]]] = {"wide": [], "narrow": [], "list": []}
        self.labels: dict[str, list[str]] = {"wide": [], "narrow": []}
        self.items: list[str] = []
        self.attributes: set[str] = set()
        self._link: dict[str, str] | None = None
        self._label: list[str] | None = None
        self._item: list[str] | None = None
        self._tspan = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.attributes |= set(a)
        if tag == "svg":
            self.part = "wide" if "ma-rm--wide" in a.get("class", "") else "narrow"
        elif tag == "details":
            self.part = "list"
        elif tag == "a":
            self._link = {"href": a.get("xlink:href") or a.get("href", ""), "name": a.get("aria-label", ""), "text": ""}
        elif tag == "text" and "ma-rm-label" in a.get("class", ""):
            self._label = []
        elif tag == "li":
            self._item = []
        elif tag == "tspan":
            self._tspan = True
            if self._link is not None and self._link["text"]:
                self._link["text"] += " "  # a name drawn on two lines

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links[self.part].append(self._link)
            self._link = None
        elif tag == "text" and self._label is not None:
            self.labels[self.part].append("".join(self._label))
            self._label = None
        elif tag == "li" and self._item is not None:
            self.items.append("".join(self._item))
            self._item = None
        elif tag == "tspan":
            self._tspan = False

    def handle_data(self, data: str) -> None:
        if self._link is not None and (self.part == "list" or self._tspan):  # not the SVG <title>
            self._link["text"] += data
        if self._label is not None:
            self._label.append(data)
        if self._item is not None:
            self._item.append(data)


def map_block(markdown: str) -> str:
    lines = [line for line in markdown.splitlines() if line.startswith('<div class="ma-relmap"')]
    assert len(lines) == 1, "expected one map block on the page"
    return lines[0]


def parse(markdown: str) -> MapParser:
    parser = MapParser()
    parser.feed(map_block(markdown))
    return parser


def drawn(parser: MapParser, part: str) -> dict[str, str]:
    """Visible text of each link -> its href."""
    return {link["text"]: link["href"] for link in parser.links[part]}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("relmap")
    make_site(root, TEXT)
    return root


@pytest.fixture(scope="module")
def pages(project) -> dict[str, str]:
    result = build_site(Paths(project))
    assert result.ok, [str(d) for d in result.diagnostics]
    return {p.path: p.markdown for p in result.pages}


def test_a_muscle_map_links_each_neighbour_to_its_page(pages):
    muscle = pages["muscles/psoas-major.md"]
    # after the page's own content, before its sources
    assert muscle.index("## What it does") < muscle.index("## How it connects") < muscle.index(map_block(muscle)) \
        < muscle.index("A study of hips")
    parser = parse(muscle)
    expected = {
        "Bench stretch": "../../exercises/bench-stretch/",
        "Couch stretch": "../../exercises/couch-stretch/",
        "Kneeling lunge": "../../exercises/kneeling-lunge/",
        "+3 more": "#relmap-list",
        "Thomas test": "../../tests/thomas-test/",
        "Anterior pelvic tilt": "../../conditions/anterior-pelvic-tilt/",
        "Tight hip flexors": "../../conditions/tight-hip-flexors/",
        "Hip flexors": "../../groups/hip-flexors/",
        "Gluteus maximus": "../gluteus-maximus/",
        "All about hips": "../../articles/hips/",
    }
    assert drawn(parser, "wide") == expected
    assert drawn(parser, "narrow") == expected
    names = {link["text"]: link["name"] for link in parser.links["wide"]}
    assert names["Kneeling lunge"] == "Kneeling lunge (exercise), which stretches psoas major"
    assert names["Hip flexors"] == "Hip flexors (group): psoas major is a member of it"
    assert names["+3 more"] == "3 more exercises: see the list below"


def test_edges_are_labelled_with_the_relation_from_the_schema(pages):
    parser = parse(pages["muscles/psoas-major.md"])
    assert parser.labels["wide"] == ["stretches →", "assesses →", "involves →", "mentions →", "→ member of", "↔ opposes"]
    assert parser.labels["narrow"] == ["Stretched by", "Assessed by", "Involved in", "Member of", "Opposes", "Mentioned in"]
    condition = parse(pages["conditions/anterior-pelvic-tilt.md"])
    assert condition.labels["wide"] == ["can contribute to →", "mentions →", "→ can contribute to", "→ involves"]
    assert condition.labels["narrow"] == ["Can come from", "Can contribute to", "Involves", "Mentioned in"]
    exercise = parse(pages["exercises/kneeling-lunge.md"])
    assert exercise.labels["wide"] == ["mentions →", "→ stretches", "→ can help with"]
    assert exercise.labels["narrow"] == ["Stretches", "Can help with", "Mentioned in"]


def test_the_same_relations_are_listed_as_text(pages):
    parser = parse(pages["conditions/anterior-pelvic-tilt.md"])
    assert parser.items == [
        "Can come from: Tight hip flexors",
        f"Can contribute to: {HOSTILE}",
        "Involves: Gluteus maximus, Psoas major",
        "Mentioned in: All about hips",
    ]
    assert drawn(parser, "list")["Tight hip flexors"] == "../tight-hip-flexors/"
    block = map_block(pages["conditions/anterior-pelvic-tilt.md"])
    assert '<details class="quote myoatlas-fold ma-relmap__list" id="relmap-list"><summary>All 5 connections of anterior ' \
           'pelvic tilt as a list</summary>' in block
    muscle = parse(pages["muscles/psoas-major.md"])  # the list has every record, where the maps stop at "+3 more"
    assert muscle.items[0] == ("Stretched by: Bench stretch, Couch stretch, Kneeling lunge, Side-lying stretch, "
                               "Standing lunge, Wall stretch")


def test_a_hostile_name_is_escaped_everywhere_in_the_map(pages):
    block = map_block(pages["conditions/anterior-pelvic-tilt.md"])
    assert '" onmouseover="' not in block and "&lt;b&gt;" not in block
    assert "&quot; onmouseover=&quot;window.__pwned=1&quot; &amp;lt;b&amp;gt;" in block
    parser = parse(pages["conditions/anterior-pelvic-tilt.md"])
    assert not {a for a in parser.attributes if a.startswith("on")}
    link = next(link for link in parser.links["list"] if link["href"] == "../lumbar-hyperextension/")
    assert link["text"] == HOSTILE
    wide = next(link for link in parser.links["wide"] if link["href"] == "../lumbar-hyperextension/")
    assert wide["name"] == f"{HOSTILE} (condition): anterior pelvic tilt can contribute to it"
    assert wide["text"].startswith("Arched back \" onmouseover=")  # drawn in two lines, cut with "…"


MAPS_OF = """
import hashlib, sys
from pathlib import Path
from myoatlas.build import build_site
from myoatlas.model import Paths
pages = build_site(Paths(Path(sys.argv[1]))).pages
blocks = [line for p in pages for line in p.markdown.splitlines() if line.startswith('<div class="ma-relmap"')]
print(len(blocks), hashlib.sha256("\\n".join(blocks).encode()).hexdigest())
"""


def test_the_map_is_the_same_bytes_on_every_build(project, pages):
    again = {p.path: p.markdown for p in build_site(Paths(project)).pages}
    maps = [path for path, text in pages.items() if '<div class="ma-relmap"' in text]
    assert len(maps) >= 10
    assert [map_block(again[p]) for p in maps] == [map_block(pages[p]) for p in maps]
    # and in other processes, whose sets and dicts of strings iterate in another order
    runs = {subprocess.run([sys.executable, "-c", MAPS_OF, str(project)], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2")}
    assert len(runs) == 1 and runs.pop().startswith(f"{len(maps)} ")


def test_a_record_without_neighbours_has_no_map(site):
    result = build_site(site("""
-- content/condition/lonely.yml --
id: lonely
name: Lonely
summary: Nothing links here.
description: Nothing at all.
see_a_professional: [Pain after a fall.]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
"""))
    pages = {p.path: p.markdown for p in result.pages}
    assert "## How it connects" not in pages["conditions/lonely.md"]
    assert "ma-relmap" not in pages["conditions/lonely.md"]
    assert "## How it connects" in pages["exercises/kneeling-lunge.md"]  # it stretches psoas major


def test_a_new_reference_field_is_labelled_with_its_name(site):
    paths = site("""
-- content/muscle/gluteus-maximus.yml --
id: gluteus-maximus
name: Gluteus maximus
summary: The big buttock muscle.
groups: [hip-flexors]
region: hip
depth: superficial
joints: one-joint
origin: Ilium and sacrum.
insertion: Gluteal tuberosity.
innervation: {nerve: inferior gluteal nerve, roots: L5-S2}
actions: [hip extension]
balanced_by: [psoas-major]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
""")
    schema_file = paths.schemas / "muscle.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["balanced_by"] = schema["properties"]["antagonists"]
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    result = build_site(paths)
    assert result.ok, [str(d) for d in result.diagnostics]
    pages = {p.path: p.markdown for p in result.pages}
    assert parse(pages["muscles/gluteus-maximus.md"]).labels["wide"][-1] == "→ balanced by"
    assert "Balanced by: Psoas major" in parse(pages["muscles/gluteus-maximus.md"]).items


# -- the built site ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(project) -> Path:
    out = project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                          "-d", str(out)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    return out


@pytest.mark.slow
def test_every_map_link_leads_to_a_built_page_with_that_name(built):
    checked = 0
    for html_file in sorted(built.rglob("index.html")):
        html = html_file.read_text(encoding="utf-8")
        match = re.search(r'<div class="ma-relmap".*?</details></div>', html)
        if not match:
            continue
        parser = MapParser()
        parser.feed(match.group(0))
        here = "http://site/" + html_file.parent.relative_to(built).as_posix() + "/"
        for part in ("wide", "narrow", "list"):
            for link in parser.links[part]:
                if link["href"] == "#relmap-list":
                    assert 'id="relmap-list"' in html
                    continue
                target = built / urlparse(urljoin(here, link["href"])).path.strip("/") / "index.html"
                assert target.is_file(), f"{here}: {link['href']} does not lead to a page"
                h1 = re.search(r"<h1[^>]*>(.*?)</h1>", target.read_text(encoding="utf-8"), re.S).group(1)
                title = unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", h1))).strip()
                assert (link["text"] if part == "list" else link["name"].split(" (")[0]) == title, (here, link)
                checked += 1
    assert checked > 50


# -- in Chromium ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_url(built):
    from browser import serve

    yield from serve(built)


from test_browser import browser  # noqa: E402,F401  (pytest fixture: Chromium, once per module)


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_a_node_opens_its_page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("muscles/psoas-major/")
    node = page.locator(".ma-relmap__wide a[aria-label^='Thomas test']")
    node.scroll_into_view_if_needed()
    node.click()
    page.wait_for_url("**/tests/thomas-test/")
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent") == "Thomas test"
    page.goto("muscles/psoas-major/")
    page.locator(".ma-relmap__wide a[aria-label^='3 more']").click()
    list_ = page.locator("#relmap-list")
    list_.locator("a", has_text="Wall stretch").wait_for(state="visible")  # "+3 more" opens the list
    context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_the_map_fits_and_its_text_stays_legible(browser, base_url, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto("muscles/psoas-major/")
    assert not page.locator(".ma-relmap__wide svg").is_visible()
    narrow = page.locator(".ma-relmap__narrow svg")
    narrow.scroll_into_view_if_needed()
    box = narrow.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    smallest = page.evaluate("""() => {
        const svg = document.querySelector('.ma-relmap__narrow svg');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
    }""")
    assert smallest >= 12, f"map text is {smallest:.1f} px on a phone"
    page.locator(".ma-relmap__narrow a[aria-label^='Kneeling lunge']").tap()
    page.wait_for_url("**/exercises/kneeling-lunge/")
    context.close()

