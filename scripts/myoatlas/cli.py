"""The `myoatlas` command: turns core results into stderr lines and exit codes."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import build_site, check_content
from .diagnostics import Severity
from .model import Paths


def find_root(start: Path) -> Path:
    """The project root: the nearest folder above `start` holding mkdocs.yml and content/."""
    for folder in (start, *start.parents):
        if (folder / "content").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    return start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="myoatlas", description="MyoAtlas content tools")
    parser.add_argument("--root", type=Path, default=None, help="project root (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate records; one 'path:line:col: error: message' line per problem")
    p_check.add_argument("paths", nargs="*", type=Path, help="files or folders to report on (default: all of content/)")
    p_check.add_argument("--strict", action="store_true", help="fail on warnings too")
    p_export = sub.add_parser("export-md", help="write the generated Markdown pages into DIR")
    p_export.add_argument("dir", type=Path)
    p_new = sub.add_parser("new", help="create a record from its archetype and print its path")
    p_new.add_argument("kind")
    p_new.add_argument("name")
    p_new.add_argument("--force", action="store_true", help="overwrite an existing file")
    p_bench = sub.add_parser("bench", help="time MyoAtlas against plain MkDocs on a synthetic catalogue shaped like content/")
    from .bench import add_arguments

    add_arguments(p_bench)
    p_figure = sub.add_parser("figure", help="write one record's figure (exercise/test pose, or a muscle's body diagram) as SVG")
    p_figure.add_argument("id", help="record id, e.g. kneeling-lunge")
    p_figure.add_argument("-o", "--output", type=Path, default=None, help="SVG file to write (default: standard output)")
    args = parser.parse_args(argv)
    root = (args.root or find_root(Path.cwd())).resolve()
    paths = Paths(root)
    if not paths.schemas.is_dir():
        print(f"error: no MyoAtlas project here: {root} has no content/schemas/\n"
              "  hint: run inside the project folder, or pass --root", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(paths, args.paths, args.strict)
    if args.command == "export-md":
        return _export(paths, args.dir)
    if args.command == "figure":
        from .figures.cli import write_figure

        return write_figure(paths, args.id, args.output)
    if args.command == "new":
        from .scaffold import new_record

        return new_record(paths, args.kind, args.name, args.force)
    from .bench import run_bench

    return run_bench(args, paths)


def _check(paths: Paths, files: list[Path], strict: bool) -> int:
    selected = [Path(os.path.abspath(f)) for f in files] or None  # links are named, not followed
    _graph, diagnostics = check_content(paths, selected)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in diagnostics:
        print(d, file=sys.stderr)
        if annotate:
            print(d.github_annotation())
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if errors or (strict and warnings):
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print("content OK" + (f" ({warnings} warning(s))" if warnings else ""), file=sys.stderr)
    return 0


def _export(paths: Paths, out: Path) -> int:
    result = build_site(paths)
    for d in result.diagnostics:
        print(d, file=sys.stderr)
    if not result.ok:
        return 1
    out = out.resolve()
    if out == paths.content.resolve() or paths.content.resolve() in out.parents:
        print(f"error: refusing to write into content/: {out}", file=sys.stderr)
        return 2
    for page in result.pages:
        target = (out / page.path).resolve()
        if out not in target.parents:
            print(f"error: page path escapes the output folder: {page.path}", file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != page.markdown:
            target.write_text(page.markdown, encoding="utf-8")
    print(f"wrote {len(result.pages)} pages to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
