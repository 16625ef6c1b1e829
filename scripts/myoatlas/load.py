"""Load: read YAML records strictly, keeping the line and column of every value.

PyYAML's `safe_load` keeps the last of two duplicate keys, expands aliases without
limit and can be crashed by deep nesting. This loader composes the node tree with
the C loader and builds plain values itself, refusing anything surprising.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .diagnostics import Diagnostic, Span, error
from .model import DataPath, Kind, Paths, Record, TextOrigin

if TYPE_CHECKING:
    from .incremental import RecordCache

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


@dataclass
class Parsed:
    """The plain data of one YAML document and where each value sits."""

    data: Any = None
    spans: dict[DataPath, Span] = field(default_factory=dict)
    key_spans: dict[DataPath, Span] = field(default_factory=dict)
    raw: dict[DataPath, str] = field(default_factory=dict)
    texts: dict[DataPath, TextOrigin] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_records(paths: Paths, files: list[Path] | None = None,
                 cache: RecordCache | None = None) -> tuple[list[Record], list[Diagnostic]]:
    """Load every `content/<kind>/<id>.yml` (or just `files`), sorted by path.
    With `cache`, a file unchanged since the last call gives the same Record object without being read."""
    diagnostics: list[Diagnostic] = []
    records: list[Record] = []
    if files is None:
        # Linked folders are listed too (rglob does not enter them), so they are refused, not skipped.
        files = [p for p in paths.content.rglob("*")
                 if (p.is_file() and p.suffix in (".yml", ".yaml")) or (p.is_dir() and p.is_symlink())]
    for file in sorted(files):
        entry = cache.lookup(file) if cache is not None else None
        if entry is not None:
            record, problems = entry.record, entry.load_problems
        else:
            record, problems = load_record(paths, file)
            if cache is not None:
                cache.store(file, record, problems)
        diagnostics.extend(problems)
        if record is not None:
            records.append(record)
    if cache is not None:
        cache.keep_only(set(files))
    return records, diagnostics


def _is_linked(paths: Paths, file: Path) -> bool:
    """The file, or a folder between content/ and it, is a symbolic link."""
    if file.is_symlink():
        return True
    content = Path(os.path.abspath(paths.content))
    folder = Path(os.path.abspath(file)).parent
    while folder != content and content in folder.parents:
        if folder.is_symlink():
            return True
        folder = folder.parent
    return False


def load_record(paths: Paths, file: Path) -> tuple[Record | None, list[Diagnostic]]:
    """Load one record file; None (with diagnostics) when it cannot be read as a mapping."""
    rel = paths.rel(file)
    where = Span(rel)
    kinds = {k.value: k for k in Kind}
    parts = Path(rel).parts
    folder = parts[-2] if len(parts) >= 2 else ""
    if _is_linked(paths, file):
        return None, [error(where, f"record files cannot be symbolic links: {rel!r}",
                            "copy the record into content/<kind>/ instead of linking to it")]
    if file.suffix != ".yml":
        return None, [error(where, f"record files must end in '.yml', got {file.name!r}", f"rename it to {file.stem + '.yml'!r}")]
    if Path(rel).is_absolute() or rel.startswith("../"):
        return None, [error(where, f"record file is outside the project: {rel!r}",
                            "records live in content/<kind>/<id>.yml inside the project")]
    if folder not in kinds or len(parts) != 3 or parts[0] != "content":
        return None, [error(where, f"record file is not in a kind folder: {rel!r}",
                            "records live in content/<kind>/<id>.yml, kind one of: " + ", ".join(sorted(kinds)))]
    try:
        blob = file.read_bytes()
    except OSError as exc:
        return None, [error(where, f"cannot read file: {exc.strerror}")]
    parsed = parse_yaml(blob, rel)
    if parsed.diagnostics:
        return None, parsed.diagnostics
    if not isinstance(parsed.data, dict):
        found = "an empty file" if parsed.data is None else f"a {_type_name(parsed.data)}"
        return None, [error(parsed.spans.get((), where), f"a record must be a mapping of fields, got {found}",
                            "start with 'id: " + file.stem + "' and one 'field: value' per line")]
    record_id = parsed.data.get("id")
    return Record(kind=kinds[folder], id=record_id if isinstance(record_id, str) else file.stem, path=rel,
                  data=parsed.data, spans=parsed.spans, key_spans=parsed.key_spans, raw=parsed.raw,
                  texts=parsed.texts), []


def parse_yaml(blob: bytes, rel: str) -> Parsed:
    """Parse one YAML document into plain values; refusals become diagnostics, never exceptions."""
    out = Parsed()
    if len(blob) > MAX_BYTES:
        out.diagnostics.append(error(Span(rel), f"file is too large: {len(blob)} bytes, the limit is {MAX_BYTES}",
                                     "split the record, or move long text into an article"))
        return out
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        out.diagnostics.append(error(Span(rel, line, 1), "file is not valid UTF-8", "save the file as UTF-8"))
        return out
    deep = _too_deep(text)
    if deep:
        out.diagnostics.append(error(Span(rel, *deep), f"nesting is deeper than {MAX_DEPTH} levels",
                                     "records are flat: a few levels of lists and mappings at most"))
        return out
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        out.diagnostics.append(error(Span(rel, line, col), f"invalid YAML: {problem}", _syntax_hint(problem)))
        return out
    except yaml.YAMLError as exc:  # e.g. more than one document
        out.diagnostics.append(error(Span(rel), f"invalid YAML: {str(exc).splitlines()[0]}"))
        return out
    if node is None:
        return out
    out.data = _Builder(rel, text, out).build(node, (), set(), 0)
    if out.diagnostics:
        out.data = None
    return out


def _too_deep(text: str) -> tuple[int, int] | None:
    """Position where flow brackets nest deeper than MAX_DEPTH (checked before parsing: deep
    nesting crashes the C parser). Quotes and comments are skipped roughly; that is enough."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None  # too few brackets to nest that deep: skip the character-by-character walk
    depth = 0
    line, col = 1, 0
    quote = ""
    comment = False
    for ch in text:
        col += 1
        if ch == "\n":
            line, col, comment = line + 1, 0, False
            continue
        if comment:
            continue
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'" and depth:
            quote = ch
        elif ch == "#":
            comment = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, col
        elif ch in "]}" and depth:
            depth -= 1
    return None


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. note: \"ratio: 2 to 1\""
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs 'key: value'; check the indentation of this line and the one above"
    return "check indentation and quoting around this position"


