"""Finding a stretch by muscle, as searchers do it, in Chromium on the real site: the header search
(Pagefind), the "Find a stretch" page and the clickable body map."""
from __future__ import annotations

import pytest

from test_browser import REPO, base_url, browser, page  # noqa: F401  (pytest fixtures: build and serve the site once per module)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# What a reader types, and a page that must be among the first three results.
QUERIES = [
    ("stretch for glutes", "Figure-four stretch"),
    ("hip flexor stretch", "Kneeling lunge stretch"),
    ("hip flexor stretch", "Couch stretch"),
    ("a stretch for my psoas", "Kneeling lunge stretch"),
    ("psoaz", "Psoas major"),
    ("hamstirng", "Hamstrings"),
    ("tennis elbow", "Tennis elbow (lateral elbow pain)"),
    ("psoas", "Psoas major"),
    ("iliopsoas", "Iliopsoas"),
    ("glutes", "Hip extensors (glutes)"),
    ("butt", "Figure-four stretch"),
    ("front of hip", "Hip flexors"),
    ("lower back", "Lower back pain"),
    ("calf stretch", "Wall calf stretch (straight knee)"),
    ("neck stretch", "Upper trapezius stretch"),
    ("shoulder stretch", "Cross-body shoulder stretch"),
    ("plantar fasciitis", "Plantar heel pain (plantar fasciitis)"),
    ("heel pain", "Plantar heel pain (plantar fasciitis)"),
    ("thomas test", "Thomas test"),
    ("quad stretch", "Standing quad stretch"),
    ("piriformis stretch", "Seated piriformis stretch"),
    ("tight hip flexors", "Tight hip flexors"),
    ("anterior pelvic tilt", "Anterior pelvic tilt"),
    ("tfl", "Tensor fasciae latae"),
    ("carpal tunnel", "Carpal tunnel syndrome"),
    ("achilles", "Achilles tendinopathy"),
    ("upper trap", "Upper trapezius"),
    ("rotator cuff", "Rotator cuff"),
    ("golfers elbow", "Golfer's elbow (medial elbow pain)"),
    ("sore neck from desk", "Neck pain"),
    ("lower back pain", "Lower back pain"),
    ("my calves hurt", "Calf cramps"),
    # Found by an independent review of 67 more queries (session 4):
    ("it band", "Standing TFL stretch"),  # "it" is a filler word, except in "IT band"
    ("sitting all day", "Desk break routine"),  # "sitting" is "sit" in "people who sit all day"
]


def finder_results(page, label: str) -> list[str]:
    """Wait until the finder says it shows exercises for `label`, then return the listed titles."""
    page.wait_for_function(f"document.querySelector('[data-ma-finder-status]').textContent.includes({label!r})")
    page.locator("[data-ma-finder-results] li").first.wait_for()
    return page.locator("[data-ma-finder-results] a").all_inner_texts()


def _open_search(page) -> None:
    if page.viewport_size["width"] < 960:
        page.locator("label.md-header__button[for='__search']").first.click()
    else:
        page.keyboard.press("/")


def _type(page, words: str) -> None:
    """Open the header search on the home page and type `words` like a reader."""
    page.goto("./")
    _open_search(page)
    page.locator("[data-ma-search-input]").press_sequentially(words, delay=20)


def search(page, words: str) -> list[str]:
    """Type into the header search like a reader and return the result titles, best first."""
    _type(page, words)
    page.locator("[data-ma-search-list] li").first.wait_for()
    page.wait_for_timeout(300)  # let the last keystroke's search replace the earlier ones
    return [t.strip() for t in page.locator("[data-ma-search-list] h1").all_inner_texts()]


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.mark.parametrize(("words", "wanted"), QUERIES, ids=[f"{w}->{t}" for w, t in QUERIES])
def test_searching_like_a_reader_puts_the_right_page_in_the_top_three(page, words, wanted):
    titles = search(page, words)
    assert wanted in titles[:3], titles[:5]


def test_searching_for_a_psoas_stretch_works_on_a_phone(phone):
    titles = search(phone, "psoas stretch")
    assert "Kneeling lunge stretch" in titles[:3]
    assert phone.locator("[data-ma-search-list]").is_visible()


def test_filler_words_never_match_inside_other_words(page):
    titles = search(page, "stretch for glutes")
    assert not [t for t in titles[:6] if "forearm" in t.lower()], titles


def test_a_page_is_found_by_its_own_words_not_by_the_summaries_of_pages_it_links_to(page):
    # "buttock crease" is only in the summary of Lower back pain, which psoas major, many exercises and
    # the conditions hub show beside their links to it.
    titles = search(page, "buttock crease")
    assert titles[0] == "Lower back pain", titles
    assert "Psoas major" not in titles and "Kneeling lunge stretch" not in titles, titles


