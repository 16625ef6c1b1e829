"""Reading on a phone and on a desktop, and following a routine step by step, in Chromium on the real site."""
from __future__ import annotations

import pytest

from test_browser import base_url, browser  # noqa: F401  (pytest fixtures: build and serve the site once per module)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
HUBS = ["articles/", "muscles/", "exercises/", "conditions/", "tests/", "routines/", "sources/"]


def _context(browser, base_url, size):
    phone = size["width"] < 500
    return browser.new_context(base_url=base_url, viewport=size, is_mobile=phone, has_touch=phone)


@pytest.fixture(params=[PHONE, DESKTOP], ids=["390px", "1280px"])
def reader(request, browser, base_url):
    """A reader's tab at 390 px (phone) and at 1280 px (desktop)."""
    context = _context(browser, base_url, request.param)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def phone390(browser, base_url):
    context = _context(browser, base_url, PHONE)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def desktop(browser, base_url):
    context = _context(browser, base_url, DESKTOP)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def pages_listed_on(page, hub: str) -> list[str]:
    """Paths of the record pages a hub lists (its links one folder down)."""
    page.goto(hub)
    hrefs = page.locator("article a").evaluate_all(
        "els => els.map(a => new URL(a.href).pathname).filter(p => p.startsWith('/" + hub + "') && p !== '/" + hub + "')")
    return sorted({h.lstrip("/") for h in hrefs})


CELLS_OUTSIDE = """() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('article td, article th')]
    .filter(c => c.getClientRects().length)
    .map(c => [c.getBoundingClientRect(), c.innerText.slice(0, 40)])
    .filter(([r]) => r.left < -0.5 || r.right > w + 0.5)
    .map(([r, t]) => `${t} (${Math.round(r.left)}..${Math.round(r.right)} of ${w})`);
}"""


def test_no_table_cell_runs_off_the_screen_on_any_test_or_hub_page(reader):
    paths = HUBS + pages_listed_on(reader, "tests/")
    assert "tests/thomas-test/" in paths and "tests/hip-flexion-range-of-motion/" in paths
    outside = {}
    for path in paths:
        reader.goto(path)
        found = reader.evaluate(CELLS_OUTSIDE)
        if found:
            outside[path] = found[:3]
        assert reader.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    assert outside == {}


def test_a_test_finding_reads_on_a_phone_with_its_column_name(phone390):
    phone390.goto("tests/thomas-test/")
    meaning = phone390.locator("article td[data-label='What it usually means']").first
    assert meaning.is_visible()
    box = meaning.bounding_box()
    assert box["width"] > 250  # a full-width card, not a squeezed column
    assert phone390.evaluate("getComputedStyle(document.querySelector('article td')).whiteSpace") != "nowrap"


def test_the_exercises_by_muscle_list_fits_a_phone(phone390):
    phone390.goto("exercises/")
    assert phone390.evaluate("document.documentElement.scrollWidth") <= 390  # nothing pushes the page sideways
    entry = phone390.locator("article li", has_text="Psoas major").first
    assert "Stretches:" in entry.inner_text() and entry.locator("a").count() >= 3  # the muscle and its exercises
    assert entry.bounding_box()["width"] > 300  # full width, not a squeezed column


def test_warning_signs_come_before_the_exercises_on_every_condition_page(desktop):
    for path in pages_listed_on(desktop, "conditions/"):
        desktop.goto(path)
        heading = desktop.locator("article h2#when-to-see-a-professional")
        box = desktop.locator("article h2#when-to-see-a-professional + .admonition.danger")
        assert box.locator("li").count() >= 1, path
        first_exercise_list = desktop.locator("article ul:has(a[href*='/exercises/']):not(.myoatlas-onthispage *)").first
        if first_exercise_list.count():
            assert box.bounding_box()["y"] < first_exercise_list.bounding_box()["y"], path
        toc = desktop.locator(".md-sidebar--secondary a[href$='#when-to-see-a-professional']")
        assert toc.inner_text().strip() == "When to see a professional", path
        assert heading.is_visible()


def test_the_seed_article_puts_warning_signs_first_and_links_to_what_to_do(desktop):
    desktop.goto("articles/hip-flexors-and-lower-back-pain/")
    headings = desktop.locator("article h2").all_inner_texts()
    assert headings[0].rstrip("¶").strip() == "When to see a professional"
    assert desktop.locator(".md-sidebar--secondary a[href$='#when-to-see-a-professional']").count() == 1
    desktop.get_by_role("link", name="A daily plan for tight hip flexors").first.click()
    desktop.wait_for_function("location.hash === '#what-to-do'")
    assert desktop.locator("h2#what-to-do").inner_text().rstrip("¶").strip() == "A daily plan for tight hip flexors"


def test_take_care_text_is_at_least_body_size(desktop):
    desktop.goto("exercises/kneeling-lunge/")
    body = desktop.evaluate("parseFloat(getComputedStyle(document.querySelector('article h1 ~ p')).fontSize)")
    care = desktop.evaluate("parseFloat(getComputedStyle(document.querySelector('.admonition.warning li')).fontSize)")
    assert care >= body


