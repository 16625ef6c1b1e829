"""Search: builds the Pagefind index of a built site (post-build, outside the core).

Pagefind (the `pagefind` package with its binary from PyPI) reads the built HTML: only
`data-pagefind-body` parts are indexed (the theme override puts it on the article), weights and
filters come from `data-pagefind-*` attributes written by the theme override from page metadata.
Pages fetch the index in small chunks, so a search costs the same at 100 or 10,000 pages.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# Parts of a page that are navigation, not content: never indexed, never in a result preview.
EXCLUDE = ".ma-back, .headerlink, .md-source-file"


@dataclass(frozen=True)
class IndexStats:
    pages: int
    files: int
    size_kb: int

    def __str__(self) -> str:
        return f"{self.pages} pages indexed, {self.files} files, {self.size_kb} KB"


class SearchIndexError(RuntimeError):
    """Pagefind failed; its output explains why."""


def index_site(site_dir: Path) -> IndexStats:
    """Write `site_dir/pagefind/`: the search bundle (index, fragments, pagefind.js). It is written next to
    the old one and swapped in, so a preview rebuilt in place keeps no stale fragments and is never without search."""
    bundle, fresh = site_dir / "pagefind", site_dir / ".pagefind-next"
    shutil.rmtree(fresh, ignore_errors=True)
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(fresh),
         "--exclude-selectors", EXCLUDE, "--force-language", "en", "--silent"],
        capture_output=True, text=True)
    if run.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"pagefind failed ({run.returncode}): {run.stderr.strip() or run.stdout.strip()}")
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
