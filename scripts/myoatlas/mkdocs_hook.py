"""MkDocs adapter: hands the core's pages to MkDocs as virtual files.

Thin on purpose: it runs the core afresh on every build (so `mkdocs serve`
picks up YAML and template edits; `watch:` in mkdocs.yml triggers the rebuild),
adds each page with File.generated, keeps record pages out of the sidebar, and
points every page's edit link at the file a contributor should edit.
Never write into docs_dir from here: under `mkdocs serve` that rebuilds forever.

Under `mkdocs serve --dirty` (what `make serve` runs) one Generator lives for the whole run: after an
edit it renders only the pages the edit can change (incremental.py), and MkDocs rebuilds only the pages
whose Markdown changed; a change to mkdocs.yml or the theme override rebuilds every page.

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
from myoatlas.build import Generator
from myoatlas.incremental import stat_key, tree_key
from myoatlas.diagnostics import Diagnostic, Severity
from myoatlas.markup import escape_plain
from myoatlas.model import Paths
from myoatlas.prune import drop_unused_theme_files
from myoatlas.search_data import vocabulary
from myoatlas.search_index import BackgroundIndexer, index_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.myoatlas")
ERROR_TITLE = "The site could not be built"


class _GeneratedFile(File):
    """A generated page; `unchanged` when its Markdown is the same as in the previous build of this run,
    so that a dirty build (`mkdocs serve --dirty`) leaves its HTML as it is."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        return not self.unchanged


class _DirtyNotice(logging.Filter):
    """`--dirty` makes MkDocs warn on every build, which `--strict` turns into a failed build; the
    generator keeps every page right (see module docstring), so the warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@dataclass
class _Session:
    """What one `mkdocs build` or `mkdocs serve` run remembers between its builds."""

    command: str = "build"
    dirty: bool = False
    generator: Generator | None = None
    theme_key: tuple[object, ...] = ()  # mkdocs.yml and the theme override, as of the last good build
    outputs: dict[str, str] = field(default_factory=dict)  # generated page path -> its HTML file, last build
    indexer: BackgroundIndexer = field(default_factory=lambda: BackgroundIndexer(log.info))  # serve only
    pages: set[str] = field(default_factory=set)  # generated pages of the last good build
    errors: str = ""  # the error page's Markdown body while content is broken (serve only)
    vocabulary: dict[str, Any] = field(default_factory=dict)  # names and aliases for "Did you mean?"
    snippets: dict[str, str] = field(default_factory=dict)  # marker -> HTML for hand-written pages
    heads: dict[str, str] = field(default_factory=dict)  # page path -> HTML for its <head> (JSON-LD)
    titles: dict[str, str] = field(default_factory=dict)  # generated page path -> its title


_session = _Session()  # MkDocs loads a hook once per run; its events share this


def on_startup(*, command: str, dirty: bool) -> None:
    _session.command, _session.dirty = command, dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    path = urlsplit(config.site_url or "").path or "/"
    log.info(f"MyoAtlas preview: http://{config.dev_addr.host}:{config.dev_addr.port}{path}")
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    drop_unused_theme_files(files, config)  # no source maps, lunr or search worker in the site (prune.py)
    root = Path(config.config_file_path).resolve().parent
    paths = Paths(root)
    if _session.generator is None or _session.generator.paths != paths:
        _session.generator = Generator(paths)
    result, changes = _session.generator.build()
    serving = _session.command == "serve"
    theme_key = (stat_key(Path(config.config_file_path)), tree_key(Path(config.theme.custom_dir)) if config.theme.custom_dir else ())
    # Generated pages MkDocs may keep from the previous build (dirty serve only): none after a theme or config
    # change or after broken content. Hand-written pages are few and always rebuilt (their titles feed the nav).
    keep = _session.dirty and not changes.full and theme_key == _session.theme_key and not _session.errors
    for file in files.documentation_pages():
        file.is_modified = lambda: True  # type: ignore[method-assign]
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
    _session.theme_key = theme_key
    _session.pages = {page.path for page in result.pages}
    _session.vocabulary = vocabulary(result.graph) if result.graph else {}
    _session.snippets = result.snippets
    _session.heads = {page.path: page.head for page in result.pages if page.head}
    _session.titles = {page.path: str(page.meta.get("title", page.title)) for page in result.pages}
    for page in result.pages:
        if page.path in files.src_uris:
            raise PluginError(f"{docs_dir}/{page.path} clashes with a generated page; remove or rename it")
        file = _GeneratedFile.generated(config, page.path, content=page.markdown, inclusion=_inclusion(page.path, hubs))
        file.edit_uri = page.source
        file.unchanged = keep and page.path not in changes.pages
        files.append(file)
    if _session.dirty:
        log.info(f"MyoAtlas: {len(changes.pages)} of {len(result.pages)} generated pages changed"
                 + ("" if keep else "; every page is rebuilt"))
    outputs = {file.src_uri: file.abs_dest_path for file in files if isinstance(file, _GeneratedFile)}
    for path in set(_session.outputs) - set(outputs):  # a deleted record's page must not stay in a dirty build
        Path(_session.outputs[path]).unlink(missing_ok=True)
    _session.outputs = outputs
    for path, content in sorted(result.files.items()):
        files.append(File.generated(config, path, content=content))
    return files


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    """A page MkDocs keeps from the previous build is not read again, so it has no title of its own yet:
    give it the one from its front matter, for the nav and the footer links of the pages that are rebuilt."""
    for file in files.documentation_pages():
        if isinstance(file, _GeneratedFile) and file.unchanged and file.page is not None:
            file.page.title = _session.titles.get(file.src_uri)
    return nav


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
    if _session.command == "serve":  # the preview shows at once; search follows a moment later
        _session.indexer.request(site_dir)
        return
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