def test_a_phone_reader_can_jump_to_a_section_of_a_long_article(phone390):
    phone390.goto("articles/hip-flexors-and-lower-back-pain/")
    menu = phone390.locator("details.myoatlas-onthispage")
    assert menu.is_visible()
    assert menu.bounding_box()["y"] < 1200  # near the top, not after thousands of pixels
    menu.locator("summary").click()
    menu.get_by_role("link", name="Keeping your hip flexors healthy").click()
    phone390.wait_for_function("location.hash === '#keeping-your-hip-flexors-healthy'")
    top = phone390.locator("h2#keeping-your-hip-flexors-healthy").bounding_box()["y"]
    assert 0 <= top < 300


def test_the_jump_menu_is_not_shown_next_to_the_desktop_table_of_contents(desktop):
    desktop.goto("articles/hip-flexors-and-lower-back-pain/")
    assert not desktop.locator("details.myoatlas-onthispage").is_visible()


def test_aliases_show_at_most_three_names(desktop):
    desktop.goto("tests/thomas-test/")
    line = desktop.locator("article p", has_text="Also called:").inner_text()
    assert line == "Also called: modified Thomas test, Kendall Thomas test, hip flexor length test"
    assert "Tomas test" not in desktop.locator("article").inner_text()


def test_sources_and_mentions_fold_behind_one_line_and_the_review_date_shows_once(desktop):
    desktop.goto("routines/daily-hip-flexor-routine/")
    sources = desktop.locator("article details", has=desktop.locator("summary", has_text="Sources ("))
    assert sources.count() == 1 and not sources.locator("li").first.is_visible()
    desktop.goto("articles/hip-flexors-and-lower-back-pain/")
    assert desktop.locator("article").inner_text().count("Last reviewed") == 1


def test_the_desktop_layout_has_no_empty_left_column(desktop):
    desktop.goto("tests/thomas-test/")
    left = desktop.locator("article h1").bounding_box()["x"]
    assert left < 150


# -- Routine mode ---------------------------------------------------------------------------------

FAST_CLOCK = "window.MYOATLAS_SECOND_MS = 2"  # a timer second lasts 2 ms in these tests

STATE = """() => {
  const main = document.querySelector('.myoatlas-rm__actions .myoatlas-rm__btn--main');
  const card = document.querySelector('.myoatlas-rm__card');
  return {running: !!document.querySelector('.myoatlas-rm__clock.is-running'),
          finished: !card || card.hidden || main.disabled && !document.querySelector('.myoatlas-rm__clock.is-running'),
          complete: !document.querySelector('.myoatlas-rm__done').hidden};
}"""


def do_step(page) -> int:
    """Do every hold, set and side of the current step like a reader; returns how many timers ran to the end."""
    ended = 0
    for _ in range(100):
        state = page.evaluate(STATE)
        if state["finished"]:
            return ended
        main = page.locator(".myoatlas-rm__actions .myoatlas-rm__btn--main")
        timed = main.inner_text().startswith("Start ")
        main.click()
        if timed:
            page.wait_for_function("!document.querySelector('.myoatlas-rm__clock.is-running')")
            assert page.locator(".myoatlas-rm__clock").inner_text() == "0:00"
            assert "is-done" in page.locator(".myoatlas-rm__clock").get_attribute("class")
            page.wait_for_function("document.querySelector('.myoatlas-rm__live').textContent.startsWith('Time is up.')")
            ended += 1
    raise AssertionError("step never finished")


def test_a_whole_routine_can_be_followed_step_by_step_with_the_timer(phone390):
    phone390.add_init_script(FAST_CLOCK)
    phone390.goto("routines/daily-hip-flexor-routine/")
    steps = phone390.locator("article h2#the-exercises-in-order + ol > li").count()
    phone390.context.set_offline(True)  # everything the routine mode needs came with the page
    phone390.get_by_role("button", name="Start step-by-step mode").click()
    live = phone390.locator(".myoatlas-rm__live")
    assert live.get_attribute("aria-live") in ("polite", "assertive")
    timers = 0
    for n in range(1, steps + 1):
        assert phone390.locator(".myoatlas-rm__progress").inner_text() == f"Step {n} of {steps}"
        assert phone390.locator(".myoatlas-rm__card h2").is_visible()
        assert phone390.locator(".myoatlas-rm__steps li").count() >= 1  # the short how-to
        timers += do_step(phone390)
        assert phone390.locator(".myoatlas-rm__count").inner_text().startswith("Done")
        phone390.locator(".myoatlas-rm__nav button", has_text="Finish" if n == steps else "Next").click()
    assert phone390.get_by_role("heading", name="Routine complete").is_visible()
    assert timers >= 5
    phone390.context.set_offline(False)
    phone390.wait_for_function("document.querySelector('.myoatlas-rm__live').textContent === 'Routine complete.'")


