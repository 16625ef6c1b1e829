"""Handouts, feed and open data (issue 13 items 4-6): what a reader prints, what a feed reader and an
app builder download.

A tiny site checks the feed (Atom, newest first, escaping, head link) and the open data; the real site,
built once, checks that the real records validate against the published schemas and that real exercise
and routine pages print on one page without the site's chrome.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, serve
from conftest import make_site
from myoatlas.build import check_content
from myoatlas.model import Paths
from myoatlas.publish import published_files, site_info

REPO = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://myoatlas.github.io/myoatlas/"
API_FILES = ["exercises", "muscles", "groups", "conditions", "tests", "routines", "sources"]

# Two routines and an article: the article and `a-morning-routine` share a date (ties go by id),
# `zz-old-routine` is older. Contributor text carries characters XML and JSON must escape.
TINY = """
-- content/article/hip-basics.yml --
id: hip-basics
title: Hip basics & "flexors"
summary: Why the hips matter & how <b>not</b> to "overdo" it. A second sentence, kept in full.
author: editors
published: 2026-02-01
reviewed: 2026-03-01
sections:
  - heading: Start
    body: The [[psoas-major]] lifts the thigh.
sources: [smith-2020]
-- content/routine/a-morning-routine.yml --
id: a-morning-routine
name: A morning routine
summary: Two minutes for the hips, <b>not</b> "more" & not less.
frequency: Daily
steps:
  - exercise: kneeling-lunge
    dose: hold 30 seconds, twice each side
    note: Go gently.
cautions: [Stop if it hurts.]
reviewed: 2026-03-01
author: editors
-- content/routine/zz-old-routine.yml --
id: zz-old-routine
name: An older routine
summary: Reviewed long ago.
frequency: Weekly
steps:
  - exercise: kneeling-lunge
