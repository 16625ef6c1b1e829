"""A synthetic catalogue for `myoatlas bench`, shaped like the real content/.

The real records are the templates: N records are made in the proportions of the kinds found in
content/ at run time (counted, not assumed), by copying real records and giving each copy its own id
and name ("Psoas major v3", id `psoas-major-v3`). Every reference, typed (`stretches: [...]`, a
figure's highlighted muscles) or in text (`[[id]]`), is moved to the same copy of its target, so each copy links like the real site and
pages keep their real sizes. When N is not a whole number of copies, a reference to a record that
was not made points to one that was, of the same kind.
"""
from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .markup import RECORD_LINK
from .model import Kind, Paths

PROJECT_PARTS = ("templates", "site_src")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TEXT_KEYS = {"id", "name", "title", "aliases", "summary"}  # never ids of other records  # copied as they are; content/ is generated


@dataclass(frozen=True)
class Template:
    kind: str
    id: str
    data: dict[str, Any]


def real_records(paths: Paths) -> dict[str, list[Template]]:
    """The real records by kind (folder), sorted by id."""
    found: dict[str, list[Template]] = {}
    for kind in Kind:
        for file in sorted((paths.content / kind.value).glob("*.yml")):
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=_LOADER)
            if isinstance(data, dict) and data.get("id"):
                found.setdefault(kind.value, []).append(Template(kind.value, str(data["id"]), data))
    return found


def kind_counts(real: dict[str, list[Template]], n: int) -> dict[str, int]:
    """How many records of each kind make `n` in the real proportions (at least one of each kind)."""
    total = sum(len(v) for v in real.values())
    counts = {k: max(1, round(n * len(v) / total)) for k, v in real.items()}
    largest = max(counts, key=lambda k: (counts[k], k))
    counts[largest] = max(1, counts[largest] + n - sum(counts.values()))
    return counts


def synthetic_id(template_id: str, copy: int) -> str:
    return template_id if copy == 0 else f"{template_id}-v{copy + 1}"


def synthetic_name(name: str, copy: int) -> str:
    return name if copy == 0 else f"{name} v{copy + 1}"


class Catalogue:
    """The mapping from (kind, index) to synthetic records, and the rewriting of references."""

    def __init__(self, real: dict[str, list[Template]], n: int):
        self.real = real
        self.counts = kind_counts(real, n)
        self.where = {t.id: (kind, j) for kind, ts in real.items() for j, t in enumerate(ts)}

    def record_id(self, kind: str, index: int) -> str:
        templates = self.real[kind]
        return synthetic_id(templates[index % len(templates)].id, index // len(templates))

    def target(self, template_id: str, copy: int) -> str:
        """The id a copy-`copy` record uses for the real record `template_id`."""
        if template_id not in self.where:
            return template_id
        kind, j = self.where[template_id]
        index = copy * len(self.real[kind]) + j
        if index >= self.counts[kind]:
            index = j % self.counts[kind]
        return self.record_id(kind, index)

    def copy_data(self, template: Template, copy: int) -> dict[str, Any]:
        data = _relink_text(template.data, lambda m: self._text_link(m, copy))
        own = synthetic_id(template.id, copy)
        data["id"] = own
        for key, value in list(data.items()):
            if key not in TEXT_KEYS:
                self._relink_ids(data, key, value, copy, own)
        for key in ("name", "title"):
            if isinstance(data.get(key), str) and template.kind != "source":
                data[key] = synthetic_name(data[key], copy)
        if copy and isinstance(data.get("aliases"), list):
            data["aliases"] = [synthetic_name(a, copy) if isinstance(a, str) else a for a in data["aliases"]]
        return data

    def _relink_ids(self, parent: Any, key: Any, value: Any, copy: int, own: str) -> None:
        """Ids named outside the schema's x-ref fields too (e.g. the muscles a figure highlights):
        any string that is exactly a record's id points to the same copy; lists lose repeats and self-links."""
        if isinstance(value, str):
            if value in self.where:
                parent[key] = self.target(value, copy)
        elif isinstance(value, dict):
            for k, v in list(value.items()):
                self._relink_ids(value, k, v, copy, own)
        elif isinstance(value, list):
            if value and all(isinstance(v, str) for v in value) and any(v in self.where for v in value):
                kept: list[str] = []
                for v in value:
                    new = self.target(v, copy)
                    if new not in kept and new != own:
                        kept.append(new)
                if kept:
                    parent[key] = kept
                elif isinstance(parent, dict):
                    del parent[key]
            else:
                for i, v in enumerate(value):
                    self._relink_ids(value, i, v, copy, own)

    def _text_link(self, match: Any, copy: int) -> str:
        target, label = match.group(1), match.group(2)
        new = self.target(target, copy)
        return f"[[{new}|{label}]]" if label else f"[[{new}]]"


def _relink_text(value: Any, sub: Any) -> Any:
    """A deep copy of `value` with every [[id]] link in every string rewritten by `sub`."""
    if isinstance(value, str):
        return RECORD_LINK.sub(sub, value) if "[[" in value else value
    if isinstance(value, dict):
        return {k: _relink_text(v, sub) for k, v in value.items()}
    if isinstance(value, list):
        return [_relink_text(v, sub) for v in value]
    return value


def write_catalogue(source: Paths, root: Path, n: int) -> tuple[Paths, dict[str, int]]:
    """A project in `root` with `n` synthetic records made from `source`'s content, and its
    templates, hand-written pages and schemas. Returns its paths and the count of each kind."""
    real = real_records(source)
    catalogue = Catalogue(real, n)
    shutil.copytree(source.schemas, root / "content" / "schemas")
    for part in PROJECT_PARTS:
        shutil.copytree(source.root / part, root / part)
    dumped: Counter[str] = Counter()
    for kind, count in sorted(catalogue.counts.items()):
        folder = root / "content" / kind
        folder.mkdir(parents=True, exist_ok=True)
        templates = real[kind]
        for index in range(count):
            template, copy = templates[index % len(templates)], index // len(templates)
            data = catalogue.copy_data(template, copy)
            text = f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n" + yaml.dump(
                data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=110)
            (folder / f"{data['id']}.yml").write_text(text, encoding="utf-8")
            dumped[kind] += 1
    return Paths(root), dict(dumped)