def test_the_disclaimer_every_health_page_carries_does_not_make_every_page_match(page):
    search(page, "diagnosis")  # in the disclaimer's title on every health page
    status = page.locator("[data-ma-search-status]").inner_text()
    matching = int(status.split()[0])
    records = sum(1 for _ in (REPO / "content").glob("*/*.yml"))
    assert 0 < matching < records // 10, status


def _bundles_asked(page, words: str) -> tuple[set[str], str]:
    """Search like a reader; return which search bundles sent index data, and the status line."""
    asked: set[str] = set()
    page.context.on("request", lambda req: asked.update(b for b in ("/pagefind/", "/pagefind-names/")
                                                        if b in req.url and req.url.endswith((".pf_index", ".pf_fragment"))))
    search(page, words)
    return asked, page.locator("[data-ma-search-status]").inner_text()


def test_a_common_word_is_answered_from_page_names_without_reading_every_page(page):
    # Names and aliases answer "hip" (many pages are named for a hip muscle); the bundle of every page's
    # text, whose cost grows with how many pages hold the word, is not read at all.
    asked, status = _bundles_asked(page, "hip")
    assert asked == {"/pagefind-names/"}, asked
    assert status.endswith("pages named for it"), status


def test_words_only_in_a_page_body_are_still_found_in_its_text(page):
    asked, status = _bundles_asked(page, "buttock crease")
    assert asked == {"/pagefind-names/", "/pagefind/"}, asked
    assert "matching page" in status, status


def test_one_letter_asks_for_a_little_more_instead_of_matching_every_page(page):
    _type(page, "h")
    status = page.locator("[data-ma-search-status]")
    status.filter(has_text="Type a little more").wait_for()
    page.locator("[data-ma-search-input]").press_sequentially("ip", delay=20)  # and the next letters search
    page.locator("[data-ma-search-list] li").first.wait_for()
    assert "Hip flexors" in page.locator("[data-ma-search-list] h1").all_inner_texts()
    assert page.locator("[data-ma-search-note]").is_hidden()


def test_a_filler_word_typed_last_is_still_a_filler_word(page):
    # The reader has not typed what comes after "for" yet: the results stay those of "psoas".
    assert search(page, "psoas for") == search(page, "psoas")


def test_stretches_come_before_conditions_and_tests_when_the_query_says_stretch(page):
    titles = search(page, "hip flexor stretch")
    assert titles[:2] == ["Kneeling lunge stretch", "Couch stretch"] or set(titles[:3]) >= {"Kneeling lunge stretch", "Couch stretch"}
    assert "Tight hip flexors" not in titles[:3] and "Hip flexor strength test" not in titles[:3]


def test_result_previews_are_text_from_the_page_not_navigation(page):
    search(page, "psoas")
    previews = page.locator(".ma-search-result__preview").all_inner_texts()
    assert previews and all(p.strip() and not p.strip().startswith("←") for p in previews[:5]), previews[:5]
    assert page.locator(".ma-search-result__preview mark").count() > 0  # the matched words are marked
    assert not [p for p in previews[:5] if " · " in p], previews[:5]  # never the hidden list of search terms
    first = " ".join(previews[0].split())
    page.locator("[data-ma-search-list] li").first.click()
    page.wait_for_load_state()
    assert first in " ".join(page.locator("article").inner_text().split())  # a sentence of the page itself


def test_a_misspelling_shows_results_for_the_correction_and_offers_the_original(page):
    titles = search(page, "hamstirng")
    note = page.locator("[data-ma-search-note]").inner_text()
    assert "Showing results for hamstring" in note and "Search instead for hamstirng" in note
    assert any("amstring" in t for t in titles[:3])


def test_a_query_no_page_holds_shows_pages_for_the_words_the_site_knows_and_says_so(page):
    titles = search(page, "neck gaming")  # no page holds "gaming"
    note = page.locator("[data-ma-search-note]").inner_text()
    assert "MyoAtlas has no page about “neck gaming” yet" in note and "The nearest pages are below" in note
    assert {"Chin tuck", "Upper trapezius stretch", "Neck pain"} & set(titles[:3]), titles


def test_a_stretch_whose_other_name_is_the_whole_query_comes_first(page):
    # "chest stretch" is an alias of the doorway pec stretch; "Knees to chest" only holds "chest".
    assert search(page, "chest stretch")[0] == "Doorway pec stretch"


def test_a_word_the_site_does_not_know_is_not_corrected_into_another_topic(page):
    _type(page, "bunion")
    note = page.locator("[data-ma-search-note]")
    note.filter(has_text="has no page about").wait_for()
    assert "“bunion”" in note.inner_text() and "button" not in note.inner_text()


