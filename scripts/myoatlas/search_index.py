"""Search: builds the Pagefind index of a built site (post-build, outside the core).

Pagefind (the `pagefind` package with its binary from PyPI) reads the built HTML: only
`data-pagefind-body` parts are indexed (the theme override puts it on the article), weights and
filters come from `data-pagefind-*` attributes written by the theme override from page metadata.
Pages fetch the index in small chunks, only those a query needs.

Two bundles are written:

- `pagefind/`: every page's own text (the full-text search, and the finder's filters);
- `pagefind-names/`: each page's names only (its title and search terms: names, aliases, and for an
  exercise the muscles it works), with the same filters and metadata. The header search asks it first.

Why two: Pagefind scores a query in time that grows with (pages matching) x (pages holding any of its
words), so common words ("lower back pain") cost hundreds of milliseconds at 10,000 pages in the full
bundle, and a few tens in the names bundle, where far fewer pages hold them. The full bundle is searched
only when the names find too few pages.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# Parts of a page that are not what the page is about: never indexed, never in a result preview.
# Navigation; the summaries of linked records (a page that links to "Lower back pain" is found by that
# name, not by the other page's summary); the folded sources and "Mentioned in" lists; the disclaimer
# every health page shows ("pain" on every page). Indexing them made most pages match common words,
# which both ranked pages badly and made a search at 10,000 records score thousands of pages.
EXCLUDE = ".ma-back, .headerlink, .md-source-file, .ma-linked-summary, details.myoatlas-fold, .ma-disclaimer"


@dataclass(frozen=True)
class IndexStats:
    pages: int
    files: int
    size_kb: int

    def __str__(self) -> str:
        return f"{self.pages} pages indexed, {self.files} files, {self.size_kb} KB"


class SearchIndexError(RuntimeError):
    """Pagefind failed; its output explains why."""


NAMES = "pagefind-names"
# Pagefind's ready-made interfaces: MyoAtlas has its own (assets/search.js), so no page asks for these.
UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
             "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

# The parts of a page the names bundle keeps, as main.html writes them (no nested <div> inside).
_BODY = '<div data-pagefind-body>'
_TERMS = re.compile(r'<p class="ma-search-terms"[^>]*>(.*?)</p>', re.S)
_HIDDEN = re.compile(r'<div hidden data-pagefind-ignore>.*?</div>', re.S)
_H1 = re.compile(r'<h1[^>]*>(.*?)</h1>', re.S)
_NAMES = re.compile(r'<span data-pagefind-meta="names">(.*?)</span>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_TAG = re.compile(r'<[^>]+>')


def index_site(site_dir: Path) -> IndexStats:
    """Write `site_dir/pagefind/` and `site_dir/pagefind-names/` (see the module's docstring). Each is written
    next to the old one and swapped in, so a preview rebuilt in place keeps no stale fragments and is never
    without search. The statistics are the full bundle's."""
    stats = _run_pagefind(site_dir, site_dir, "pagefind", ["--exclude-selectors", EXCLUDE])
    with tempfile.TemporaryDirectory(prefix="myoatlas-names-") as tmp:
        if write_name_pages(site_dir, Path(tmp)):
            _run_pagefind(Path(tmp), site_dir, NAMES, [])
    return stats


def name_page(page_html: str) -> str | None:
    """The names-only page for one built page: its title, its search terms and its hidden filters and
    metadata; None when the page is not in the search index."""
    start = page_html.find(_BODY)
    if start < 0:
        return None
    h1 = _H1.search(page_html, start)
    terms = _TERMS.search(page_html, start)
    hidden = _HIDDEN.search(page_html, start)
    title = _TAG.sub("", _HEADERLINK.sub("", h1.group(1))).strip() if h1 else ""
    names = _NAMES.search(hidden.group(0)) if hidden else None
    parts = [f"<h1>{title}</h1>"]  # already escaped in the built page
    if names:  # the page's own names and aliases weigh most, above the muscles an exercise works
        parts.append(f'<p data-pagefind-weight="10">{names.group(1).replace(" | ", " · ")}</p>')
    if terms:
        parts.append(f"<p>{terms.group(1)}</p>")
    if hidden:
        parts.append(hidden.group(0))
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>' + html.escape(html.unescape(title))
            + '</title></head><body><main data-pagefind-body>' + "".join(parts) + "</main></body></html>")


def write_name_pages(site_dir: Path, out: Path) -> int:
    """Write the names-only page of every indexed page of `site_dir` under `out`, at the same paths (so the
    same URLs); return how many."""
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        if page.is_relative_to(site_dir / "pagefind") or page.is_relative_to(site_dir / NAMES):
            continue
        small = name_page(page.read_text(encoding="utf-8"))
        if small is None:
            continue
        dest = out / page.relative_to(site_dir)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(small, encoding="utf-8")
        count += 1
    return count


def _run_pagefind(source: Path, site_dir: Path, name: str, extra: list[str]) -> IndexStats:
    bundle, fresh = site_dir / name, site_dir / f".{name}-next"
    shutil.rmtree(fresh, ignore_errors=True)
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(fresh),
         *extra, "--force-language", "en", "--silent"],
        capture_output=True, text=True)
    if run.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"pagefind failed ({run.returncode}): {run.stderr.strip() or run.stdout.strip()}")
    for name in UNUSED_UI:
        (fresh / name).unlink(missing_ok=True)
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)
    files = [f for f in bundle.rglob("*") if f.is_file()]
    pages = len(list(bundle.glob("fragment/*.pf_fragment")))
    return IndexStats(pages, len(files), sum(f.stat().st_size for f in files) // 1024)


class BackgroundIndexer:
    """A preview's search index, kept up to date without holding up the preview: one Pagefind run at a time,
    and a request made while one runs gets one more run after it, so the last build is always indexed.
    (A page rewritten during a run may be indexed half-written; the run that follows fixes it.)"""

    def __init__(self, report: Callable[[str], None]) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._pending = site_dir
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None:
                    self._thread = None
                    return
            try:
                self._report(f"search index: {index_site(site_dir)}")
            except SearchIndexError as exc:
                self._report(f"search index not updated: {exc}")
