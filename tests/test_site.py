"""Building through MkDocs: the HTML a reader gets, with links and reverse links."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1780000000")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                           "-d", str(root / "site"), *extra], capture_output=True, text=True, env=env)


def test_tiny_site_links_and_reverse_links_in_html(site):
    paths = site()
    run = mkdocs_build(paths.root)
    assert run.returncode == 0, run.stderr
    out = paths.root / "site"
    stretch = (out / "exercises" / "kneeling-lunge" / "index.html").read_text()
    muscle = (out / "muscles" / "psoas-major" / "index.html").read_text()
    assert '<a href="../../muscles/psoas-major/">Psoas major</a>' in stretch
    assert '<a href="../../exercises/kneeling-lunge/">Kneeling lunge</a>' in muscle
    assert "Stretches for this muscle" in muscle


def test_edit_links_open_the_yaml_record_or_the_markdown_page(site):
    paths = site()
    assert mkdocs_build(paths.root).returncode == 0
    out = paths.root / "site"
    muscle = (out / "muscles" / "psoas-major" / "index.html").read_text()
    home = (out / "index.html").read_text()
    assert 'href="https://github.com/myoatlas/myoatlas/edit/main/content/muscle/psoas-major.yml"' in muscle
    assert 'href="https://github.com/myoatlas/myoatlas/edit/main/site_src/index.md"' in home


def test_records_stay_out_of_the_sidebar(site):
    paths = site()
    assert mkdocs_build(paths.root).returncode == 0
    home = (paths.root / "site" / "index.html").read_text()
    nav = home[home.index('md-nav--primary'):]
    assert "muscles/psoas-major/" not in nav and "muscles/" in nav


def test_invalid_content_fails_the_build_with_the_record_named(site):
    paths = site("-- content/source/smith-2020.yml --\nid: smith-2020\ntitle: A study\nyear: twenty\ndoi: 10.1000/x\n")
    run = mkdocs_build(paths.root)
    assert run.returncode != 0
    assert "content/source/smith-2020.yml:3:7: error: wrong type for year: expected integer, got string 'twenty'" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_real_site_builds_strict_with_no_warning(tmp_path):
    repo = Path(__file__).resolve().parent.parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml"),
                          "-d", str(tmp_path / "site")], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert not re.search(r"^(WARNING|ERROR)", run.stderr, re.MULTILINE), run.stderr
    records = sorted((repo / "content").glob("*/*.yml"))
    for record in records:
        kind, name = record.parent.name, record.stem
        assert (tmp_path / "site" / f"{kind}s" / name / "index.html").is_file(), record
