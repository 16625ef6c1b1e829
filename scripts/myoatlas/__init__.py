"""MyoAtlas: turn YAML records into a cross-linked physiotherapy site.

The core runs load -> validate -> link -> render and never imports MkDocs; the
MkDocs hook (`mkdocs_hook.py`) and the CLI (`cli.py`) are thin adapters on top.
"""
