"""Hostile or broken records never break the site, leak script, or lose work."""
from __future__ import annotations

import hashlib
from html.parser import HTMLParser
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from myoatlas.cli import main
from myoatlas.load import parse_yaml
from myoatlas.markup import render_rich

from conftest import BASE, make_site, write_files
from htmlcheck import broken_links

REPO = Path(__file__).resolve().parent.parent
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href='javascript:alert(1)'>x</a>",
    "[x]: javascript:alert(1)\n\n[x]",
    "# Title {: onclick=\"alert(1)\" }",
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example/></iframe>",
    "[x](<javascript:alert(1)>)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>`",
]


def mkdocs_build(root: Path, out: Path, epoch: str = "1780000000") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, env=env)


class _Live(HTMLParser):
    """Collects live markup inside <article>: script-like elements, on* handlers, unsafe URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "iframe", "object", "embed", "form", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and value and \
                    re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                self.found.append(f"{tag} {name}={value[:30]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1


def unsafe_markup(html: str) -> list[str]:
    """Live markup inside the page content: script elements, on* handlers, javascript:/data: URLs."""
    parser = _Live()
    parser.feed(html)
    return parser.found


def md_to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition", "tables", "attr_list", "md_in_html", "toc"])


@pytest.mark.parametrize("payload", HOSTILE)
def test_rich_text_renders_no_live_markup_even_unchecked(payload):
    html = md_to_html(render_rich(payload, lambda i, label, mid=False: None))
    assert unsafe_markup(f"<article>{html}</article>") == [], html


def test_hostile_rich_fields_fail_the_build_naming_the_record(tmp_path):
    site = make_site(tmp_path / "src", """
    -- content/group/hip-flexors.yml --
    id: hip-flexors
    name: Hip flexors
    summary: Muscles that lift the thigh.
    region: hip
    action: hip flexion
    description: "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
    reviewed: 2026-01-01
    """)
    run = mkdocs_build(site.root, tmp_path / "out")
    assert run.returncode != 0
    assert "content/group/hip-flexors.yml:6:15: error: raw HTML is not allowed" in run.stderr
    assert not (tmp_path / "out" / "groups").exists()


def test_output_paths_cannot_escape_the_output_folder(site, tmp_path):
    paths = site("""
    -- content/source/evil.yml --
    id: ../../evil
    title: Evil
    year: 2020
    url: https://example.org/
    """)
    assert main(["--root", str(paths.root), "export-md", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "evil.md").exists() and not (tmp_path.parent / "evil.md").exists()


def content_digest(root: Path) -> str:
    h = hashlib.sha256()
    for f in sorted((root / "content").rglob("*")):
        h.update(f.relative_to(root).as_posix().encode())
        if f.is_file():
            h.update(f.read_bytes())
    return h.hexdigest()


def test_building_never_writes_into_content(tmp_path):
    site = make_site(tmp_path / "src")
    before = content_digest(site.root)
    assert mkdocs_build(site.root, tmp_path / "out").returncode == 0
    assert main(["--root", str(site.root), "export-md", str(tmp_path / "md")]) == 0
    assert content_digest(site.root) == before


def test_a_failed_make_build_keeps_the_last_good_site(tmp_path):
    site = make_site(tmp_path / "src")
    (site.root / "Makefile").write_text((REPO / "Makefile").read_text())
    venv = REPO / ".venv"
    (site.root / ".venv").symlink_to(venv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    make = ["make", "-s", "-o", ".venv/.installed", "build"]
    assert subprocess.run(make, cwd=site.root, capture_output=True, env=env).returncode == 0
    good = (site.root / "site" / "muscles" / "psoas-major" / "index.html").read_text()
    write_files(site.root, "-- content/muscle/psoas-major.yml --\nid: psoas-major\nname: [broken\n")
    run = subprocess.run(make, cwd=site.root, capture_output=True, text=True, env=env)
    assert run.returncode != 0
    assert "content/muscle/psoas-major.yml:3:1: error: invalid YAML" in run.stderr
    assert (site.root / "site" / "muscles" / "psoas-major" / "index.html").read_text() == good


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    site = make_site(tmp_path / "src")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert mkdocs_build(site.root, out).returncode == 0
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
                     if p.is_file() and not _unstable_in_pagefind(p.relative_to(out).as_posix())})
    assert outs[0].keys() == outs[1].keys()
    assert [k for k in outs[0] if outs[0][k] != outs[1][k]] == []
    assert any(k.startswith("pagefind/fragment/") for k in outs[0])  # the searchable text itself is stable


def _unstable_in_pagefind(path: str) -> bool:
    """Pagefind 1.5 writes its filter and metadata indexes in varying order (Pagefind/pagefind#638:
    fragments are stable since 1.3, these are not); the pages and the indexed text are compared."""
    return path.startswith(("pagefind/filter/", "pagefind-names/filter/")) or path.endswith(".pf_meta") \
        or path in ("pagefind/pagefind-entry.json", "pagefind-names/pagefind-entry.json")


def test_the_real_site_has_no_broken_link_or_anchor(tmp_path):
    run = mkdocs_build(REPO, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert broken_links(tmp_path / "out") == []


# -- fuzzing -------------------------------------------------------------------------------------
VALID = (REPO / "tests" / "conftest.py").read_text()
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _text
                       | st.text(max_size=3000), lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(_text, inner, max_size=4), max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(["id", "name", "stretches", "dose", "steps", "kind", "extra", "équipement"]),
                               _values, min_size=1, max_size=4),
       drop=st.sets(st.sampled_from(["name", "kind", "steps", "dose", "position"]), max_size=2),
       reverse=st.booleans())
def test_check_never_raises_and_always_names_the_file(tmp_path_factory, changes, drop, reverse):
    root = tmp_path_factory.mktemp("fuzz")
    paths = make_site(root)
    record = yaml.safe_load(BASE.split("-- content/exercise/kneeling-lunge.yml --")[1])
    record.update(changes)
    for key in drop:
        record.pop(key, None)
    items = list(record.items())
    if reverse:
        items.reverse()
    text = yaml.safe_dump(dict(items), allow_unicode=True, sort_keys=False)
    (paths.content / "exercise" / "kneeling-lunge.yml").write_text(text, encoding="utf-8")
    from myoatlas.build import check_content

    _graph, found = check_content(paths)
    for d in found:
        assert d.span.file.startswith("content/"), d
        assert d.span.line >= 1 and d.span.col >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_the_loader_never_raises_on_any_bytes(blob):
    parsed = parse_yaml(blob, "f.yml")
    for d in parsed.diagnostics:
        assert str(d).startswith("f.yml:")
