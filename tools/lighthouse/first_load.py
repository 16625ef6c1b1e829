"""Bytes transferred by the first load of pages of a built site, in Chromium, before search is used.

    .venv/bin/python tools/lighthouse/first_load.py SITE_DIR [PATH ...]

Serves SITE_DIR on 127.0.0.1, opens each PATH (default: a muscle page) in a fresh browser context
(empty cache), waits until the network is idle, and sums the bytes Chromium received for every
request (CDP Network.loadingFinished encodedDataLength: headers and body as sent). The site is served
gzipped like GitHub Pages serves it (serve.py); --no-gzip measures the uncompressed bytes. Prints one line per page, the largest requests, and
whether any Pagefind index or fragment file was requested (it must not be before search is used).
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
    """(url, bytes) for every request of the first load of `url` in a fresh context."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    context.close()
    return [(urls.get(rid, rid), n) for rid, n in sizes.items()]


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