def test_a_topic_the_site_does_not_cover_says_so_and_what_it_covers(page):
    search(page, "jaw pain")
    note = page.locator("[data-ma-search-note]").inner_text()
    assert "MyoAtlas has no page about “jaw pain” yet" in note
    assert "neck" in note and "foot" in note and "hip" in note


def test_the_search_keyboard_slash_arrows_and_enter_open_a_result(page):
    page.goto("muscles/")
    page.keyboard.press("/")
    page.keyboard.type("couch stretch", delay=20)
    page.locator("[data-ma-search-list] li h1").first.filter(has_text="Couch stretch").wait_for()  # the last query's results
    page.keyboard.press("ArrowDown")
    assert page.locator("[data-ma-search-list] li[aria-selected='true'] h1").inner_text() == "Couch stretch"
    page.keyboard.press("Enter")
    page.wait_for_url("**/exercises/couch-stretch/")
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_the_home_page_search_field_hands_the_query_to_the_search(phone):
    phone.goto("./")
    field = phone.locator("article input[type='search'], article input[name='q']").first
    field.fill("psoas")
    field.press("Enter")
    phone.wait_for_url("**/search/?q=psoas")
    phone.locator("[data-ma-search-list] li").first.wait_for()
    assert "Psoas major" in phone.locator("[data-ma-search-list] h1").all_inner_texts()[:3]


def test_the_finder_filtered_on_psoas_lists_the_kneeling_lunge_and_no_forearm_stretch(page):
    page.goto("find/?muscle=psoas-major")
    status = page.locator("[data-ma-finder-status]")
    results = finder_results(page, "for Psoas major")
    assert "Kneeling lunge stretch" in results
    assert not [r for r in results if "forearm" in r.lower() or "wrist" in r.lower()], results
    assert status.inner_text().startswith(f"{len(results)} exercise")
    # every option says how many exercises it leaves
    options = page.locator("#ma-finder-position option").all_inner_texts()
    assert options[0] == "Any" and all(o.endswith(")") for o in options[1:]), options


def test_the_finder_keeps_its_filters_in_the_address_across_a_reload(page):
    page.goto("find/")
    page.wait_for_function("document.querySelectorAll('#ma-finder-muscle option').length > 10")
    page.select_option("#ma-finder-muscle", "psoas-major")
    page.wait_for_url("**/find/?muscle=psoas-major")
    finder_results(page, "Psoas major")
    page.select_option("#ma-finder-position", "half-kneeling")
    page.wait_for_url("**/find/?muscle=psoas-major&position=half-kneeling")
    page.reload()
    assert "Kneeling lunge stretch" in finder_results(page, "Psoas major, Half kneeling")
    assert page.locator("#ma-finder-muscle").input_value() == "psoas-major"
    assert page.locator("#ma-finder-position").input_value() == "half-kneeling"


def test_the_finder_works_with_tab_and_enter_alone(page):
    page.goto("find/?kind=stretch")
    page.wait_for_function("document.querySelectorAll('#ma-finder-muscle option').length > 10")
    page.locator("#ma-finder-kind").focus()
    page.keyboard.press("Tab")  # to the muscle list
    assert page.evaluate("document.activeElement.id") == "ma-finder-muscle"
    page.keyboard.type("Psoas", delay=50)  # a closed list picks the option whose name is typed
    assert page.locator("#ma-finder-muscle").input_value() == "psoas-major"
    finder_results(page, "Psoas major")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('[data-ma-finder-results]') !== null"):
            break
    focused = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().rstrip("¶") == focused


def test_clicking_the_psoas_on_the_home_body_map_leads_to_psoas_stretches(page):
    page.goto("./")
    psoas = page.locator("svg.ma-body a[aria-label='Psoas major']").first
    box = psoas.bounding_box()
    psoas.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.5})  # the left psoas, not the gap
    page.wait_for_url("**/find/?muscle=psoas-major")
    assert "Kneeling lunge stretch" in finder_results(page, "Psoas major")


def test_every_muscle_on_the_body_map_is_a_named_link_and_deep_muscles_are_listed(page):
    page.goto("find/")
    names = page.locator("svg.ma-body a").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert len(names) >= 60 and all(names)
    deep = page.locator(".ma-finder__deep a").all_text_contents()
    assert page.locator(".ma-finder__deep a", has_text="Psoas major").get_attribute("href").endswith("?muscle=psoas-major")
    assert {"Psoas major", "Iliacus", "Quadratus lumborum", "Multifidus", "Transversus abdominis", "Piriformis"} <= set(deep)


def test_a_muscle_page_lists_its_stretches_before_anything_else(page):
    page.goto("muscles/psoas-major/")
    headings = [h.rstrip("¶").strip() for h in page.locator("article h2").all_inner_texts()]
    assert headings[0] == "Stretches for this muscle", headings
    order = [headings.index(h) for h in ("Stretches for this muscle", "Exercises that work it", "Anatomy")]
    assert order == sorted(order)
