"""Publish: files other than pages that the site carries, made from the graph.

- `feed.xml`: an Atom feed (RFC 4287) of articles and routines, newest first.
- `api/<kind>.json`: the open data, one file per kind, each with its JSON Schema in
  `api/schema/<kind>.schema.json` and the site's licence inside.

Pure: no MkDocs, no clock, no network. Dates come from the records, lists are in a fixed
order and JSON keys are sorted, so the same content always gives the same bytes.
Contributor text is escaped by ElementTree (XML) and by json.dumps (JSON), never by hand.
"""
from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape
from typing import Any

import yaml

from .graph import RICH_FIELDS, Graph
from .markup import RECORD_LINK
from .model import Kind, Paths, Record

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
FEED_KINDS = (Kind.ARTICLE, Kind.ROUTINE)
API_KINDS = (Kind.EXERCISE, Kind.MUSCLE, Kind.GROUP, Kind.CONDITION, Kind.TEST, Kind.ROUTINE, Kind.SOURCE)
API_VERSION = "1"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Fields of a record that are not published: drawing data, and who is responsible (the author is the team).
NOT_PUBLISHED = {"figure", "author"}
_LICENCES = {  # licence names that may appear in the copyright line -> their deed
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


# -- site settings ------------------------------------------------------------------------------

def site_info(paths: Paths) -> dict[str, Any]:
    """What the published files need from mkdocs.yml: site_url, site_name, copyright, use_directory_urls.
    Missing file or keys give empty values (then links are relative)."""
    config: dict[str, Any] = {}
    config_file = paths.root / "mkdocs.yml"
    if config_file.is_file():
        try:
            loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTags)
        except yaml.YAMLError:
            loaded = None
        config = loaded if isinstance(loaded, dict) else {}
    url = str(config.get("site_url") or "")
    return {
        "site_url": url if not url or url.endswith("/") else url + "/",
        "site_name": str(config.get("site_name") or "MyoAtlas"),
        "copyright": str(config.get("copyright") or ""),
        "directory_urls": bool(config.get("use_directory_urls", True)),
    }


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags; their values are not needed here."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def licence(copyright_line: str) -> dict[str, str]:
    """The licence statement put in every published file, from the site's copyright line."""
    for name, url in _LICENCES.items():
        if name in copyright_line:
            return {"name": name, "url": url, "statement": copyright_line}
    return {"name": "", "url": "", "statement": copyright_line}


# -- entry point --------------------------------------------------------------------------------

def published_files(graph: Graph, site_url: str, site_name: str = "MyoAtlas", copyright: str = "",
                    directory_urls: bool = True) -> dict[str, str]:
    """{site path: text} of the feed and the open data files, ready to write."""
    site = _Site(site_url, site_name, copyright, directory_urls)
    files = {FEED_PATH: atom_feed(graph, site)}
    for kind in API_KINDS:
        schema = api_schema(graph, kind, site)
        files[f"api/schema/{kind.plural}.schema.json"] = _dump(schema)
        files[f"api/{kind.plural}.json"] = _dump(api_document(graph, kind, site))
    return files


class _Site:
    def __init__(self, site_url: str, site_name: str, copyright: str, directory_urls: bool) -> None:
        self.url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self.name = site_name
        self.copyright = copyright
        self.directory_urls = directory_urls

    def page_url(self, record: Record) -> str:
        """The absolute URL of a record's page (relative to the site root when there is no site_url)."""
        name = f"{record.id}/" if self.directory_urls else f"{record.id}.html"
        return f"{self.url}{record.kind.plural}/{name}"

    def url_of(self, path: str) -> str:
        return self.url + path


