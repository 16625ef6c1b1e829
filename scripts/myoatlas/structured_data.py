"""Structured data: schema.org JSON-LD for every record page, and the next-review date shown on it.

Pure functions of a record, the graph and the site's address: the same input gives the same bytes.
Only properties that schema.org defines on each type are used (checked against the type pages):

| kind      | page             | main entity                                                            |
|-----------|------------------|------------------------------------------------------------------------|
| muscle    | MedicalWebPage   | Muscle: muscleAction, nerve, insertion, antagonist, bodyLocation, ...  |
| group     | MedicalWebPage   | AnatomicalStructure: bodyLocation, subStructure (the member muscles)   |
| exercise  | MedicalWebPage   | ExercisePlan: exerciseType, repetitions, activityDuration, ... (dose)  |
| condition | MedicalWebPage   | MedicalCondition: associatedAnatomy, typicalTest                       |
| test      | MedicalWebPage   | MedicalTest: normalRange, usedToDiagnose                               |
| routine   | MedicalWebPage   | HowTo: step (HowToStep per exercise, in order), totalTime              |
| article   | MedicalWebPage   | Article: headline, author, datePublished                               |
| source    | WebPage          | CreativeWork                                                           |
| author    | ProfilePage      | Organization                                                           |

Health pages carry `lastReviewed` and `reviewedBy` (the record's author). Text is taken from the
record as written (not Markdown-escaped: JSON-LD is data, never HTML); `head_html` puts it inside
`<script>` through `boundary.script_json`, which escapes `<`, `>` and `&`, so no field can close the
element or open a comment.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .boundary import script_json
from .checks import REVIEW_EVERY_DAYS
from .graph import Graph
from .model import Kind, Paths, Record

CONTEXT = "https://schema.org"
LANGUAGE = "en"  # theme.language in mkdocs.yml

# The schema.org type a record of each kind is, wherever it appears (main entity or a reference).
TYPES = {
    Kind.MUSCLE: "Muscle",
    Kind.GROUP: "AnatomicalStructure",
    Kind.EXERCISE: "ExercisePlan",
    Kind.CONDITION: "MedicalCondition",
    Kind.TEST: "MedicalTest",
    Kind.ROUTINE: "HowTo",
    Kind.ARTICLE: "Article",
    Kind.SOURCE: "CreativeWork",
    # The author schema has no person/team field and the one author is a team; a person would need one.
    Kind.AUTHOR: "Organization",
}


def next_review(reviewed: object) -> str:
    """The date a page is due for its next review (YYYY-MM-DD): its review date plus the checker's
    interval (`checks.REVIEW_EVERY_DAYS`). `check` warns from the day after this date on. '' if the
    date cannot be read (the schema reports it)."""
    try:
        day = dt.date.fromisoformat(str(reviewed))
    except ValueError:
        return ""
    return (day + dt.timedelta(days=REVIEW_EVERY_DAYS)).isoformat()


def record_url(site_url: str, record: Record) -> str:
    """The absolute address of a record's page (MkDocs directory URLs: `muscles/psoas-major/`)."""
    return f"{site_url}{record.kind.plural}/{record.id}/"