class _Builder:
    """Turns composed YAML nodes into plain Python values, recording positions and refusals."""

    def __init__(self, rel: str, text: str, out: Parsed) -> None:
        self.rel = rel
        self.lines = text.splitlines()
        self.out = out
        self.alias_reported = False

    def span(self, node: yaml.Node) -> Span:
        return Span(self.rel, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.out.diagnostics.append(error(self.span(node), message, hint))

    def build(self, node: yaml.Node, path: DataPath, seen: set[int], depth: int) -> Any:
        if id(node) in seen:
            if self.alias_reported:
                return None
            self.alias_reported = True
            self.out.diagnostics.append(error(self._alias_span(), "YAML aliases (*name) are not allowed",
                                              "write the value out in full"))
            return None
        seen.add(id(node))
        self.out.spans[path] = self.span(node)
        if node.tag not in _PLAIN_TAGS:
            self.fail(node, f"YAML tag {node.tag.replace(_TAG, '!!')!r} is not allowed",
                      "use plain strings, numbers, true/false, lists and mappings")
            return None
        if depth > MAX_DEPTH:
            self.fail(node, f"nesting is deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, seen, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), seen, depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _alias_span(self) -> Span:
        """Position of the first alias (the composed tree only knows the anchor's position)."""
        for event in yaml.parse("\n".join(self.lines), Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return Span(self.rel, event.start_mark.line + 1, event.start_mark.column + 1)
        return Span(self.rel)

    def _mapping(self, node: yaml.MappingNode, path: DataPath, seen: set[int], depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "null":
                self.fail(key_node, "mapping keys must be plain words")
                continue
            key = key_node.value
            if key in result:
                first = self.out.key_spans[path + (key,)]
                self.fail(key_node, f"duplicate key {key!r} (first defined at line {first.line})",
                          "YAML would silently keep only the last one; remove or merge one of them")
                continue
            self.out.key_spans[path + (key,)] = self.span(key_node)
            result[key] = self.build(value_node, path + (key,), seen, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        value, tag = node.value, node.tag[len(_TAG):]
        self.out.raw[path] = value if node.style is None else node.style + value + node.style
        if tag == "null":
            return None
        if tag == "bool":
            return value.lower() in ("true", "yes", "on", "y")
        if tag == "int" and ":" not in value:
            return _int(value)
        if tag == "float" and ":" not in value:
            return _float(value)
        # str, timestamp (kept as text; validated by format) and sexagesimal numbers like 1:30
        mark = node.start_mark
        block = node.style in ("|", ">")
        col = mark.column + 1
        if block:
            col = self._block_indent(mark.line + 1) + 1
        self.out.texts[path] = TextOrigin(mark.line + 1, col, block, quoted=node.style in ('"', "'"))
        return value

    def _block_indent(self, first_line: int) -> int:
        for line in self.lines[first_line:]:
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        return 0


def _int(text: str) -> int:
    text = text.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if len(text) > 1 and text.startswith("0"):
        return sign * int(text.lstrip("0o") or "0", 8)
    return sign * int(text)


def _float(text: str) -> float:
    text = text.replace("_", "").lower()
    if re.fullmatch(r"[-+]?\.inf", text):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _type_name(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), type(value).__name__)
