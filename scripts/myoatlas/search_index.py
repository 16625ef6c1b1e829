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
from dataclasses import dataclass
from pathlib import Path

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
