"""Trust on every health page: disclaimer, author, review dates and numbered sources from the template,
and schema.org JSON-LD in the page head that no field can break out of."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import diagnostics, make_site
from myoatlas.build import build_site
from myoatlas.structured_data import head_html, jsonld, next_review

PAYLOAD = "Hips </script><script>window.__pwned=1</script> <!-- & more"

# One record of every health kind, each written by the editors, reviewed 2026-01-01 and citing a source
# with a DOI and a PubMed id. The routine's summary carries a script break-out.
KINDS = """
-- content/source/jones-2019.yml --
id: jones-2019
title: Stretching and the hip
authors: Jones A, Lee B
year: 2019
publisher: Journal of Hips 2019;1:1-9
doi: 10.1000/hip.2
pmid: "31234567"
-- content/group/hip-flexors.yml --
id: hip-flexors
name: Hip flexors
summary: Muscles that lift the thigh.
region: hip
action: hip flexion
sources: [jones-2019]
reviewed: 2026-01-01
author: editors
-- content/muscle/psoas-major.yml --
id: psoas-major
name: Psoas major
aliases: [psoas]
summary: The strongest hip flexor.
groups: [hip-flexors]
region: hip
depth: deep
joints: one-joint
origin: Lumbar vertebrae.
insertion: Lesser trochanter.
innervation: {nerve: lumbar plexus, roots: L1-L3}
actions: [hip flexion]
sources: [jones-2019]
reviewed: 2026-01-01
author: editors
-- content/exercise/kneeling-lunge.yml --
id: kneeling-lunge
name: Kneeling lunge
kind: stretch
summary: A kneeling stretch for the front of the hip.
stretches: [psoas-major]
position: half-kneeling
equipment: [mat]
difficulty: beginner
dose: {hold_seconds: 30, reps: 3, sets: 2, per_side: true, frequency: daily}
steps: [Kneel on one knee., Shift forward.]
cautions: [Stop if it hurts.]
sources: [jones-2019]
reviewed: 2026-01-01
author: editors
-- content/condition/tight-hip-flexors.yml --
id: tight-hip-flexors
name: Tight hip flexors
summary: Hip flexors that feel short.
description: The front of the hip feels tight.
muscles: [psoas-major]
tests: [thomas-test]
exercises: [kneeling-lunge]
see_a_professional: [Pain after a fall.]
sources: [jones-2019]
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
sources: [jones-2019]
reviewed: 2026-01-01
author: editors
-- content/routine/hip-routine.yml --
id: hip-routine
name: Hip routine
summary: "%s"
frequency: Every day
duration_minutes: 10
steps:
  - exercise: kneeling-lunge
    dose: hold 30 seconds, 3 times
    note: Keep the trunk upright.
helps: [tight-hip-flexors]
cautions: [Stop if it hurts.]
sources: [jones-2019]
reviewed: 2026-01-01
author: editors
-- content/article/hips.yml --
id: hips
title: All about hips
summary: Why hips feel tight.
author: editors
published: 2025-12-01
reviewed: 2026-01-01
sources: [jones-2019]
sections:
  - heading: Start
    body: Stretch the [[psoas-major|psoas]] with the [[kneeling-lunge]].
""" % PAYLOAD.replace('"', '\\"')

PAGES = {  # page -> (schema.org type of the main entity, name)
    "muscles/psoas-major": ("Muscle", "Psoas major"),
    "groups/hip-flexors": ("AnatomicalStructure", "Hip flexors"),
    "exercises/kneeling-lunge": ("ExercisePlan", "Kneeling lunge"),
    "conditions/tight-hip-flexors": ("MedicalCondition", "Tight hip flexors"),
    "tests/thomas-test": ("MedicalTest", "Thomas test"),
    "routines/hip-routine": ("HowTo", "Hip routine"),
    "articles/hips": ("Article", "All about hips"),
}
SITE_URL = "https://myoatlas.github.io/myoatlas/"  # the real mkdocs.yml's, which make_site copies
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The tiny site with one page of each kind, built through MkDocs; returns the output folder."""
    root = tmp_path_factory.mktemp("trust")
    make_site(root, KINDS)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1780000000")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                          "-d", str(root / "site")], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    return root / "site"