def _dump(value: Any) -> str:
    """Sorted, indented JSON; `<`, `>` and `&` as \\u escapes (the parsed value is the same), so contributor
    text stays inert even if a reader pastes a file into an HTML page."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def newest_first(records: list[Record]) -> list[Record]:
    """Newest reviewed first; records reviewed the same day by id (so the order never depends on file order)."""
    by_id = sorted(records, key=lambda r: r.id)
    return sorted(by_id, key=lambda r: str(r.data.get("reviewed", "")), reverse=True)


def _timestamp(date: str) -> str:
    """A record date (YYYY-MM-DD) as an RFC 3339 date-time, as Atom requires."""
    return f"{date}T00:00:00Z"


# -- Atom feed ----------------------------------------------------------------------------------

def atom_feed(graph: Graph, site: _Site) -> str:
    """Articles and routines, newest first, each with its full summary."""
    entries = newest_first([r for r in graph.records.values() if r.kind in FEED_KINDS])
    dates = [str(r.data["reviewed"]) for r in entries if r.data.get("reviewed")]  # the newest entry dates the feed
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "en"})
    ET.SubElement(feed, "id").text = site.url_of(FEED_PATH)
    ET.SubElement(feed, "title").text = f"{site.name}: new and updated articles and routines"
    ET.SubElement(feed, "updated").text = _timestamp(max(dates) if dates else "1970-01-01")
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": site.url_of(FEED_PATH)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": site.url_of("new/")})
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = site.name
    ET.SubElement(author, "uri").text = site.url or None
    if site.copyright:
        ET.SubElement(feed, "rights").text = site.copyright
    ET.SubElement(feed, "generator").text = site.name
    for record in entries:
        entry = ET.SubElement(feed, "entry")
        url = site.page_url(record)
        ET.SubElement(entry, "id").text = url
        ET.SubElement(entry, "title").text = record.title
        ET.SubElement(entry, "updated").text = _timestamp(str(record.data["reviewed"]))
        if record.data.get("published"):
            ET.SubElement(entry, "published").text = _timestamp(str(record.data["published"]))
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
        writer = graph.get(str(record.data.get("author", "")))
        entry_author = ET.SubElement(entry, "author")
        ET.SubElement(entry_author, "name").text = writer.title if writer else site.name
        ET.SubElement(entry, "category", {"term": record.kind.value, "label": record.kind.value.capitalize()})
        ET.SubElement(entry, "summary", {"type": "text"}).text = " ".join(str(record.data.get("summary", "")).split())
    for element in feed.iter():  # empty optional elements (no site_url) are left out
        for child in list(element):
            if child.tag == "uri" and not child.text:
                element.remove(child)
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + _xml(feed) + "\n"


def _xml(element: ET.Element) -> str:
    """Serialise like ElementTree, but with quotes escaped in text too: contributor text then never
    carries a raw `"` or `<` anywhere in the file (XML allows a raw quote in text; being strict costs nothing)."""
    def text(value: str | None) -> str:
        return escape(value or "", {'"': "&quot;", "'": "&apos;"})

    attrs = "".join(f' {k}="{text(v)}"' for k, v in element.attrib.items())
    children = "".join(_xml(child) + text(child.tail) for child in element)
    if element.text is None and not len(element):
        return f"<{element.tag}{attrs} />"
    return f"<{element.tag}{attrs}>{text(element.text)}{children}</{element.tag}>"


# -- open data ----------------------------------------------------------------------------------

# Relations computed from other records (never typed twice): name -> (kind of the referring record,
# fields it refers through, description). Listed ids are sorted.
REVERSE: dict[Kind, dict[str, tuple[Kind, tuple[str, ...], str]]] = {
    Kind.EXERCISE: {
        "routines": (Kind.ROUTINE, ("steps",), "Ids of the routines that include this exercise."),
        "conditions": (Kind.CONDITION, ("exercises",), "Ids of the conditions whose page recommends this exercise."),
    },
    Kind.MUSCLE: {
        "stretched_by": (Kind.EXERCISE, ("stretches", "also_stretches"), "Ids of the exercises that stretch this muscle."),
        "worked_by": (Kind.EXERCISE, ("works",), "Ids of the exercises that work (strengthen or activate) this muscle."),
        "massaged_by": (Kind.EXERCISE, ("massages",), "Ids of the self-massage exercises for this muscle."),
        "tests": (Kind.TEST, ("muscles",), "Ids of the tests that assess this muscle."),
        "conditions": (Kind.CONDITION, ("muscles",), "Ids of the conditions this muscle is involved in."),
    },
    Kind.GROUP: {
        "members": (Kind.MUSCLE, ("groups",), "Ids of the muscles in this group."),
    },
    Kind.CONDITION: {
        "results_from": (Kind.CONDITION, ("leads_to",), "Ids of the conditions that can lead to this one."),
        "helped_by": (Kind.EXERCISE, ("helps",), "Ids of the exercises that say they can help with this condition."),
        "routines_for": (Kind.ROUTINE, ("helps",), "Ids of the routines meant for this condition."),
    },
    Kind.TEST: {
        "conditions": (Kind.CONDITION, ("tests",), "Ids of the conditions this test is used for."),
    },
    Kind.ROUTINE: {},
    Kind.SOURCE: {},
}
_ID_LIST = {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}}


def _rich_to_markdown(text: str, graph: Graph, site: _Site) -> str:
    """Rich text with [[id]] links as ordinary Markdown links to the record pages (absolute URLs)."""
    def link(m: re.Match[str]) -> str:
        record = graph.get(m.group(1))
        label = m.group(2) or (record.title if record else m.group(1))
        return f"[{label}]({site.page_url(record)})" if record else label

    return RECORD_LINK.sub(link, text).strip()


def api_record(graph: Graph, record: Record, site: _Site) -> dict[str, Any]:
    """One record as published: its fields (rich text as Markdown with absolute links), its page URL,
    and the relations other records make to it."""
    item: dict[str, Any] = {}
    for key, value in record.data.items():
        if key in NOT_PUBLISHED:
            continue
        item[key] = _rich_to_markdown(value, graph, site) if key in RICH_FIELDS and isinstance(value, str) else copy.deepcopy(value)
    if record.kind is Kind.ROUTINE:
        for step in item.get("steps", []):
            exercise = graph.get(step["exercise"])
            if exercise is not None:
                step["exercise_name"] = exercise.title
                step["page_url"] = site.page_url(exercise)
    for name, (kind, fields, _description) in REVERSE[record.kind].items():
        item[name] = sorted(r.id for r in graph.referrers(record.id, kind, fields))
    item["page_url"] = site.page_url(record)
    return item


def api_document(graph: Graph, kind: Kind, site: _Site) -> dict[str, Any]:
    records = sorted((r for r in graph.records.values() if r.kind is kind), key=lambda r: r.id)
    dates = sorted(str(r.data["reviewed"]) for r in records if r.data.get("reviewed"))
    doc: dict[str, Any] = {
        "$schema": site.url_of(f"api/schema/{kind.plural}.schema.json"),
        "kind": kind.value,
        "version": API_VERSION,
        "licence": {**licence(site.copyright), "attribution": f"{site.name}, {site.url}".rstrip(", ")},
        "count": len(records),
        kind.plural: [api_record(graph, r, site) for r in records],
    }
    if dates:
        doc["updated"] = dates[-1]
    return doc


def _published_field(field: dict[str, Any], graph: Graph) -> dict[str, Any]:
    """A field of the content schema as it is published: vocabulary `$ref`s inlined, editor-only keys dropped."""
    if isinstance(field, dict):
        field = graph.schemas.resolved(field) if "$ref" in field else field
        out = {}
        for key, value in field.items():
            if key in ("$ref", "x-ref", "default", "examples") or key.startswith("x-"):
                continue
            if key == "properties":
                out[key] = {k: _published_field(v, graph) for k, v in value.items()}
            elif isinstance(value, dict):
                out[key] = _published_field(value, graph)
            elif isinstance(value, list):
                out[key] = [_published_field(v, graph) if isinstance(v, dict) else v for v in value]
            else:
                out[key] = value
        return out
    return field


def api_schema(graph: Graph, kind: Kind, site: _Site) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of `api/<kind>.json`, made from the content schema so the two never drift."""
    content = graph.schemas.by_kind[kind]
    properties: dict[str, Any] = {}
    for key, field in content.get("properties", {}).items():
        if key in NOT_PUBLISHED:
            continue
        published = _published_field(field, graph)
        if key in RICH_FIELDS and published.get("type") == "string":
            published = {"type": "string", "description": (published.get("description", "") +
                         " Markdown; links to other records are absolute page URLs.").strip()}
            published.pop("maxLength", None)
        properties[key] = published
    if kind is Kind.ROUTINE:
        step = properties["steps"]["items"]["properties"]
        step["exercise_name"] = {"type": "string", "description": "Name of the exercise."}
        step["page_url"] = {"type": "string", "format": "uri", "description": "URL of the exercise's page."}
    for name, (_k, _f, description) in REVERSE[kind].items():
        properties[name] = {**_ID_LIST, "description": description}
    properties["page_url"] = {"type": "string", "format": "uri", "description": "URL of the record's page on the site."}
    required = [k for k in content.get("required", []) if k in properties] + list(REVERSE[kind]) + ["page_url"]
    record_schema = {"type": "object", "additionalProperties": False, "required": required, "properties": properties}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": site.url_of(f"api/schema/{kind.plural}.schema.json"),
        "title": f"{site.name} {kind.plural}",
        "description": f"api/{kind.plural}.json: every {kind.value} record. {content.get('description', '')}".strip(),
        "type": "object",
        "additionalProperties": False,
        "required": ["$schema", "kind", "version", "licence", "count", kind.plural],
        "properties": {
            "$schema": {"type": "string", "description": "URL of this schema."},
            "kind": {"const": kind.value},
            "version": {"type": "string", "description": "Format version: changes only when a field is removed or changes meaning."},
            "updated": {"type": "string", "format": "date", "description": "The newest 'reviewed' date among the records."},
            "licence": {
                "type": "object", "additionalProperties": False, "required": ["name", "url", "statement", "attribution"],
                "properties": {
                    "name": {"type": "string"}, "url": {"type": "string"},
                    "statement": {"type": "string"}, "attribution": {"type": "string"},
                },
            },
            "count": {"type": "integer", "minimum": 0},
            kind.plural: {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "$defs": {"record": record_schema},
    }


def publish_site(paths: Paths, graph: Graph) -> dict[str, str]:
    """published_files() with the settings of the project's mkdocs.yml."""
    return published_files(graph, **site_info(paths))

