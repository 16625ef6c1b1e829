"""A hostile contributor: the whole real site, with payloads in every text field of every record.

Every plain field gets markup that would run if it reached a page unescaped (script, img onerror,
attribute and `</script>` break-outs); names, titles and aliases, where `check` refuses `<` and `>`,
get quote break-outs and entity-encoded tags (which would run if anything decoded them twice); rich
fields get what the Markdown subset lets through. The built site is then scanned byte by byte (every
HTML, XML, JSON and JS file, the whole page, not only the article), and in Chromium the payload names
are typed into the search box and pages are opened: a payload that ran would set `window.__pwned`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from myoatlas.graph import RICH_FIELDS
from myoatlas.load import parse_yaml

from browser import CHROMIUM, CHROMIUM_ARGS, serve

REPO = Path(__file__).resolve().parent.parent
PLAIN = ('"><script>window.__pwned=1</script> <img src=x onerror=window.__pwned=1> '
         "</script><script>window.__pwned=1</script> ' onmouseover='window.__pwned=1' x=' <!-- -->")
NAME = 'Pwn " onmouseover="window.__pwned=1" &lt;img src=x onerror=window.__pwned=1&gt;'
RICH = "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#60;img src=x onerror=window.__pwned=1&#62; *ok*"
NAME_FIELDS = {"name", "title", "aliases"}


def _fits(text: str, payload: str, schema: dict[str, Any]) -> str:
    limit = schema.get("maxLength", 10_000)
    room = max(0, limit - len(payload) - 1)
    return (text[:room] + " " + payload).strip()[:limit]


def poison(value: Any, schema: dict[str, Any], vocab: dict[str, Any], key: str = "") -> Any:
    """`value` with a payload added to every free-text string the schema allows (not ids, links,
    closed lists, dates or numbers)."""
    if str(schema.get("$ref", "")).startswith("vocab.schema.json"):
        schema = {**vocab["$defs"][schema["$ref"].rsplit("/", 1)[-1]], **schema}
    if isinstance(value, str):
        if any(k in schema for k in ("x-ref", "enum", "pattern", "format", "const")):
            return value
        payload = NAME if key in NAME_FIELDS else RICH if key in RICH_FIELDS else PLAIN
        return _fits(value, payload, schema)
    if isinstance(value, list):
        return [poison(v, schema.get("items", {}), vocab, key) for v in value]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: poison(v, props.get(k, {}), vocab, k) for k, v in value.items()}
    return value


def poison_figure(figure: dict[str, Any]) -> dict[str, Any]:
    """Figures are numbers and prop names; only their labels are free text."""
    for pose in figure.get("poses", []):
        if isinstance(pose.get("label"), str):
            pose["label"] = '"><img src=x onerror=__pwned=1>'  # the label's limit is 40 characters
    return figure


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name in ("templates", "site_src", "scripts"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content" / "schemas", root / "content" / "schemas")
    vocab = json.loads((REPO / "content" / "schemas" / "vocab.schema.json").read_text())
    for file in sorted((REPO / "content").glob("*/*.yml")):
        kind = file.parent.name
        schema = json.loads((REPO / "content" / "schemas" / f"{kind}.schema.json").read_text())
        data = parse_yaml(file.read_bytes(), file.name).data
        figure = data.pop("figure", None)
        data = poison(data, schema, vocab)
        if figure:
            data["figure"] = poison_figure(figure)
        out = root / "content" / kind / file.name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000), encoding="utf-8")
    site = root / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    return site


class _Live(HTMLParser):
    """Live markup anywhere in a page that a payload could have made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "script":
            self._script = (dict(attrs).get("type") or "text/javascript").lower()
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._text)
            if "json" in self._script:
                try:
                    json.loads(text)
                except ValueError:
                    self.found.append(f"<script type={self._script}> that is not valid JSON (broken out of?)")
            elif "__pwned" in text:
                self.found.append("<script> running a payload")
            self._script = None


def live_markup(html: str) -> list[str]:
    parser = _Live()
    parser.feed(html)
    return parser.found


def test_hostile_text_in_every_field_is_shown_as_text_everywhere_in_every_file(hostile_site):
    scanned = 0
    for file in sorted(hostile_site.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(hostile_site).as_posix()
        if file.suffix == ".html":
            assert live_markup(file.read_text(encoding="utf-8")) == [], rel
            scanned += 1
        elif file.suffix in (".xml", ".json", ".js", ".css", ".svg", ".txt"):
            text = file.read_text(encoding="utf-8", errors="replace")
            for raw in ("<script>window.__pwned", "<img src=x", 'onmouseover="window'):
                assert raw not in text, f"{rel} carries {raw!r} unescaped"
    assert scanned > 400
    lunge = (hostile_site / "exercises" / "kneeling-lunge" / "index.html").read_text(encoding="utf-8")
    # The payloads are on the page, as text: in the title, the header, the description and the body.
    assert "<title>Kneeling lunge stretch Pwn &#34; onmouseover=&#34;window.__pwned=1&#34; &amp;lt;img" in lunge \
        or "<title>Kneeling lunge stretch Pwn &quot; onmouseover=&quot;window.__pwned=1&quot; &amp;lt;img" in lunge
    assert 'content="' in lunge and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in lunge


@pytest.mark.browser
def test_typing_hostile_names_into_search_and_opening_pages_runs_no_script(hostile_site):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    pages = ["", "exercises/kneeling-lunge/", "muscles/psoas-major/", "conditions/lower-back-pain/", "tests/thomas-test/",
             "articles/hip-flexors-and-lower-back-pain/", "routines/daily-hip-flexor-routine/", "groups/hip-flexors/",
             "find/", "find/?muscle=psoas-major", "exercises/", "sources/", "search/?q=Pwn"]
    gen = serve(hostile_site)
    base = next(gen)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15000)
            for path in pages:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.mouse.move(300, 300)
                assert page.evaluate("window.__pwned") is None, path
            page.goto(base)
            for words in ("Pwn", "onmouseover", "img src", "script", "kneeling lunge Pwn"):
                page.keyboard.press("/")
                box = page.locator("[data-ma-search-input]")
                box.fill("")
                box.press_sequentially(words)
                page.locator("[data-ma-search-list] li").first.wait_for()
                for item in page.locator("[data-ma-search-list] li").all()[:5]:
                    item.hover()
                assert page.evaluate("window.__pwned") is None, words
            titles = page.locator("[data-ma-search-list] h1").all_inner_texts()
            assert any('Pwn " onmouseover=' in t for t in titles), titles  # shown as text
            page.locator("[data-ma-search-list] li").first.click()
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__pwned") is None
            browser.close()
    finally:
        gen.close()
