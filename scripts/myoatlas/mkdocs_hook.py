"""MkDocs adapter: hands the core's pages to MkDocs as virtual files.

Thin on purpose: it runs the core afresh on every build (so `mkdocs serve`
picks up YAML and template edits; `watch:` in mkdocs.yml triggers the rebuild),
adds each page with File.generated, keeps record pages out of the sidebar, and
points every page's edit link at the file a contributor should edit.
Never write into docs_dir from here: under `mkdocs serve` that rebuilds forever.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from myoatlas.build import build_site
from myoatlas.diagnostics import Severity
from myoatlas.model import Paths

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.myoatlas")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).resolve().parent
    paths = Paths(root)
    result = build_site(paths)
    for d in result.diagnostics:
        (log.error if d.severity is Severity.ERROR else log.info)(str(d).replace("\n", " "))
    if not result.ok:
        errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
        raise PluginError(f"{errors} error(s) in content/ (run 'make check' for details); the site was not built")
    docs_dir = paths.rel(Path(config.docs_dir))
    for file in files:
        file.edit_uri = f"{docs_dir}/{file.src_uri}"
    hubs = {item for item in _nav_paths(config.nav)}
    for page in result.pages:
        if page.path in files.src_uris:
            raise PluginError(f"{docs_dir}/{page.path} clashes with a generated page; remove or rename it")
        inclusion = InclusionLevel.INCLUDED if page.path in hubs else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        file.edit_uri = page.source
        files.append(file)
    return files


def _nav_paths(nav: object) -> list[str]:
    """Every page path named in the nav config."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []
