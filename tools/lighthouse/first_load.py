"""Bytes transferred by the first load of pages of a built site, in Chromium, before search is used.

    .venv/bin/python tools/lighthouse/first_load.py SITE_DIR [PATH ...] [--no-gzip] [--top N]

Serves SITE_DIR on 127.0.0.1, opens each PATH (default: a muscle page) in a fresh browser context
(an empty cache, as on a first visit), waits until no request has started for 1.5 s, and sums the
bytes received for every request of the page and its workers (Playwright's request sizes: headers
and encoded body). The site is served gzipped, as GitHub Pages serves it (serve.py); --no-gzip
measures uncompressed bytes. Prints one line per page with the number of Pagefind index files
requested (there must be none before search is used), then the largest requests.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))
sys.path.insert(0, str(HERE))

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from serve import serving  # noqa: E402


def first_load(browser, url: str) -> list[tuple[str, int]]:
    """(url, bytes) for every request of the first load of `url` in a fresh context (workers' included)."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    started: list[str] = []
    sizes: list[tuple[str, int]] = []

    def finished(request) -> None:
        n = request.sizes()  # encoded body and headers, as received
        sizes.append((request.url, n["responseBodySize"] + n["responseHeadersSize"]))

    context.on("request", lambda request: started.append(request.url))
    context.on("requestfinished", finished)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for _ in range(15):  # scripts may start fetching after the load (modules, workers): wait until 1.5 s pass quietly
        seen = len(started)
        page.wait_for_timeout(1500)
        if len(started) == seen:
            break
    context.close()
    return [(u, max(n, 0)) for u, n in sizes if not u.startswith("data:")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="*", default=["muscles/psoas-major/"])
    parser.add_argument("--no-gzip", action="store_true", help="serve uncompressed")
    parser.add_argument("--top", type=int, default=8, help="list this many largest requests per page")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for base in serving(args.site, use_gzip=not args.no_gzip):
            for path in args.paths:
                got = first_load(browser, base + path)
                total = sum(n for _, n in got)
                index = [u for u, _ in got if "/pagefind/" in u]
                print(f"{path}: {total / 1000:.1f} KB{'' if args.no_gzip else ' (gzip)'} in {len(got)} requests; "
                      f"search index files requested: {len(index)}")
                for u, n in sorted(got, key=lambda x: -x[1])[: args.top]:
                    print(f"  {n / 1000:8.1f} KB  {u.removeprefix(base)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