cautions: [Stop if it hurts.]
reviewed: 2025-12-24
author: editors
"""


def mkdocs_build(config: Path, out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-3000:]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Paths, Path]:
    """The tiny site, built: (its project paths, its output folder)."""
    paths = make_site(tmp_path_factory.mktemp("tiny"), TINY)
    out = paths.root / "out"
    mkdocs_build(paths.root / "mkdocs.yml", out)
    return paths, out


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real")
    mkdocs_build(REPO / "mkdocs.yml", out)
    return out


from test_browser import browser  # noqa: E402,F401  (pytest fixture: Chromium, once per module)


@pytest.fixture(scope="module")
def real_url(real_site) -> str:
    yield from serve(real_site)


@pytest.fixture
def page(browser, real_url):
    context = browser.new_context(base_url=real_url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


# -- feed -----------------------------------------------------------------------------------------

def test_the_feed_is_atom_with_articles_and_routines_newest_first(tiny):
    _paths, out = tiny
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert feed.findtext(f"{A}{name}"), name
    assert feed.findtext(f"{A}author/{A}name") == "MyoAtlas"
    assert feed.findtext(f"{A}updated") == "2026-03-01T00:00:00Z"
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "feed.xml"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [
        "A morning routine", 'Hip basics & "flexors"', "An older routine"]  # same day: by id
    assert [e.findtext(f"{A}updated") for e in entries] == [
        "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z", "2025-12-24T00:00:00Z"]
    for entry in entries:
        link = entry.find(f"{A}link[@rel='alternate']")
        assert link is not None and link.get("href", "").startswith(SITE_URL)
        assert entry.findtext(f"{A}id") == link.get("href")
        assert entry.findtext(f"{A}author/{A}name") == "Test editors"
    article = entries[1]
    assert article.find(f"{A}link[@rel='alternate']").get("href") == SITE_URL + "articles/hip-basics/"
    assert article.findtext(f"{A}published") == "2026-02-01T00:00:00Z"
    assert article.findtext(f"{A}summary") == \
        'Why the hips matter & how <b>not</b> to "overdo" it. A second sentence, kept in full.'
    raw = (out / "feed.xml").read_text(encoding="utf-8")
    assert "<b>" not in raw and "&lt;b&gt;" in raw  # contributor text is text, never markup


def test_the_home_page_and_whats_new_announce_the_feed_in_their_head_and_record_pages_do_not(tiny):
    # Record pages do not: Material fetches the whole sitemap for every <link rel="alternate"> on a page.
    _paths, out = tiny
    for html_file, expected in (("index.html", 1), ("new/index.html", 1), ("exercises/kneeling-lunge/index.html", 0)):
        html = (out / html_file).read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', head)
        assert len(links) == expected, html_file
        for link in links:
            assert urljoin(f"http://x/{html_file}", link) == "http://x/feed.xml", html_file


def test_whats_new_lists_newest_first_and_links_the_feed(tiny):
    _paths, out = tiny
    html = (out / "new" / "index.html").read_text(encoding="utf-8")
    text = unescape(re.sub(r"<[^>]+>", "", html.split('<h1 id="whats-new"', 1)[1].split("</article>", 1)[0]))
    order = [text.index(t) for t in ("1 March 2026", "A morning routine", 'Hip basics & "flexors"',
                                      "24 December 2025", "An older routine", "Other pages reviewed recently",
                                      "1 January 2026", "Kneeling lunge (Exercise)")]
    assert order == sorted(order)
    assert re.search(r'<a[^>]+href="\.\./feed\.xml"[^>]*>Follow new articles and routines \(Atom feed\)</a>', html)


# -- open data ------------------------------------------------------------------------------------

def validate_api(folder: Path) -> dict[str, dict]:
    """Every api/*.json parsed and checked against its published schema (which must itself be valid)."""
    docs = {}
    for name in API_FILES:
        doc = json.loads((folder / "api" / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((folder / "api" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc)]
        assert errors == [], name
        assert doc["$schema"] == schema["$id"] == f"{SITE_URL}api/schema/{name}.schema.json"
        assert doc["licence"]["name"] == "CC BY-SA 4.0"
        assert doc["licence"]["statement"] == "Text available under CC BY-SA 4.0. General information, not medical advice."
        assert doc["count"] == len(doc[name]) and [r["id"] for r in doc[name]] == sorted(r["id"] for r in doc[name])
        docs[name] = doc
    return docs


def test_the_open_data_of_a_tiny_site_validates_and_links_both_ways(tiny):
    _paths, out = tiny
    docs = validate_api(out)
    muscle = docs["muscles"]["muscles"][0]
    assert (muscle["id"], muscle["stretched_by"], muscle["page_url"]) == (
        "psoas-major", ["kneeling-lunge"], SITE_URL + "muscles/psoas-major/")
    exercise = docs["exercises"]["exercises"][0]
    assert exercise["dose"] == {"hold_seconds": 30, "reps": 3}
    assert exercise["routines"] == ["a-morning-routine", "zz-old-routine"]
    step = docs["routines"]["routines"][0]["steps"][0]
    assert step == {"exercise": "kneeling-lunge", "exercise_name": "Kneeling lunge", "dose": "hold 30 seconds, twice each side",
                    "note": "Go gently.", "page_url": SITE_URL + "exercises/kneeling-lunge/"}
    assert docs["groups"]["groups"][0]["members"] == ["psoas-major"]
    routine = docs["routines"]["routines"][0]
    assert routine["summary"] == 'Two minutes for the hips, <b>not</b> "more" & not less.'
    raw = (out / "api" / "routines.json").read_text(encoding="utf-8")
    assert "<b>" not in raw and "&" not in raw  # inert even if pasted into HTML; the parsed text is the same


def test_a_record_that_breaks_the_published_schema_is_caught(tiny):
    _paths, out = tiny
    schema = json.loads((out / "api" / "schema" / "exercises.schema.json").read_text(encoding="utf-8"))
    doc = json.loads((out / "api" / "exercises.json").read_text(encoding="utf-8"))
    doc["exercises"][0]["dose"]["reps"] = "three"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


def test_published_files_are_the_same_bytes_every_time(tiny):
    paths, out = tiny
    graph, _ = check_content(paths)
    first = published_files(graph, **site_info(paths))
    assert first == published_files(graph, **site_info(paths))
    assert first["feed.xml"] == (out / "feed.xml").read_text(encoding="utf-8")


def test_the_real_records_validate_against_the_published_schemas(real_site):
    docs = validate_api(real_site)
    assert all(docs[name]["count"] > 0 for name in API_FILES)


def test_the_api_page_documents_every_published_field_and_its_example_validates(real_site):
    text = (REPO / "site_src" / "api.md").read_text(encoding="utf-8")
    missing = []
    for name in API_FILES:
        schema = json.loads((real_site / "api" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        record = schema["$defs"]["record"]
        fields = set(record["properties"])
        for sub in record["properties"].values():
            fields |= set(sub.get("properties", {})) | set(sub.get("items", {}).get("properties", {}))
        missing += [f"{name}.{f}" for f in sorted(fields) if f"`{f}`" not in text]
    assert missing == []
    example = json.loads(re.findall(r"```json\n(.*?)```", text, re.S)[1])
    schema = json.loads((real_site / "api" / "schema" / "exercises.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(example, {**schema["$defs"]["record"], "$defs": schema["$defs"]},
                        cls=jsonschema.Draft202012Validator)
    html = (real_site / "api" / "index.html").read_text(encoding="utf-8")
    assert 'href="exercises.json"' in html and 'href="schema/exercises.schema.json"' in html


# -- printing -------------------------------------------------------------------------------------

CHROME = {  # what must not reach the paper
    "header": ".md-header", "tabs": ".md-tabs", "sidebars": ".md-sidebar", "search": ".md-search, [role='search']",
    "footer": ".md-footer", "edit button": ".md-content__button", "back to top": ".md-top",
    "print button": ".ma-print", "breadcrumb": ".myoatlas-back",
}


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def largest(site: Path, folder: str, having: str = "") -> str:
    """The record page of `folder` with the most article text (the hardest to fit on one page)."""
    def size(p: Path) -> int:
        html = p.read_text(encoding="utf-8")
        body = html.split("<article", 1)[1].split("</article>", 1)[0]
        return len(re.sub(r"<[^>]+>", "", body)) if having in html else -1
    pages = sorted((site / folder).glob("*/index.html"), key=lambda p: (size(p), p.parent.name))
    return f"{folder}/{pages[-1].parent.name}/"


