"""Theme files the site never uses, kept out of the build (not deleted afterwards).

Material ships source maps for its bundles (about 1.3 MB), lunr and its language packs for its own
search plugin (about 0.9 MB) and that plugin's web worker. MyoAtlas searches with Pagefind, so
none of these is ever requested by a page; deploying them only costs readers' mirrors and audits
bytes. `unused_theme_files` picks them (a pure function of paths); `drop_unused_theme_files`
removes them from MkDocs' Files in `on_files`, before anything is copied to the site.
"""
from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

SOURCE_MAPS = "*.map"
# Used only by Material's search plugin (plugins: [search] in mkdocs.yml), which MyoAtlas does not load.
SEARCH_PLUGIN_FILES = ("assets/javascripts/lunr/*", "assets/javascripts/workers/search.*")
SEARCH_PLUGINS = {"search", "material/search"}


def unused_theme_files(paths: Iterable[str], *, search_plugin: bool = False) -> list[str]:
    """The theme paths (posix, relative to the site) that no page uses, in the given order.

    Source maps always; lunr, its language packs and the search worker unless the theme's search
    plugin is enabled (then they are its index and its code).
    """
    patterns = [SOURCE_MAPS] + ([] if search_plugin else list(SEARCH_PLUGIN_FILES))
    return [p for p in paths if any(fnmatchcase(p, pattern) for pattern in patterns)]


def drop_unused_theme_files(files: Files, config: MkDocsConfig) -> Files:
    """Remove unused theme files from `files` (only files that come from the theme, never docs_dir)."""
    # MkDocs adds a theme file with the theme folder it came from as its src_dir (docs files have
    # docs_dir, generated pages none), so this never drops a contributor's file.
    theme_dirs = set(config.theme.dirs) - {config.docs_dir}
    theme = {f.src_uri: f for f in files if f.src_dir in theme_dirs}
    search_plugin = bool(SEARCH_PLUGINS & set(config.plugins))
    for uri in unused_theme_files(theme, search_plugin=search_plugin):
        files.remove(theme[uri])
    return files
