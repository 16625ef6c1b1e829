"""MkDocs adapter: hands the core's pages to MkDocs as virtual files.

Thin on purpose: it runs the core afresh on every build (so `mkdocs serve`
picks up YAML and template edits; `watch:` in mkdocs.yml triggers the rebuild),
adds each page with File.generated, keeps record pages out of the sidebar, and
points every page's edit link at the file a contributor should edit.
Never write into docs_dir from here: under `mkdocs serve` that rebuilds forever.

Broken content fails `mkdocs build`. Under `mkdocs serve` a failed build would leave the
browser waiting (MkDocs holds requests until a build succeeds), so instead every page shows
the errors, and the next good build reloads the browser by itself.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from myoatlas.boundary import front_matter, script_json
from myoatlas.build import build_site
from myoatlas.diagnostics import Diagnostic, Severity
from myoatlas.markup import escape_plain
from myoatlas.model import Paths
from myoatlas.search_data import vocabulary
from myoatlas.search_index import index_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.myoatlas")
ERROR_TITLE = "The site could not be built"


@dataclass
class _Session:
    """What one `mkdocs build` or `mkdocs serve` run remembers between its builds."""

    command: str = "build"
    pages: set[str] = field(default_factory=set)  # generated pages of the last good build
    errors: str = ""  # the error page's Markdown body while content is broken (serve only)
    vocabulary: dict[str, Any] = field(default_factory=dict)  # names and aliases for "Did you mean?"
    snippets: dict[str, str] = field(default_factory=dict)  # marker -> HTML for hand-written pages
    heads: dict[str, str] = field(default_factory=dict)  # page path -> HTML for its <head> (JSON-LD)


_session = _Session()  # MkDocs loads a hook once per run; its events share this


def on_startup(*, command: str, dirty: bool) -> None:
    _session.command = command


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    path = urlsplit(config.site_url or "").path or "/"
    log.info(f"MyoAtlas preview: http://{config.dev_addr.host}:{config.dev_addr.port}{path}")
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).resolve().parent
    paths = Paths(root)
    result = build_site(paths)
    serving = _session.command == "serve"
    for d in result.diagnostics:
        # Under `serve --strict` an ERROR log line would abort the build and leave the browser waiting;
        # the errors are shown on every page instead (and still printed here).
        loud = d.severity is Severity.ERROR and not serving
        (log.error if loud else log.info)(str(d).replace("\n", " "))
    docs_dir = paths.rel(Path(config.docs_dir))
    for file in files:
        file.edit_uri = f"{docs_dir}/{file.src_uri}"
    hubs = set(_nav_paths(config.nav))
    if not result.ok:
        errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
        if not serving:
            raise PluginError(f"{errors} error(s) in content/ (run 'make check' for details); the site was not built")
        _session.errors = error_page(result.diagnostics)
        page_text = front_matter({"title": ERROR_TITLE}) + _session.errors
        for path in sorted((_session.pages | hubs) - set(files.src_uris)):
            files.append(File.generated(config, path, content=page_text, inclusion=_inclusion(path, hubs)))
        return files
    _session.errors = ""
    _session.pages = {page.path for page in result.pages}
    _session.vocabulary = vocabulary(result.graph) if result.graph else {}
    _session.snippets = result.snippets
    _session.heads = {page.path: page.head for page in result.pages if page.head}
    for page in result.pages:
        if page.path in files.src_uris:
            raise PluginError(f"{docs_dir}/{page.path} clashes with a generated page; remove or rename it")
        file = File.generated(config, page.path, content=page.markdown, inclusion=_inclusion(page.path, hubs))
        file.edit_uri = page.source
        files.append(file)
    for path, content in sorted(result.files.items()):
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """While content is broken under `mkdocs serve`, hand-written pages show the errors too."""
    if _session.errors:
        page.meta = {"title": ERROR_TITLE}
        return _session.errors
    for marker, html in _session.snippets.items():
        markdown = markdown.replace(marker, html)
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Insert the page's generated <head> HTML (JSON-LD), built by the core and never from Markdown."""
    head = _session.heads.get(page.file.src_uri)
    return output.replace("</head>", head + "</head>", 1) if head and not _session.errors else output


def on_post_build(config: MkDocsConfig) -> None:
    if _session.errors:
        return
    site_dir = Path(config.site_dir)
    (site_dir / "search-terms.json").write_text(script_json(_session.vocabulary), encoding="utf-8")
    try:
        stats = index_site(site_dir)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"search index: {stats}")


def error_page(diagnostics: list[Diagnostic]) -> str:
    """Markdown listing every problem (file, line, column, hint), shown on every page while content is broken."""
    lines = [f"# {ERROR_TITLE}", "",
             "Fix the problems below and save: this page reloads by itself when the content is valid again.", ""]
    for d in sorted(diagnostics):
        if d.severity is not Severity.ERROR:
            continue
        first, *rest = str(d).split("\n")
        lines.append(f"- `{first.replace('`', chr(39))}`")
        lines += [f"    {escape_plain(r.strip())}" for r in rest if r.strip()]
    return "\n".join(lines) + "\n"


def _inclusion(path: str, hubs: set[str]) -> InclusionLevel:
    return InclusionLevel.INCLUDED if path in hubs else InclusionLevel.NOT_IN_NAV


def _nav_paths(nav: object) -> list[str]:
    """Every page path named in the nav config."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []
