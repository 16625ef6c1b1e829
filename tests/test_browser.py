"""What readers and searchers see, in Chromium, on the real site."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                          "-d", str(out)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    yield from serve(out)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def search(page, words: str) -> list[str]:
    """Type into Material's search box like a reader and return the result titles."""
    page.goto("./")
    page.locator("label.md-header__button[for='__search']").first.click() if page.viewport_size["width"] < 960 \
        else page.locator("input.md-search__input").click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(words, delay=30)
    page.locator(".md-search-result__item").first.wait_for()
    return page.locator(".md-search-result__article h1").all_inner_texts()


def test_searching_psoas_finds_the_kneeling_lunge(page):
    assert "Kneeling lunge stretch" in " | ".join(search(page, "psoas"))


def test_searching_iliopsoas_finds_the_kneeling_lunge(page):
    assert "Kneeling lunge stretch" in " | ".join(search(page, "iliopsoas"))


def test_searching_glutes_finds_the_glutes_and_their_exercises(page):
    titles = search(page, "glutes")
    assert "Hip extensors (glutes)" in titles
    glute_exercises = {"Glute bridge", "Single-leg glute bridge", "Clamshell", "Figure-four stretch",
                       "Glute self-massage with a tennis ball", "Side-lying hip abduction"}
    assert glute_exercises & set(titles), titles


def test_a_stretch_page_links_to_its_muscles_and_back(page):
    page.goto("exercises/kneeling-lunge/")
    page.get_by_role("link", name="Psoas major").first.click()
    page.wait_for_url("**/muscles/psoas-major/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Psoas major"
    stretches = page.locator("h2#stretches-for-this-muscle + ul")
    stretches.get_by_role("link", name="Kneeling lunge stretch").click()
    page.wait_for_url("**/exercises/kneeling-lunge/")


def test_an_article_links_every_record_it_mentions(page):
    page.goto("articles/hip-flexors-and-lower-back-pain/")
    hrefs = page.locator("article a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    linked = {h.split("/")[-2] for h in hrefs if h and any(k in h for k in ("muscles/", "exercises/", "tests/", "conditions/"))}
    assert {"psoas-major", "iliacus", "kneeling-lunge", "thomas-test", "anterior-pelvic-tilt"} <= linked


# No request to another host: tests/test_audit.py (every kind of page, search and the finder).


def test_an_article_reads_on_a_phone_without_sideways_scrolling(phone):
    phone.goto("articles/hip-flexors-and-lower-back-pain/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    font_px = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert font_px >= 14


def test_back_to_top_button_appears_after_scrolling(page):
    page.goto("articles/hip-flexors-and-lower-back-pain/")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)
    page.locator(".md-top").wait_for(state="visible")


PAGES_OF_EACH_KIND = ["./", "articles/hip-flexors-and-lower-back-pain/", "muscles/psoas-major/", "groups/hip-flexors/",
                      "exercises/kneeling-lunge/", "conditions/anterior-pelvic-tilt/", "tests/thomas-test/",
                      "routines/daily-hip-flexor-routine/", "sources/vigotsky-2016-thomas-test/",
                      "authors/myoatlas-editors/", "exercises/", "muscles/", "contributing/fields/"]


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_every_page_template_passes_an_accessibility_scan(page, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(path)
    results = Axe().run(page, context={"include": [["article"]]})
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("critical", "serious")]
    assert serious == []
