"""Search timing for `myoatlas bench --search`: last keystroke to first results in Chromium.

Uses the page's own clock, as search_timing.py does (a keydown listener and a MutationObserver on
the header search's result list). "Cold": each query in a fresh browser context (nothing cached,
Pagefind and its index chunks loaded by that query). "Warm": all queries in one tab, after one
query that is not counted.
"""
from __future__ import annotations

import functools
import http.server
import statistics
import threading
from pathlib import Path
from typing import Any

from .search_timing import ARGS, CHROMIUM, WATCH, _Quiet

# What readers type: muscle and exercise names, lay words; none of them matches every page.
READER_QUERIES = ["psoas", "hamstring stretch", "stretch for glutes", "calf stretch", "lower back pain",
                  "front of hip", "kneeling lunge", "rotator cuff", "neck stretch", "heel pain"]


def _summary(times: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(times), "max_ms": max(times), "n": len(times)} if times else {}


def _one(page: Any, query: str, timeout_ms: int) -> float | None:
    page.keyboard.press("/")
    page.locator("[data-ma-search-input]").fill("")
    page.wait_for_timeout(300)
    page.evaluate("window.__t = {key: 0, first: 0}")
    page.keyboard.type(query, delay=40)
    try:
        page.wait_for_function("window.__t.first > 0", timeout=timeout_ms)
    except Exception:  # no result for this query: reported, not timed
        page.keyboard.press("Escape")
        return None
    elapsed = float(page.evaluate("window.__t.first - window.__t.key"))
    page.keyboard.press("Escape")
    return elapsed


def time_search(site: Path, queries: list[str], timeout_ms: int = 30000) -> dict[str, Any]:
    """Cold and warm milliseconds from the last keystroke to the first results, per query and summarised."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    cold: dict[str, float | None] = {}
    warm: dict[str, float | None] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for query in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(base)
                page.evaluate(WATCH)
                cold[query] = _one(page, query, timeout_ms)
                context.close()
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base)
            page.evaluate(WATCH)
            _one(page, queries[0], timeout_ms)  # warms Pagefind up; not counted
            for query in queries:
                warm[query] = _one(page, query, timeout_ms)
            context.close()
            browser.close()
    finally:
        server.shutdown()
    return {"queries": queries,
            "cold": _summary([t for t in cold.values() if t is not None]),
            "warm": _summary([t for t in warm.values() if t is not None]),
            "cold_ms": cold, "warm_ms": warm,
            "no_results": sorted(q for q in queries if cold[q] is None and warm[q] is None)}