def jsonld(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    """The JSON-LD object for a record's page. `site_url` ends with '/' (mkdocs.yml's site_url)."""
    url = record_url(site_url, record)
    data = record.data
    if record.kind is Kind.AUTHOR:
        page_type = "ProfilePage"
    elif record.kind is Kind.SOURCE:
        page_type = "WebPage"
    else:
        page_type = "MedicalWebPage"
    page: dict[str, Any] = {"@context": CONTEXT, "@type": page_type, "@id": url, "url": url,
                            "name": _text(record.title), "inLanguage": LANGUAGE}
    _put(page, "description", _text(data.get("summary", "")))
    author = graph.get(str(data["author"])) if isinstance(data.get("author"), str) else None
    if isinstance(data.get("reviewed"), str):
        page["lastReviewed"] = data["reviewed"]
        if author is not None:
            page["reviewedBy"] = _agent(author, site_url)
    if author is not None:
        page["author"] = _agent(author, site_url)
    _put(page, "citation", [_citation(s, site_url) for s in _records(graph, data.get("sources", []))])
    page["mainEntity"] = _ENTITIES[record.kind](record, graph, site_url)
    return page


def head_html(record: Record, graph: Graph, site_url: str) -> str:
    """The `<script type="application/ld+json">` element for a record's page."""
    return '<script type="application/ld+json">' + script_json(jsonld(record, graph, site_url)) + "</script>"


def record_head(record: Record, graph: Graph, paths: Paths) -> str:
    """`head_html` with the site's address from the project's mkdocs.yml (`site_url`); without one,
    addresses are root-relative ('/muscles/psoas-major/')."""
    return head_html(record, graph, site_url(paths))


def site_url(paths: Paths) -> str:
    """`site_url` from mkdocs.yml at the project root, ending with '/'; '/' when there is none."""
    config = Path(paths.root) / "mkdocs.yml"
    try:
        stamp = os.stat(config).st_mtime_ns
    except OSError:
        return "/"
    return _read_site_url(str(config), stamp)


@lru_cache(maxsize=8)
def _read_site_url(config: str, _stamp: int) -> str:
    # A line match, not a YAML load: mkdocs.yml may hold tags (!!python/name:...) a safe loader refuses.
    text = Path(config).read_text(encoding="utf-8")
    found = re.search(r"^site_url:[ \t]*['\"]?(https?://[^'\"\s#]+)", text, re.MULTILINE)
    if not found:
        return "/"
    value = found.group(1)
    return value if value.endswith("/") else value + "/"


# -- main entities, one per kind --------------------------------------------------------------------

def _muscle(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    d = record.data
    entity = _thing(record, site_url)
    _put(entity, "bodyLocation", _label(d.get("region", "")))
    _put(entity, "muscleAction", [_text(a) for a in d.get("actions", [])])
    nerve = d.get("innervation") or {}
    if nerve.get("nerve"):
        name = _text(nerve["nerve"]) + (f" ({_text(nerve['roots'])})" if nerve.get("roots") else "")
        entity["nerve"] = {"@type": "Nerve", "name": name}
    if d.get("insertion"):
        entity["insertion"] = {"@type": "AnatomicalStructure", "name": _text(d["insertion"])}
    _put(entity, "antagonist", _refs(_records(graph, d.get("antagonists", []), Kind.MUSCLE), site_url))
    _put(entity, "subStructure", _refs(graph.referrers(record.id, Kind.MUSCLE, ("part_of",)), site_url))
    _put(entity, "relatedCondition", _refs(graph.referrers(record.id, Kind.CONDITION, ("muscles",)), site_url))
    return entity


def _group(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    entity = _thing(record, site_url)
    _put(entity, "bodyLocation", _label(record.data.get("region", "")))
    _put(entity, "subStructure", _refs(graph.referrers(record.id, Kind.MUSCLE, ("groups",)), site_url))
    return entity


def _exercise(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    d = record.data
    entity = _thing(record, site_url)
    _put(entity, "exerciseType", _label(d.get("kind", "")))
    dose = d.get("dose") or {}
    if isinstance(dose.get("reps"), int):
        entity["repetitions"] = dose["reps"]
    if isinstance(dose.get("duration_minutes"), int):
        entity["activityDuration"] = f"PT{dose['duration_minutes']}M"
    _put(entity, "activityFrequency", _text(dose.get("frequency", "")))
    # Holds, sets and sides have no property of their own: they are "additional components" of the plan.
    extra = []
    if isinstance(dose.get("hold_seconds"), int):
        extra.append(f"Hold for {dose['hold_seconds']} seconds")
    if isinstance(dose.get("sets"), int):
        extra.append(f"{dose['sets']} sets")
    if dose.get("per_side"):
        extra.append("On each side")
    if dose.get("note"):
        extra.append(_text(dose["note"]))
    _put(entity, "additionalVariable", extra)
    return entity


def _condition(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    d = record.data
    entity = _thing(record, site_url)
    _put(entity, "associatedAnatomy", _refs(_records(graph, d.get("muscles", []), Kind.MUSCLE), site_url))
    _put(entity, "typicalTest", _refs(_records(graph, d.get("tests", []), Kind.TEST), site_url))
    return entity


def _test(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    entity = _thing(record, site_url)
    _put(entity, "normalRange", _text(record.data.get("normal", "")))
    _put(entity, "usedToDiagnose", _refs(graph.referrers(record.id, Kind.CONDITION, ("tests",)), site_url))
    return entity


def _routine(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    d = record.data
    entity = _thing(record, site_url)
    if isinstance(d.get("duration_minutes"), int):
        entity["totalTime"] = f"PT{d['duration_minutes']}M"
    steps = []
    for position, step in enumerate(d.get("steps", []), start=1):
        exercise = graph.get(str(step.get("exercise", "")))
        if exercise is None:
            continue
        item: dict[str, Any] = {"@type": "HowToStep", "position": position, "name": _text(exercise.title),
                                "url": record_url(site_url, exercise)}
        _put(item, "text", " ".join(_sentence(step[k]) for k in ("dose", "note") if step.get(k)))
        steps.append(item)
    _put(entity, "step", steps)
    return entity


def _article(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    d = record.data
    entity: dict[str, Any] = {"@type": "Article", "headline": _text(record.title), "name": _text(record.title),
                              "url": record_url(site_url, record)}
    _put(entity, "description", _text(d.get("summary", "")))
    author = graph.get(str(d.get("author", "")))
    if author is not None:
        entity["author"] = _agent(author, site_url)
    if isinstance(d.get("published"), str):
        entity["datePublished"] = d["published"]
    return entity


def _source(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    return _citation(record, site_url)


def _author(record: Record, graph: Graph, site_url: str) -> dict[str, Any]:
    return _agent(record, site_url)


_ENTITIES = {Kind.MUSCLE: _muscle, Kind.GROUP: _group, Kind.EXERCISE: _exercise, Kind.CONDITION: _condition,
             Kind.TEST: _test, Kind.ROUTINE: _routine, Kind.ARTICLE: _article, Kind.SOURCE: _source,
             Kind.AUTHOR: _author}


# -- small pieces ----------------------------------------------------------------------------------

def _thing(record: Record, site_url: str) -> dict[str, Any]:
    """@type, name, aliases, summary and address of a record as the page's main entity."""
    entity: dict[str, Any] = {"@type": TYPES[record.kind], "name": _text(record.title)}
    _put(entity, "alternateName", [_text(a) for a in record.data.get("aliases", [])])
    _put(entity, "description", _text(record.data.get("summary", "")))
    entity["url"] = record_url(site_url, record)
    return entity


def _agent(author: Record, site_url: str) -> dict[str, Any]:
    """The author as schema.org Organization, linked to their page (and their own profile, if any)."""
    agent: dict[str, Any] = {"@type": TYPES[Kind.AUTHOR], "name": _text(author.title), "url": record_url(site_url, author)}
    if isinstance(author.data.get("url"), str):
        agent["sameAs"] = author.data["url"]
    return agent


def _citation(source: Record, site_url: str) -> dict[str, Any]:
    """A source as CreativeWork: its DOI address first, then PubMed, PubMed Central and its own address."""
    d = source.data
    item: dict[str, Any] = {"@type": "CreativeWork", "name": _text(source.title)}
    if d.get("year") is not None:
        item["datePublished"] = str(d["year"])
    links = []
    if d.get("doi"):
        links.append("https://doi.org/" + str(d["doi"]))
    if d.get("pmid"):
        links.append(f"https://pubmed.ncbi.nlm.nih.gov/{d['pmid']}/")
    if d.get("pmcid"):
        links.append(f"https://pmc.ncbi.nlm.nih.gov/articles/{d['pmcid']}/")
    if isinstance(d.get("url"), str) and d["url"].startswith("https://"):
        links.append(d["url"])
    item["url"] = links[0] if links else record_url(site_url, source)
    _put(item, "sameAs", links[1:])
    ids = [{"@type": "PropertyValue", "propertyID": name, "value": str(d[key])}
           for key, name in (("doi", "DOI"), ("pmid", "PMID"), ("pmcid", "PMCID")) if d.get(key)]
    _put(item, "identifier", ids)
    return item


def _refs(records: list[Record], site_url: str) -> list[dict[str, Any]]:
    """Other records, by type, name and address."""
    return [{"@type": TYPES[r.kind], "name": _text(r.title), "url": record_url(site_url, r)} for r in records]


def _records(graph: Graph, ids: object, kind: Kind | None = None) -> list[Record]:
    """The records named by `ids` that exist (and are of `kind`), in the record's order, no repeats."""
    found: dict[str, Record] = {}
    for i in ids if isinstance(ids, list) else []:
        record = graph.get(str(i))
        if record is not None and (kind is None or record.kind is kind):
            found.setdefault(record.id, record)
    return list(found.values())


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set `key` only when there is something to say (no empty strings or lists)."""
    if value not in ("", [], None):
        target[key] = value


def _text(value: object) -> str:
    """Plain text on one line, as written (whitespace runs become one space)."""
    return " ".join(str(value).split())


def _sentence(value: object) -> str:
    text = _text(value)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _label(value: object) -> str:
    """Vocabulary id -> label: 'lying-on-back' -> 'Lying on back' (as on the page)."""
    text = str(value).replace("-", " ")
    return text[:1].upper() + text[1:]
