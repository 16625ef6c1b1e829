"""Validate: check each record against the JSON Schema of its kind.

The schemas in `content/schemas/` are the single description of every field: the
editor uses them for completion, this module for errors, `graph.py` for the
references (fields marked `"x-ref": "<kind>"`), and the contributing guide lists
their descriptions.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

import jsonschema
from referencing import Registry, Resource

from .diagnostics import Diagnostic, Span, error
from .model import DataPath, Kind, Paths, Record

_Validator = jsonschema.Draft202012Validator


@dataclass(frozen=True)
class Schemas:
    """The schema of each kind, plus the shared vocabularies, ready to validate with."""

    by_kind: dict[Kind, dict[str, Any]]
    vocab: dict[str, Any]
    validators: dict[Kind, Any]

    def resolved(self, field: dict[str, Any]) -> dict[str, Any]:
        """A field with its `$ref` to a vocabulary definition merged in (fields without one unchanged)."""
        if not str(field.get("$ref", "")).startswith("vocab.schema.json"):
            return field
        return {**self.vocab["$defs"][field["$ref"].rsplit("/", 1)[-1]], **field}

    def vocabulary(self, name: str) -> list[str]:
        """Allowed values of a closed list, e.g. vocabulary('position')."""
        return list(self.vocab["$defs"][name]["enum"])


def schema_problems(paths: Paths) -> list[Diagnostic]:
    """The schema files themselves must be valid JSON and valid JSON Schema (checked before any record)."""
    found = []
    files = {f.name: f for f in sorted(paths.schemas.glob("*.schema.json"))}
    for name in [f"{k.value}.schema.json" for k in Kind] + ["vocab.schema.json"]:
        if name not in files:
            found.append(error(Span(paths.rel(paths.schemas / name)), f"schema file {name!r} is missing",
                               "every kind needs content/schemas/<kind>.schema.json"))
    for name, file in files.items():
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
            found.append(error(Span(paths.rel(file), line, col), f"invalid JSON: {getattr(exc, 'msg', exc)}"))
            continue
        for problem in _Validator(_Validator.META_SCHEMA).iter_errors(doc):
            where = field_path(tuple(problem.absolute_path))
            found.append(error(Span(paths.rel(file)), f"invalid schema at {where}: {problem.message}",
                               "see https://json-schema.org/draft/2020-12"))
    return found


def load_schemas(paths: Paths) -> Schemas:
    """Read `content/schemas/*.schema.json` (one per kind, plus vocab.schema.json)."""
    docs: dict[str, dict[str, Any]] = {}
    for file in sorted(paths.schemas.glob("*.schema.json")):
        docs[file.name] = json.loads(file.read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(doc)) for name, doc in docs.items()
    )
    by_kind = {kind: docs[f"{kind.value}.schema.json"] for kind in Kind}
    validators = {
        kind: _Validator(schema, registry=registry, format_checker=_Validator.FORMAT_CHECKER)
        for kind, schema in by_kind.items()
    }
    return Schemas(by_kind, docs["vocab.schema.json"], validators)


def validate_record(record: Record, schemas: Schemas) -> list[Diagnostic]:
    """All schema problems of one record, each at the position of the offending key or value."""
    schema_file = f"content/schemas/{record.kind.value}.schema.json"
    found: list[Diagnostic] = []
    for err in schemas.validators[record.kind].iter_errors(record.data):
        found.extend(_explain(err, record, schema_file, schemas))
    return sorted(set(found))


def field_path(path: DataPath) -> str:
    """('steps', 2, 'dose') -> 'steps[2].dose'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the record"


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _explain(err: jsonschema.ValidationError, record: Record, schema_file: str, schemas: Schemas) -> Iterator[Diagnostic]:
    path: DataPath = tuple(err.absolute_path)
    name = field_path(path)
    kind = err.validator
    value = err.instance
    if kind == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            where = field_path(path) if path else record.kind.value
            hint = did_you_mean(key, allowed) or f"allowed fields: {', '.join(allowed)}"
            yield error(record.key_span(path + (key,)), f"unknown field {key!r} in {where}", hint)
    elif kind == "required":
        missing = err.message.split("'")[1] if "'" in err.message else str(err.validator_value)
        desc = err.schema.get("properties", {}).get(missing, {}).get("description", "")
        hint = f"add '{missing}:'" + (f" ({desc[:1].lower() + desc[1:].rstrip('.')})" if desc else "") + f"; see {schema_file}"
        span = record.span(path) if path else Span(record.path, 1, 1)
        where = f" in {name}" if path else ""
        yield error(span, f"missing required field {missing!r}{where}", hint)
    elif kind == "type":
        yield _type_error(err, record, path, name)
    elif kind == "enum":
        choices = [str(c) for c in err.validator_value]
        hint = did_you_mean(str(value), choices) or "see the list in content/schemas/vocab.schema.json"
        yield error(record.span(path), f"invalid value for {name}: expected one of: {', '.join(map(repr, choices))}, got {value!r}", hint)
    elif kind == "pattern" and path and path[-1] == "id":
        yield error(record.span(path), f"invalid id {value!r}: ids are lowercase words joined by hyphens",
                    f"use {_slug(str(value))!r} (and name the file the same)")
    elif kind == "pattern" and path and path[-1] in ("url",):
        yield error(record.span(path), f"invalid url for {name}: only https:// links are allowed, got {value!r}")
    elif kind == "pattern":
        desc = err.schema.get("description", "")
        yield error(record.span(path), f"invalid value for {name}: {value!r} does not match the expected form",
                    desc or f"it must match {err.validator_value}")
    elif kind == "format":
        yield error(record.span(path), f"invalid {err.validator_value} for {name}: got {value!r}", "write dates as YYYY-MM-DD, e.g. 2026-11-25")
    elif kind == "anyOf" and record.kind is Kind.SOURCE and not path:
        yield error(Span(record.path, 1, 1), "a source needs at least one of 'doi', 'pmid' or 'url'",
                    "give the DOI (10.xxxx/...) or PubMed id of every study; an https url for other works")
    elif kind in ("minLength", "minItems"):
        yield error(record.span(path), f"{name} is empty", "fill it in, or remove the field if it is optional")
    elif kind in ("maxLength", "maxItems"):
        yield error(record.span(path), f"{name} is too long: the limit is {err.validator_value}")
    elif kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        yield error(record.span(path), f"{name} must be {bound} {err.validator_value}, got {value!r}")
    elif kind == "uniqueItems":
        yield error(record.span(path), f"{name} lists the same item twice", "remove the repeated item")
    else:
        yield error(record.span(path), f"{name}: {err.message}")


