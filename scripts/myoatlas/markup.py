"""Text from contributors: escape plain fields, check and sanitise the Markdown subset of rich fields.

Rich fields allow paragraphs, emphasis, lists, `[text](https://...)` links and
`[[record-id]]` / `[[record-id|text]]` links to other records. Raw HTML, images,
attribute lists and any link that is not https or internal never reach the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# [[id]] or [[id|label]]
RECORD_LINK = re.compile(r"\[\[\s*([^\]|]*?)\s*(?:\|\s*([^\]]*?)\s*)?\]\]")
# ![alt](url "title") or [label](url "title")
MD_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REF_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*?)>?(?:[ \t].*)?$", re.MULTILINE)
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>?")
_TOKEN = re.compile(f"{RECORD_LINK.pattern}|{MD_LINK.pattern}")

# What Python-Markdown would treat as markup in plain text.
_PLAIN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


@dataclass(frozen=True)
class Problem:
    """Something not allowed in a rich field, at a character offset."""

    offset: int
    message: str
    hint: str


def is_safe_url(url: str) -> bool:
    return url.lower().startswith("https://") and not re.search(r"[\s\"'<>\\]", url)


def record_links(text: str) -> list[tuple[int, str, str]]:
    """(offset, id, label) of every [[id]] link in `text`."""
    return [(m.start(), m.group(1), m.group(2) or "") for m in RECORD_LINK.finditer(text)]


def problems(text: str) -> list[Problem]:
    """Everything in a rich field that will not be published as written."""
    found: list[Problem] = []
    for m in RAW_HTML.finditer(text):
        found.append(Problem(m.start(), f"raw HTML is not allowed: {m.group(0)[:40]!r}",
                             "use Markdown: **bold**, *italic*, - lists, [text](https://...)"))
    for m in MD_LINK.finditer(text):
        bang, _label, url = m.groups()
        if bang:
            found.append(Problem(m.start(), "images are not allowed in text fields",
                                 "describe the picture in words; pages load nothing from other hosts"))
        elif not is_safe_url(url):
            found.append(Problem(m.start(3) if m.start(3) >= 0 else m.start(), f"link target {url!r} is not allowed",
                                 "link to other records with [[record-id]], to the web only with https://"))
    for m in REF_DEFINITION.finditer(text):
        found.append(Problem(m.start(), "reference-style link definitions are not allowed",
                             "write links inline: [text](https://...)"))
    for m in re.finditer(r"\{[:.#]", text):
        found.append(Problem(m.start(), "attribute lists ({: ...}) are not allowed", "remove the braces"))
    return sorted(found, key=lambda p: p.offset)


def escape_plain(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _PLAIN_SPECIALS.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)\.", r"\1\\.", text)  # "1. x" would start a numbered list
    return " ".join(text.split())  # plain fields are one line


def _escape_rich_text(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace("{", "\\{").replace("}", "\\}")
    return REF_DEFINITION.sub(lambda m: m.group(0).replace("[", "\\[", 1), text)


def render_rich(text: str, resolve: Callable[..., str | None]) -> str:
    """Rich text -> safe Markdown. `resolve(id, label, mid_sentence)` gives the Markdown link for a record
    id, or None for an unknown id (then the label is kept as plain text)."""
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(_escape_rich_text(text[pos:m.start()]))
        pos = m.end()
        record_id, record_label, bang, label, url = m.groups()
        if record_id is not None:
            before = text[:m.start()].rstrip(" ")
            mid_sentence = bool(before) and not before.endswith((".", "!", "?", ":", "\n", "-", "*", "#", "|"))
            link = resolve(record_id, record_label or "", mid_sentence)
            out.append(link if link is not None else escape_plain(record_label or record_id))
        elif not bang and is_safe_url(url):
            out.append(f"[{_escape_rich_text(label)}](<{url}>)")
        else:
            out.append(_escape_rich_text(label))
    out.append(_escape_rich_text(text[pos:]))
    return "".join(out).strip()
