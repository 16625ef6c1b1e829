"""Shared helpers: tiny inline sites written from txtar-like text (`-- path --` lines)."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from myoatlas.build import check_content
from myoatlas.model import Paths

REPO = Path(__file__).resolve().parent.parent

# A minimal valid site: one of each kind that the others refer to.
BASE = """
-- content/author/editors.yml --
id: editors
name: Test editors
bio: The team that tests things.
-- content/source/smith-2020.yml --
id: smith-2020
title: A study of hips
year: 2020
doi: 10.1000/hips.1
-- content/group/hip-flexors.yml --
id: hip-flexors
name: Hip flexors
aliases: [hip flexor muscles]
summary: Muscles that lift the thigh.
region: hip
action: hip flexion
reviewed: 2026-01-01
-- content/muscle/psoas-major.yml --
id: psoas-major
name: Psoas major
aliases: [psoas, iliopsoas]
summary: The strongest hip flexor.
groups: [hip-flexors]
region: hip
depth: deep
joints: one-joint
origin: Lumbar vertebrae T12-L5.
insertion: Lesser trochanter.
innervation: {nerve: lumbar plexus, roots: L1-L3}
actions: [hip flexion]
sources: [smith-2020]
reviewed: 2026-01-01
author: editors
-- content/exercise/kneeling-lunge.yml --
id: kneeling-lunge
name: Kneeling lunge
kind: stretch
summary: A kneeling stretch for the front of the hip.
stretches: [psoas-major]
position: half-kneeling
equipment: [mat]
difficulty: beginner
dose: {hold_seconds: 30, reps: 3}
steps: [Kneel on one knee., Shift forward.]
cautions: [Stop if it hurts.]
reviewed: 2026-01-01
author: editors
"""


def write_files(root: Path, text: str) -> None:
    """Write every `-- path --` section of `text` under `root`."""
    text = textwrap.dedent(text)
    current: Path | None = None
    lines: list[str] = []
    for line in text.splitlines(keepends=True) + ["-- end --\n"]:
        if line.startswith("-- ") and line.rstrip().endswith(" --"):
            if current is not None:
                current.parent.mkdir(parents=True, exist_ok=True)
                current.write_text("".join(lines), encoding="utf-8")
            name = line.strip()[3:-3].strip()
            current, lines = (root / name if name != "end" else None), []
        elif current is not None:
            lines.append(line)


def make_site(root: Path, text: str = "", base: bool = True) -> Paths:
    """A tiny project: the real schemas, templates and hook, plus the given records."""
    shutil.copytree(REPO / "content" / "schemas", root / "content" / "schemas")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "site_src" / "overrides", root / "site_src" / "overrides")  # theme.custom_dir
    shutil.copytree(REPO / "site_src" / "assets", root / "site_src" / "assets")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(REPO / "scripts" / "myoatlas" / "mkdocs_hook.py")]
    config["nav"] = ["index.md", "muscles/index.md", "exercises/index.md", "articles/index.md"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    write_files(root, "-- site_src/index.md --\n# Tiny site\n")
    if base:
        write_files(root, BASE)
    write_files(root, text)
    return Paths(root)


def diagnostics(paths: Paths, today: str = "2026-06-01") -> list[str]:
    """Every diagnostic of the site, as printed (without hints)."""
    import datetime as dt

    _graph, found = check_content(paths, on=dt.date.fromisoformat(today))
    return [str(d).split("\n")[0] for d in found]


def hints(paths: Paths) -> list[str]:
    _graph, found = check_content(paths)
    return [d.hint for d in found]


@pytest.fixture
def site(tmp_path: Path):
    """make_site bound to a fresh folder: site(text) -> Paths."""
    return lambda text="", base=True: make_site(tmp_path, text, base)
