"""The `myoatlas` command as a contributor uses it: exit codes and what it prints."""
from __future__ import annotations

import os
import subprocess
import sys

from myoatlas.cli import main

from conftest import write_files


def test_check_exits_0_on_clean_content(site, capsys):
    paths = site()
    assert main(["--root", str(paths.root), "check"]) == 0
    assert capsys.readouterr().err == "content OK\n"


def test_check_prints_every_problem_with_a_hint_and_exits_1(site, capsys):
    paths = site("""
    -- content/source/smith-2020.yml --
    id: smith-2020
    title: A study of hips
    year: 1:30
    doi: 10.1000/hips.1
    """)
    assert main(["--root", str(paths.root), "check"]) == 1
    assert capsys.readouterr().err == (
        "content/source/smith-2020.yml:3:7: error: wrong type for year: expected integer, got string '1:30' "
        "(YAML reads this as a time, not a number)\n"
        "  hint: write a plain number, e.g. 90 for 1:30\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_check_on_github_actions_prints_annotations(site, capsys, monkeypatch):
    paths = site("-- content/source/smith-2020.yml --\nid: smith-2020\ntitle: T\nyear: 2020\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--root", str(paths.root), "check"]) == 1
    assert capsys.readouterr().out == (
        "::error file=content/source/smith-2020.yml,line=1,col=1::a source needs at least one of 'doi', 'pmid' or 'url' "
        "(hint: give the DOI (10.xxxx/...) or PubMed id of every study; an https url for other works)\n"
    )


def test_check_with_paths_reports_only_those_files(site, capsys):
    paths = site("""
    -- content/source/a.yml --
    id: a
    title: A
    year: 2020
    -- content/source/b.yml --
    id: b
    title: B
    year: 2020
    """)
    assert main(["--root", str(paths.root), "check", str(paths.root / "content/source/b.yml")]) == 1
    err = capsys.readouterr().err
    assert "content/source/b.yml:1:1: error" in err and "content/source/a.yml" not in err


def test_warnings_fail_only_with_strict(site, capsys):
    paths = site("-- content/source/uncited.yml --\nid: uncited\ntitle: U\nyear: 2020\nurl: https://example.org/\n")
    assert main(["--root", str(paths.root), "check"]) == 0
    assert main(["--root", str(paths.root), "check", "--strict"]) == 1
    assert "content/source/uncited.yml:1:5: warning: nothing cites this source" in capsys.readouterr().err


def test_export_md_writes_the_pages_for_other_generators(site, tmp_path):
    paths = site()
    out = tmp_path / "export"
    assert main(["--root", str(paths.root), "export-md", str(out)]) == 0
    assert "[Psoas major](../muscles/psoas-major.md)" in (out / "exercises" / "kneeling-lunge.md").read_text()


def test_export_md_refuses_to_write_into_content(site):
    paths = site()
    assert main(["--root", str(paths.root), "export-md", str(paths.content / "out")]) == 2
    assert not (paths.content / "out").exists()


def test_new_writes_a_record_with_the_schema_line_and_refuses_to_overwrite(site, capsys):
    paths = site()
    assert main(["--root", str(paths.root), "new", "exercise", "Doorway pec stretch"]) == 0
    assert capsys.readouterr().out == "content/exercise/doorway-pec-stretch.yml\n"
    text = (paths.content / "exercise" / "doorway-pec-stretch.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/exercise.schema.json\nid: doorway-pec-stretch\n")
    assert main(["--root", str(paths.root), "new", "exercise", "Doorway pec stretch"]) == 1
    assert "error: id 'doorway-pec-stretch' already exists" in capsys.readouterr().err


def test_new_refuses_an_id_used_by_another_kind(site, capsys):
    paths = site()
    assert main(["--root", str(paths.root), "new", "condition", "Psoas major"]) == 1
    assert "already exists: content/muscle/psoas-major.yml" in capsys.readouterr().err


def test_new_exercise_filled_in_as_the_guide_says_passes_check_and_reaches_the_site(site, capsys):
    """The worked example of CONTRIBUTING.md, end to end."""
    paths = site()
    assert main(["--root", str(paths.root), "new", "exercise", "Doorway pec stretch"]) == 0
    record = paths.content / "exercise" / "doorway-pec-stretch.yml"
    text = record.read_text()
    fills = {
        'kind: ""': "kind: stretch",
        'position: ""': "position: standing",
        "equipment: []": "equipment: [doorway]",
        'difficulty: ""': "difficulty: beginner",
        "dose: {}": "dose: {hold_seconds: 30, reps: 3}",
        "steps: []": "steps: [Stand in a doorway with your forearms on the frame., Step forward until you feel a stretch.]",
        "cautions: []": "cautions: [Stop if you feel tingling in the arm.]",
        'summary: ""': "summary: A standing stretch for the chest.",
        "also_stretches: []": "also_stretches: [psoas-major]",
    }
    for old, new in fills.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    record.write_text(text)
    capsys.readouterr()
    # Only the new record: the tiny site's other records were reviewed on a fixed day and fall due in time.
    assert main(["--root", str(paths.root), "check", "--strict", str(record)]) == 0, capsys.readouterr().err
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(paths.root / "mkdocs.yml")],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    page = (paths.root / "site" / "exercises" / "doorway-pec-stretch" / "index.html").read_text()
    assert "<h1" in page and "Doorway pec stretch" in page
    assert 'href="https://github.com/myoatlas/myoatlas/edit/main/content/exercise/doorway-pec-stretch.yml"' in page


def test_no_input_produces_a_traceback(site):
    paths = site()
    write_files(paths.root, "-- content/muscle/bad.yml --\n: : :\n\t- [\n")
    run = subprocess.run([sys.executable, "-m", "myoatlas.cli", "--root", str(paths.root), "check"],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("content/muscle/bad.yml:")


def test_outside_a_project_it_says_so_without_a_traceback(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert capsys.readouterr().err.startswith(f"error: no MyoAtlas project here: {tmp_path} has no content/schemas/")


def test_a_broken_schema_file_is_reported_not_raised(site, capsys):
    paths = site()
    (paths.schemas / "group.schema.json").write_text('{"type": "object",\n "properties": {"id": {"type": 5}}}')
    assert main(["--root", str(paths.root), "check"]) == 1
    assert "content/schemas/group.schema.json:1:1: error: invalid schema at properties.id.type" in capsys.readouterr().err