def test_each_step_shows_the_figure_of_its_exercise_when_there_is_one(phone390):
    phone390.goto("routines/daily-hip-flexor-routine/")
    steps = phone390.locator("template[data-routine-figure]").evaluate_all(
        "els => els.map(t => t.dataset.routineFigure)")
    if not steps:
        pytest.skip("no exercise of the daily routine has a figure yet")
    for n in steps:
        phone390.goto(f"routines/daily-hip-flexor-routine/#step-{n}")
        phone390.reload()
        assert phone390.locator(".myoatlas-rm__figure svg").is_visible(), n


def test_routine_mode_is_keyboard_operable(desktop):
    desktop.add_init_script(FAST_CLOCK)
    desktop.goto("routines/daily-hip-flexor-routine/")
    desktop.get_by_role("button", name="Start step-by-step mode").focus()
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.textContent").startswith("Start ")
    desktop.keyboard.press("Enter")  # start the first timer
    desktop.wait_for_function("!document.querySelector('.myoatlas-rm__clock.is-running')")
    desktop.keyboard.press("ArrowRight")
    assert desktop.locator(".myoatlas-rm__progress").inner_text() == "Step 2 of 6"
    desktop.keyboard.press("ArrowLeft")
    assert desktop.locator(".myoatlas-rm__progress").inner_text() == "Step 1 of 6"


def test_routine_mode_survives_a_reload_at_the_same_step(phone390):
    phone390.add_init_script(FAST_CLOCK)
    phone390.goto("routines/daily-hip-flexor-routine/")
    phone390.get_by_role("button", name="Start step-by-step mode").click()
    phone390.locator(".myoatlas-rm__nav button", has_text="Next").click()
    phone390.locator(".myoatlas-rm__nav button", has_text="Next").click()
    title = phone390.locator(".myoatlas-rm__card h2").inner_text()
    phone390.locator(".myoatlas-rm__actions .myoatlas-rm__btn--main").click()  # one side done
    count = phone390.locator(".myoatlas-rm__count").inner_text()
    phone390.reload()
    assert phone390.locator(".myoatlas-rm__progress").inner_text() == "Step 3 of 6"
    assert phone390.locator(".myoatlas-rm__card h2").inner_text() == title
    assert phone390.locator(".myoatlas-rm__count").inner_text() == count


def test_an_exercise_opened_from_routine_mode_links_back_to_the_routine(phone390):
    phone390.goto("routines/daily-hip-flexor-routine/")
    phone390.get_by_role("button", name="Start step-by-step mode").click()
    phone390.locator(".myoatlas-rm__nav button", has_text="Next").click()
    phone390.locator(".myoatlas-rm__more").click()
    phone390.wait_for_url("**/exercises/lying-posterior-pelvic-tilt/?from=daily-hip-flexor-routine")
    back = phone390.locator("article a.myoatlas-back")
    assert back.inner_text() == "← Back to Daily hip flexor routine"
    back.click()
    phone390.wait_for_url("**/routines/daily-hip-flexor-routine/#step-2")
    assert phone390.locator(".myoatlas-rm__progress").inner_text() == "Step 2 of 6"


def test_an_exercise_opened_from_the_routine_list_links_back_to_the_routine(desktop):
    desktop.goto("routines/daily-hip-flexor-routine/")
    desktop.locator("article h2#the-exercises-in-order + ol").get_by_role("link", name="Kneeling lunge stretch").click()
    desktop.wait_for_url("**/exercises/kneeling-lunge/?from=daily-hip-flexor-routine")
    desktop.get_by_role("link", name="← Back to Daily hip flexor routine").click()
    desktop.wait_for_url("**/routines/daily-hip-flexor-routine/")


def test_an_exercise_opened_on_its_own_links_back_to_the_exercises(desktop):
    desktop.goto("exercises/kneeling-lunge/?from=not-a-routine")
    assert desktop.locator("article a.myoatlas-back").inner_text() == "← Stretches & exercises"


# -- Home and 404 -----------------------------------------------------------------------------------

def test_the_home_page_shows_a_search_field_on_a_phone(phone390):
    phone390.goto("./")
    field = phone390.get_by_role("searchbox", name="Search MyoAtlas")
    assert field.is_visible()
    box = field.bounding_box()
    assert box["width"] >= 200 and box["y"] < 600
    field.fill("psoas")
    field.press("Enter")
    phone390.wait_for_url("**/search/?q=psoas")


def test_the_home_page_says_what_the_site_covers_and_leads_to_routines(phone390):
    phone390.goto("./")
    assert phone390.locator("p.myoatlas-scope").inner_text().startswith("What it covers:")
    assert phone390.get_by_role("heading", name="Where does it feel tight?").is_visible()
    phone390.get_by_role("link", name="All routines →").click()
    phone390.wait_for_url("**/routines/")


def test_the_not_found_page_offers_search_and_the_main_ways_in(phone390):
    phone390.goto("404.html")
    assert phone390.get_by_role("heading", name="Page not found").is_visible()
    assert phone390.get_by_role("searchbox", name="Search MyoAtlas").is_visible()
    ways = phone390.locator(".myoatlas-404 ul").last.get_by_role("link").all_inner_texts()
    assert {"Home", "Conditions", "Stretches & exercises", "Routines", "Articles"} <= set(ways)