def _type_error(err: jsonschema.ValidationError, record: Record, path: DataPath, name: str) -> Diagnostic:
    expected = err.validator_value if isinstance(err.validator_value, str) else " or ".join(err.validator_value)
    value = err.instance
    raw = record.raw.get(path, "")
    found = _describe(value)
    hint = ""
    if isinstance(value, bool) and raw.lower() in ("yes", "no", "on", "off", "y", "n") and expected == "string":
        found += f" (YAML reads an unquoted {raw} as {str(value).lower()})"
        hint = f'quote it: {path[-1] if path else "value"}: "{raw}"'
    elif isinstance(value, str) and ":" in value and expected in ("integer", "number"):
        found += " (YAML reads this as a time, not a number)"
        hint = f"write a plain number, e.g. {_sexagesimal(value)} for {value}" if _sexagesimal(value) else "write a plain number"
    elif expected == "array" and not isinstance(value, list):
        hint = f"write a list: {path[-1] if path else 'field'}: [{raw or '...'}]"
    elif expected == "string" and isinstance(value, (int, float)):
        hint = f'quote it: {path[-1] if path else "value"}: "{raw}"'
    return error(record.span(path), f"wrong type for {name}: expected {expected}, got {found}", hint)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _sexagesimal(text: str) -> int | None:
    try:
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return total
    except ValueError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "record"


def reference_fields(schema: dict[str, Any], data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str, Any]]:
    """Yield (path, target kind, value) for every value in `data` that the schema marks with x-ref."""
    if "x-ref" in schema:
        yield path, schema["x-ref"], data
        return
    if isinstance(data, dict):
        for key, sub in schema.get("properties", {}).items():
            if key in data:
                yield from reference_fields(sub, data[key], path + (key,))
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(data):
            yield from reference_fields(schema["items"], item, path + (i,))