def html(built: Path, page: str) -> str:
    return (built / page / "index.html").read_text(encoding="utf-8")


def ld(built: Path, page: str) -> dict:
    """The page's one JSON-LD block, parsed from the built HTML (it must sit in <head>)."""
    text = html(built, page)
    head = text[: text.index("</head>")]
    blocks = JSONLD.findall(head)
    assert len(blocks) == 1, f"{page}: {len(blocks)} JSON-LD blocks in <head>"
    assert len(JSONLD.findall(text)) == 1, f"{page}: JSON-LD outside <head>"
    return json.loads(blocks[0])


def visible_text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", fragment).split())


def inner(element: str) -> str:
    """The JSON inside a `<script type="application/ld+json">` element."""
    start = '<script type="application/ld+json">'
    assert element.startswith(start) and element.endswith("</script>")
    return element[len(start):-len("</script>")]


# -- JSON-LD --------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_record_kind_has_parseable_json_ld_with_its_type_review_and_name(built, page):
    entity_type, name = PAGES[page]
    data = ld(built, page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == SITE_URL + page + "/"
    assert data["name"] == name
    assert data["lastReviewed"] == "2026-01-01"
    editors = {"@type": "Organization", "name": "Test editors", "url": SITE_URL + "authors/editors/"}
    assert data["reviewedBy"] == editors
    assert data["mainEntity"]["@type"] == entity_type
    assert data["mainEntity"]["name"] == name
    assert data["citation"] == [{
        "@type": "CreativeWork", "name": "Stretching and the hip", "datePublished": "2019",
        "url": "https://doi.org/10.1000/hip.2", "sameAs": ["https://pubmed.ncbi.nlm.nih.gov/31234567/"],
        "identifier": [{"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/hip.2"},
                       {"@type": "PropertyValue", "propertyID": "PMID", "value": "31234567"}],
    }]


@pytest.mark.slow
def test_the_entities_carry_what_the_records_say(built):
    exercise = ld(built, "exercises/kneeling-lunge")["mainEntity"]
    assert exercise == {
        "@type": "ExercisePlan", "name": "Kneeling lunge", "description": "A kneeling stretch for the front of the hip.",
        "url": SITE_URL + "exercises/kneeling-lunge/", "exerciseType": "Stretch", "repetitions": 3,
        "activityFrequency": "daily", "additionalVariable": ["Hold for 30 seconds", "2 sets", "On each side"],
    }
    routine = ld(built, "routines/hip-routine")["mainEntity"]
    assert routine["totalTime"] == "PT10M"
    assert routine["step"] == [{"@type": "HowToStep", "position": 1, "name": "Kneeling lunge",
                                "url": SITE_URL + "exercises/kneeling-lunge/",
                                "text": "Hold 30 seconds, 3 times. Keep the trunk upright."}]
    muscle = ld(built, "muscles/psoas-major")["mainEntity"]
    assert muscle["muscleAction"] == ["hip flexion"]
    assert muscle["nerve"] == {"@type": "Nerve", "name": "lumbar plexus (L1-L3)"}
    assert muscle["relatedCondition"] == [{"@type": "MedicalCondition", "name": "Tight hip flexors",
                                           "url": SITE_URL + "conditions/tight-hip-flexors/"}]
    condition = ld(built, "conditions/tight-hip-flexors")["mainEntity"]
    assert condition["typicalTest"] == [{"@type": "MedicalTest", "name": "Thomas test", "url": SITE_URL + "tests/thomas-test/"}]
    test = ld(built, "tests/thomas-test")["mainEntity"]
    assert test["normalRange"] == "The thigh rests on the table."
    article = ld(built, "articles/hips")["mainEntity"]
    assert article["headline"] == "All about hips" and article["datePublished"] == "2025-12-01"
    group = ld(built, "groups/hip-flexors")["mainEntity"]
    assert group["subStructure"] == [{"@type": "Muscle", "name": "Psoas major", "url": SITE_URL + "muscles/psoas-major/"}]


# Properties each type has on schema.org (its own and inherited ones: Thing, CreativeWork, WebPage,
# MedicalEntity, AnatomicalStructure, ListItem), for the ones MyoAtlas writes. Checked on the type pages;
# 'origin' (gone from Muscle), 'sets' (not on ExercisePlan) and ExercisePlan as a 'possibleTreatment'
# (which expects MedicalTherapy) are left out on purpose.
THING = {"name", "alternateName", "description", "url", "identifier", "sameAs"}
CREATIVE_WORK = THING | {"author", "citation", "datePublished", "headline", "inLanguage", "text", "about", "mainEntity"}
WEB_PAGE = CREATIVE_WORK | {"lastReviewed", "reviewedBy"}
ANATOMY = THING | {"bodyLocation", "subStructure", "relatedCondition"}
SCHEMA_ORG = {
    "MedicalWebPage": WEB_PAGE, "WebPage": WEB_PAGE, "ProfilePage": WEB_PAGE,
    "Muscle": ANATOMY | {"muscleAction", "nerve", "insertion", "antagonist"},
    "AnatomicalStructure": ANATOMY, "Nerve": ANATOMY,
    "ExercisePlan": CREATIVE_WORK | {"exerciseType", "repetitions", "activityDuration", "activityFrequency",
                                     "additionalVariable", "restPeriods", "intensity"},
    "MedicalCondition": THING | {"associatedAnatomy", "typicalTest"},
    "MedicalTest": THING | {"normalRange", "usedToDiagnose"},
    "HowTo": CREATIVE_WORK | {"step", "totalTime"},
    "HowToStep": CREATIVE_WORK | {"position"},
    "Article": CREATIVE_WORK, "CreativeWork": CREATIVE_WORK,
    "Organization": THING, "PropertyValue": THING | {"propertyID", "value"},
}


@pytest.mark.slow
def test_json_ld_uses_only_properties_of_its_schema_org_types(built):
    unknown = []

    def walk(node, where):
        if isinstance(node, list):
            for item in node:
                walk(item, where)
        elif isinstance(node, dict):
            kind = node.get("@type")
            unknown.extend(f"{where}: {kind}.{key}" for key in node
                           if not key.startswith("@") and key not in SCHEMA_ORG.get(kind, set()))
            for value in node.values():
                walk(value, where)

    for page in list(PAGES) + ["sources/jones-2019", "authors/editors"]:
        walk(ld(built, page), page)
    assert unknown == []


@pytest.mark.slow
def test_a_script_break_out_in_a_summary_parses_back_to_the_same_text(built):
    text = html(built, "routines/hip-routine")
    head = text[: text.index("</head>")]
    block = JSONLD.search(head).group(1)
    assert "</script" not in block.lower() and "<!--" not in block
    data = json.loads(block)
    assert data["description"] == PAYLOAD
    assert data["mainEntity"]["description"] == PAYLOAD


def test_a_script_break_out_in_a_name_parses_back_to_the_same_text(site):
    # `check` refuses < and > in names, so the function is tested directly with a name it would refuse.
    result = build_site(site(), on=dt.date(2026, 6, 1))
    graph = result.graph
    muscle = graph.records["psoas-major"]
    hostile = type(muscle)(muscle.kind, muscle.id, muscle.path, {**muscle.data, "name": PAYLOAD, "aliases": [PAYLOAD]})
    graph.records["psoas-major"] = hostile
    text = inner(head_html(hostile, graph, SITE_URL))
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data["name"] == data["mainEntity"]["name"] == PAYLOAD
    assert data["mainEntity"]["alternateName"] == [PAYLOAD]
    # and the group page, which lists the muscle among its members, carries the name safely too
    group = graph.records["hip-flexors"]
    text = inner(head_html(group, graph, SITE_URL))
    assert "<" not in text and json.loads(text) == jsonld(group, graph, SITE_URL)
    assert json.loads(text)["mainEntity"]["subStructure"][0]["name"] == PAYLOAD


def test_json_ld_is_deterministic(site):
    paths = site()
    first = {p.path: p.head for p in build_site(paths, on=dt.date(2026, 6, 1)).pages}
    second = {p.path: p.head for p in build_site(paths, on=dt.date(2026, 6, 1)).pages}
    assert first == second and first["muscles/psoas-major.md"]


@pytest.mark.slow
@pytest.mark.browser
def test_no_script_runs_from_a_summary_and_the_browser_reads_the_json_ld(built):
    from browser import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    server = serve(built)
    base = next(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "routines/hip-routine/")
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined"
            scripts = page.evaluate("""[...document.querySelectorAll('script[type="application/ld+json"]')]
                                       .map(s => JSON.parse(s.textContent))""")
            assert len(scripts) == 1 and scripts[0]["description"] == PAYLOAD
            # the payload's own <script> never became an element: only the JSON-LD block holds its text
            holders = page.evaluate("""[...document.scripts].filter(s => s.textContent.includes('__pwned')).map(s => s.type)""")
            assert holders == ["application/ld+json"]
            assert page.locator('head script[type="application/ld+json"]').count() == 1
            browser.close()
    finally:
        server.close()


# -- The trust footer -------------------------------------------------------------------------------

def footer(built: Path, page: str) -> str:
    """The article's HTML from the rule before the byline to its end."""
    text = html(built, page)
    article = text[text.index("<article"): text.index("</article>")]
    return article[article.rindex("<hr"):]


@pytest.mark.slow
@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_health_page_shows_disclaimer_author_review_dates_and_numbered_sources(built, page):
    text = html(built, page)
    article = text[text.index("<article"): text.index("</article>")]
    words = visible_text(article)
    # the author, linked to their page
    assert '<a href="../../authors/editors/">Test editors</a>' in article
    # the review dates: last reviewed (once) and the next review by the checker's rule
    assert words.count("Last reviewed") == 1
    assert "Next review due: 2028-01-01." in visible_text(footer(built, page))
    # a date never breaks at its hyphens on a phone
    assert 'Next review due: <strong style="white-space: nowrap">2028-01-01</strong>.' in footer(built, page)
    # the disclaimer, from the template
    assert "Health information, not a diagnosis" in visible_text(footer(built, page))
    assert "It cannot assess you." in visible_text(footer(built, page))
    # numbered sources with DOI and PubMed links
    sources = re.search(r"<details class=\"quote myoatlas-fold\">\s*<summary>Sources \(1\)</summary>(.*?)</details>", article, re.S)
    assert sources, "no Sources fold"
    assert "<ol>" in sources.group(1)
    assert '<a href="https://doi.org/10.1000/hip.2">10.1000/hip.2</a>' in sources.group(1)
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/31234567/">31234567</a>' in sources.group(1)


@pytest.mark.slow
def test_the_footer_names_author_and_both_dates_and_an_article_does_not_repeat_its_byline(built):
    assert visible_text(footer(built, "muscles/psoas-major")).startswith(
        "Written by Test editors. Last reviewed: 2026-01-01. Next review due: 2028-01-01. Health information, not a diagnosis")
    article = html(built, "articles/hips")
    assert "By Test editors · Published 2025-12-01 · Last reviewed 2026-01-01" in visible_text(article)
    assert visible_text(footer(built, "articles/hips")).startswith("Next review due: 2028-01-01. Health information")


def test_the_next_review_date_is_the_last_day_the_checker_accepts(site):
    paths = site()
    due = next_review("2026-01-01")
    assert due == "2028-01-01"
    on_due = diagnostics(paths, today=due)
    day_after = diagnostics(paths, today=(dt.date.fromisoformat(due) + dt.timedelta(days=1)).isoformat())
    assert not any("past due" in d for d in on_due)
    assert "content/muscle/psoas-major.yml:14:11: warning: review is past due: last reviewed 2026-01-01, more than two years ago" in day_after
    page = {p.path: p.markdown for p in build_site(paths, on=dt.date(2026, 6, 1)).pages}["muscles/psoas-major.md"]
    assert "Next review due: **2028\\-01\\-01**" in page
