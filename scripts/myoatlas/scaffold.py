"""`myoatlas new KIND "Name"`: a new record from its archetype, with the schema line, every field listed."""
from __future__ import annotations

import re
import sys
from typing import Any

import jinja2

from .clock import today
from .load import load_records
from .model import Kind, Paths
from .schema import load_schemas


def slugify(name: str) -> str:
    """'Doorway pec stretch' -> 'doorway-pec-stretch'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _placeholder(key: str, field: dict[str, Any]) -> str:
    """What an archetype writes for a field: today for `reviewed`, the choices for a closed list, else empty."""
    if field.get("format") == "date":
        return today().isoformat() if key == "reviewed" else '""'
    if field.get("enum"):
        return '""  # one of: ' + ", ".join(field["enum"])
    kind = field.get("type")
    if kind == "array":
        return "[]"
    if kind == "object":
        subkeys = ", ".join(f"{k}: " for k in field.get("properties", {}))
        return "{}  # " + subkeys if subkeys else "{}"
    if kind in ("integer", "number"):
        return '""  # a number'
    return '""'


def render_archetype(paths: Paths, kind: Kind, name: str) -> str:
    schemas = load_schemas(paths)
    schema = schemas.by_kind[kind]
    title_field = "title" if "title" in schema["properties"] and "name" not in schema["properties"] else "name"
    skip = {"id", title_field}
    required = [k for k in schema.get("required", []) if k not in skip]
    fields = {}
    for key, field in schema["properties"].items():
        field = schemas.resolved(field)
        fields[key] = dict(field, placeholder=_placeholder(key, field))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.templates / "archetypes")),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    template = env.select_template([f"{kind.value}.yml.j2", "default.yml.j2"])
    return template.render(kind=kind.value, id=slugify(name), title_field=title_field, name=name,
                           required=[(k, fields[k]) for k in required],
                           optional=[(k, f) for k, f in fields.items() if k not in required and k not in skip])


def new_record(paths: Paths, kind_name: str, name: str, force: bool = False) -> int:
    kinds = {k.value: k for k in Kind}
    if kind_name not in kinds:
        print(f"error: unknown kind {kind_name!r}\n  hint: one of: {', '.join(sorted(kinds))}", file=sys.stderr)
        return 2
    record_id = slugify(name)
    if not record_id:
        print(f"error: cannot make an id from {name!r}\n  hint: use letters or digits", file=sys.stderr)
        return 2
    target = paths.content / kind_name / f"{record_id}.yml"
    records, _ = load_records(paths)
    clash = next((r for r in records if r.id.lower() == record_id and r.path != paths.rel(target)), None)
    if clash or (target.exists() and not force):
        where = clash.path if clash else paths.rel(target)
        print(f"error: id {record_id!r} already exists: {where}\n  hint: edit that file, or choose another name"
              + ("" if clash else " (or pass --force to overwrite)"), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_archetype(paths, kinds[kind_name], name), encoding="utf-8")
    print(paths.rel(target))
    return 0
