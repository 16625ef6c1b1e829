"""What an auditor checks on the real site, in Chromium: the whole page is accessible (theme chrome
included), nothing unused is deployed, no request fails or leaves the site, search costs nothing
until it is used."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, serve
from myoatlas.prune import unused_theme_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parent.parent

# One page of each kind, and the pages that are theme or hand-written (finder, search page, 404).
PAGES_OF_EACH_KIND = {
    "home": "",
    "finder": "find/",
    "muscle": "muscles/psoas-major/",
    "group": "groups/hip-flexors/",
    "exercise": "exercises/kneeling-lunge/",
    "condition": "conditions/anterior-pelvic-tilt/",
    "test": "tests/thomas-test/",
    "routine": "routines/daily-hip-flexor-routine/",
    "article": "articles/hip-flexors-and-lower-back-pain/",
    "source": "sources/vigotsky-2016-thomas-test/",
    "author": "authors/myoatlas-editors/",
    "muscles hub": "muscles/",
    "exercises hub": "exercises/",
    "search page": "search/",
    "contributing page": "contributing/fields/",
    "page not found": "404.html",
}
PHONE_PAGES = ["home", "finder", "muscle", "routine"]
# Files of Pagefind's index (not its small loader, pagefind.js, which the finder page uses).
INDEX_FILES = ("pagefind-entry.json", ".pf_meta", ".pf_index", ".pf_fragment", ".pagefind")


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once for this module into <tmp>/myoatlas/: served from <tmp>, its URLs are
    those of the real host (site_url's path), which the 404 page's absolute links need."""
    out = tmp_path_factory.mktemp("audit") / "myoatlas"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                          "-d", str(out)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> str:
    for root in serve(site_dir.parent):
        yield root + "myoatlas/"


from test_browser import browser  # noqa: E402,F401  (pytest fixture: Chromium, once per module)


def open_page(browser, base_url: str, path: str, scheme: str = "light", width: int = 1280):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    return page


