"""Diagnostics: what went wrong, where, and how to fix it."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a diagnostic is."""

    ERROR = "error"
    """The content is wrong; nothing is built from it."""
    WARNING = "warning"
    """Suspicious but buildable; fails only under --strict."""


@dataclass(frozen=True, order=True)
class Span:
    """A position in a source file: 1-based line and column, path relative to the project root."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, printed as `path:line:col: severity: message` and an optional hint line."""

    span: Span
    severity: Severity
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.span}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __lt__(self, other: "Diagnostic") -> bool:
        """Sorted by file, line, column, then message."""
        return (self.span, self.severity.value, self.message) < (other.span, other.severity.value, other.message)

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown inline on pull requests."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        body = self.message + (f" (hint: {self.hint})" if self.hint else "")
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.span.file},line={self.span.line},col={self.span.col}::{body}"


def error(span: Span, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(span, Severity.ERROR, message, hint)


def warning(span: Span, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(span, Severity.WARNING, message, hint)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
