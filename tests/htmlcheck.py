"""A link checker over a built site: every internal link and #anchor must resolve."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.attrs: list[tuple[str, str, str | None]] = []  # (tag, name, value)
        self.scripts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attrs.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)
        attrs_d = dict(attrs)
        if tag == "a" and attrs_d.get("href"):
            self.links.append(attrs_d["href"] or "")
        if tag == "script":
            self.scripts.append(attrs_d.get("src"))


def parse(path: Path) -> _Collect:
    collector = _Collect()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(site: Path) -> list[str]:
    """'page -> href' for every internal link whose page or #anchor does not exist."""
    # 404.html is served at any depth, so MkDocs writes its links as absolute URLs from site_url: skip it.
    pages = {p: parse(p) for p in sorted(site.rglob("*.html")) if p.name != "404.html" or p.parent != site}
    problems = []
    for page, parsed in pages.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for href in parsed.links:
            url = urlparse(urljoin(base, href))
            if url.scheme not in ("http", "https") or url.netloc != "site":
                continue
            target = site / unquote(url.path.lstrip("/"))
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{page.relative_to(site)} -> {href} (no such page)")
            elif url.fragment and target.suffix == ".html" and url.fragment not in pages.get(target, parse(target)).ids:
                problems.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    return problems