def violations(page, disable: tuple[str, ...] = ()) -> list[tuple[str, str, list]]:
    """axe-core over the whole document (header, search, navigation, footer): every impact."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in disable}}
    # Colours are judged as the reader sees them once still: not halfway through a fade or a slide.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page, options=options)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:4]) for v in results.response["violations"]]


def open_search(page, words: str) -> None:
    if page.viewport_size["width"] < 960:
        page.locator("label.md-header__button[for='__search']").first.click()
    else:
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(words, delay=20)
    page.locator(".md-search-result__item").first.wait_for()


WHOLE_PAGE_SCANS = [pytest.param(kind, scheme, 1280, id=f"{kind}-{scheme}")
                    for kind in PAGES_OF_EACH_KIND for scheme in ("light", "dark")]
WHOLE_PAGE_SCANS += [pytest.param(kind, scheme, 390, id=f"{kind}-{scheme}-phone")
                     for kind in PHONE_PAGES for scheme in ("light", "dark")]


@pytest.mark.parametrize("kind, scheme, width", WHOLE_PAGE_SCANS)
def test_every_kind_of_page_passes_an_accessibility_scan_of_the_whole_page(browser, base_url, kind, scheme, width):
    page = open_page(browser, base_url, PAGES_OF_EACH_KIND[kind], scheme, width)
    assert violations(page) == []
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_finder_routine_mode_and_phone_menu_pass_an_accessibility_scan_once_used(browser, base_url, scheme, width):
    page = open_page(browser, base_url, "find/", scheme, width)
    page.locator(".ma-finder select").first.select_option(index=1)
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    page.goto("routines/daily-hip-flexor-routine/")
    page.locator(".myoatlas-rm-start button").first.click()
    page.locator(".myoatlas-rm").wait_for()
    assert violations(page) == []
    if width < 960:
        page.goto("about/")
        page.locator("label.md-header__button[for='__drawer']").first.click()
        # The drawer slides in and the page dims behind it: colours are checked once both transitions end.
        page.wait_for_function("() => getComputedStyle(document.querySelector('.md-overlay')).opacity === '1'")
        assert violations(page) == []
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_open_search_passes_an_accessibility_scan(browser, base_url, scheme, width):
    page = open_page(browser, base_url, "muscles/psoas-major/", scheme, width)
    open_search(page, "psoas")
    assert violations(page) == []  # results are listbox options without links inside (no "nested-interactive")
    page.locator("input.md-search__input").fill("qqqzzz")  # a topic the site does not cover: a note says so
    page.locator("[data-ma-search-note]", has_text="has no page about").wait_for()
    assert violations(page) == []
    page.context.close()


def test_the_site_ships_no_source_maps_or_unused_search_files(site_dir):
    files = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    assert [f for f in files if f.endswith(".map")] == []
    assert [f for f in files if f.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))] == []
    assert any(f.startswith("assets/javascripts/bundle.") for f in files)  # the theme itself is still there
    assert "pagefind/pagefind.js" in files and "pagefind-names/pagefind.js" in files
    bundles = [f for f in files if f.startswith(("pagefind/", "pagefind-names/"))]
    assert [f for f in bundles if "-ui." in f or f.endswith("pagefind-highlight.js")] == []  # Pagefind's own UIs


def test_only_unused_theme_files_are_left_out():
    theme = ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/bundle.a5f9d56c.min.js.map",
             "assets/stylesheets/main.57a0d79d.min.css.map", "assets/javascripts/lunr/min/lunr.de.min.js",
             "assets/javascripts/lunr/wordcut.js", "assets/javascripts/workers/search.a7633da7.min.js",
             "assets/images/favicon.png"]
    assert unused_theme_files(theme) == theme[1:6]
    # With Material's search plugin enabled, lunr and its worker are its search: they stay.
    assert unused_theme_files(theme, search_plugin=True) == theme[1:3]


def _watch_requests(context) -> tuple[set[str], list[str]]:
    hosts: set[str] = set()
    failed: list[str] = []
    context.on("request", lambda req: hosts.add(urlparse(req.url).hostname or ""))
    context.on("requestfailed", lambda req: failed.append(f"{req.url} ({req.failure})"))
    context.on("response", lambda res: res.status >= 400 and failed.append(f"{res.url} ({res.status})"))
    return hosts, failed


def _use_the_site(page) -> None:
    """Load a page of every kind, search, and use the finder, as a reader would."""
    for path in PAGES_OF_EACH_KIND.values():
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("muscles/psoas-major/")
    open_search(page, "psoas")
    page.goto("find/")
    page.locator(".ma-finder select").first.select_option(index=1)
    page.wait_for_load_state("networkidle")


def test_pages_load_nothing_from_other_hosts(browser, base_url):
    context = browser.new_context(base_url=base_url)
    hosts, _failed = _watch_requests(context)
    _use_the_site(context.new_page())
    context.close()
    assert hosts == {"127.0.0.1"}


def test_no_request_fails_on_any_kind_of_page(browser, base_url):
    context = browser.new_context(base_url=base_url)
    _hosts, failed = _watch_requests(context)
    _use_the_site(context.new_page())
    context.close()
    assert failed == []


def test_a_page_load_fetches_no_search_index_until_search_is_used(browser, base_url):
    context = browser.new_context(base_url=base_url)
    requested: list[str] = []
    context.on("request", lambda req: requested.append(urlparse(req.url).path))
    page = context.new_page()
    for path in ("muscles/psoas-major/", "exercises/kneeling-lunge/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    # Nor the sitemap (it grows with the site): no instant navigation, no rel=alternate link on record pages.
    assert [p for p in requested if "/pagefind" in p or p.endswith("sitemap.xml")] == []  # neither search bundle
    page.goto("")
    page.wait_for_load_state("networkidle")
    assert [p for p in requested if "/pagefind" in p] == []
    open_search(page, "psoas")
    context.close()
    assert any(p.endswith(INDEX_FILES) for p in requested if "/pagefind" in p)
