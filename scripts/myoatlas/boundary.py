"""What the core hands to MkDocs and the theme outside the Markdown body, escaped once, here.

The Markdown body is escaped field by field (`markup.py`). Everything else a page carries
(front matter: title, description, search metadata; JSON inside `<script>`) lands in places the
theme prints without escaping: Material writes `page.meta.title` into `<title>`, the header and
the nav, and `page.meta.description` into `<meta content="...">` as they are. So every string in a
page's metadata is HTML-escaped (quotes included) in `front_matter`, the only way metadata reaches
a page, and a new field cannot forget it.
"""
from __future__ import annotations

import html
import json
from typing import Any, Mapping


def html_text(value: str) -> str:
    """Plain text -> HTML text safe in element content and in quoted attributes."""
    return html.escape(" ".join(str(value).split()), quote=True)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html_text(value)
    if isinstance(value, Mapping):
        return {str(k): _escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    return value


def front_matter(meta: Mapping[str, Any]) -> str:
    """A YAML front matter block with every string HTML-escaped.

    Values are written as JSON (a subset of YAML), so no text can start a new key or document."""
    lines = [f"{json.dumps(str(key))}: {json.dumps(value, ensure_ascii=False)}" for key, value in _escaped(meta).items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def script_json(value: Any) -> str:
    """JSON for inside `<script>` (JSON-LD, page data): `<`, `>` and `&` as \\u escapes, so no text
    can close the element or open a comment; the parsed value is unchanged."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