def check_print(page, path: str, must_show: list[str]) -> None:
    page.goto(path)
    page.locator(".ma-print button").wait_for()  # the page's scripts have run
    page.emulate_media(media="print")
    hidden = {name: page.eval_on_selector_all(sel, "els => els.map(e => getComputedStyle(e).display)")
              for name, sel in CHROME.items()}
    assert {name: d for name, d in hidden.items() if any(v != "none" for v in d)} == {}, path
    assert all(hidden[name] for name in ("header", "footer", "sidebars", "search")), "the chrome is on the page"
    for selector in must_show:
        assert page.locator(selector).first.is_visible(), f"{path}: {selector} is not printed"
    for paper in ("A4", "Letter"):
        assert pdf_pages(page.pdf(format=paper)) == 1, f"{path} does not fit one {paper} page"


@pytest.mark.browser
def test_the_longest_exercise_with_a_figure_prints_on_one_page_without_chrome(page, real_site):
    path = largest(real_site, "exercises", having="ma-figure--pose")
    check_print(page, path, ["article h1", "#how-to-do-it + ol", ".admonition.warning", ".ma-figure--pose svg",
                             "article li:has-text('Dose:')"])


@pytest.mark.browser
def test_the_longest_routine_prints_on_one_page_with_its_pictures(page, real_site):
    path = largest(real_site, "routines")
    check_print(page, path, ["article h1", "article ol a[data-routine-step]", ".admonition.warning",
                             ".ma-print-figure svg"])


@pytest.mark.browser
def test_the_print_button_is_a_keyboard_button_on_handouts_only(page):
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto("routines/calf-and-foot-care-routine/")
    button = page.get_by_role("button", name="Print this handout")
    assert button.is_visible()
    assert not page.locator(".ma-print-figure").first.is_visible()  # paper-only pictures stay off screen
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    page.goto("muscles/psoas-major/")
    page.locator("article h1").wait_for()
    assert page.get_by_role("button", name="Print this handout").count() == 0


@pytest.mark.browser
def test_folded_warning_signs_print_open(page, real_site):
    candidates = sorted(p for p in (real_site / "conditions").glob("*/index.html")
                        if "myoatlas-redflags-more" in p.read_text(encoding="utf-8"))
    assert candidates, "no condition page folds warning signs"
    page.goto(f"conditions/{candidates[0].parent.name}/")
    hidden_sign = page.locator("details.myoatlas-redflags-more li").first
    assert not hidden_sign.is_visible()
    page.emulate_media(media="print")
    assert hidden_sign.is_visible()
