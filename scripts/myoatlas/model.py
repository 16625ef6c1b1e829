"""Records and the project paths they come from."""
from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Span

# A path into a record's data, e.g. ("dose", "hold_seconds") or ("steps", 2).
DataPath = tuple[str | int, ...]


class Kind(enum.Enum):
    """The kinds of record; each lives in `content/<kind>/` and has `content/schemas/<kind>.schema.json`."""

    MUSCLE = "muscle"
    """A muscle or named muscle complex."""
    GROUP = "group"
    """A functional group of muscles (hip flexors, glutes ...)."""
    EXERCISE = "exercise"
    """A stretch, strengthening, mobility or self-massage exercise."""
    CONDITION = "condition"
    """A condition, posture problem or symptom."""
    TEST = "test"
    """A self-test or clinical test."""
    ARTICLE = "article"
    """A long-form article made of Markdown sections."""
    ROUTINE = "routine"
    """An ordered list of exercises."""
    AUTHOR = "author"
    """A person or team responsible for pages."""
    SOURCE = "source"
    """A citation."""

    @property
    def plural(self) -> str:
        """Folder name of this kind's pages on the site."""
        return self.value + "s"


@dataclass(frozen=True)
class TextOrigin:
    """Where a string value starts in its file, so positions inside it can be reported."""

    line: int
    col: int
    block: bool  # a `|` or `>` block scalar: the text starts on the next line at `col`
    quoted: bool = False


@dataclass(frozen=True)
class Record:
    """One YAML record with the source position of every value."""

    kind: Kind
    id: str
    path: str  # relative to the project root, with forward slashes
    data: dict[str, Any]
    spans: dict[DataPath, Span] = field(repr=False, default_factory=dict)
    key_spans: dict[DataPath, Span] = field(repr=False, default_factory=dict)
    raw: dict[DataPath, str] = field(repr=False, default_factory=dict)  # scalar text as written
    texts: dict[DataPath, TextOrigin] = field(repr=False, default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.data.get("name") or self.data.get("title") or self.id)

    def span(self, path: DataPath = ()) -> Span:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        while path not in self.spans and path:
            path = path[:-1]
        return self.spans.get(path, Span(self.path))

    def key_span(self, path: DataPath) -> Span:
        """Position of the key that introduces `path` (falls back to the value)."""
        return self.key_spans.get(path) or self.span(path)

    def text_span(self, path: DataPath, offset: int) -> Span:
        """Position of character `offset` inside the string at `path`."""
        origin = self.texts.get(path)
        value = self._get(path)
        if origin is None or not isinstance(value, str):
            return self.span(path)
        before = value[:offset]
        lines = before.count("\n")
        col_in_line = offset - (before.rfind("\n") + 1)
        if origin.block:
            return Span(self.path, origin.line + 1 + lines, origin.col + col_in_line)
        if lines:
            return Span(self.path, origin.line + lines, col_in_line + 1)
        return Span(self.path, origin.line, origin.col + int(origin.quoted) + col_in_line)

    def _get(self, path: DataPath) -> Any:
        value: Any = self.data
        for part in path:
            value = value[part]
        return value


@dataclass(frozen=True)
class Paths:
    """Where the project's inputs live; passed in so tests can point at a tiny site."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def schemas(self) -> Path:
        return self.root / "content" / "schemas"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def rel(self, path: Path) -> str:
        """`path` relative to the root, for messages and edit links. Symbolic links are not followed:
        a link is named where it lies in the project, not by where it points."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return path.as_posix()
