"""Search speed as a reader feels it: from the last keystroke to the first results, in Chromium.

Serves a built site on localhost, types each query into the header search and measures with the
page's own clock (a keydown listener and a MutationObserver on the result list). The first query of
a fresh tab includes loading Pagefind and the first index chunks ("cold"); the others are "warm".
Needs Playwright and Debian's Chromium (the test dependencies).
"""
from __future__ import annotations

import functools
import http.server
import statistics
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
WATCH = """() => {
  window.__t = {key: 0, first: 0};
  const list = document.querySelector('[data-ma-search-list]');
  new MutationObserver(() => { if (list.children.length && window.__t.key && !window.__t.first) window.__t.first = performance.now(); })
    .observe(list, {childList: true});
  document.addEventListener('keydown', () => { window.__t.key = performance.now(); window.__t.first = 0; }, true);
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def time_search(site: Path, queries: list[str]) -> dict[str, float]:
    """Milliseconds from the last keystroke to the first results: cold (first query) and warm median."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    times: list[float] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.evaluate(WATCH)
            for query in queries:
                page.keyboard.press("/")
                page.locator("[data-ma-search-input]").fill("")
                page.wait_for_timeout(300)
                page.evaluate("window.__t = {key: 0, first: 0}")
                page.keyboard.type(query, delay=40)
                page.wait_for_function("window.__t.first > 0", timeout=30000)
                times.append(page.evaluate("window.__t.first - window.__t.key"))
                page.keyboard.press("Escape")
            browser.close()
    finally:
        server.shutdown()
    return {"cold_ms": times[0], "warm_median_ms": statistics.median(times[1:]), "warm_max_ms": max(times[1:]),
            "queries": len(times)}
