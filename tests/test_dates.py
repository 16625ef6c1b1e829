"""Dates that do not depend on when or where you build: one "today" for `check` and `new`."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from myoatlas.cli import main
from myoatlas.clock import today

REPO = Path(__file__).resolve().parent.parent
# The archive fallback of the old Makefile, and a commit time far in the future.
EPOCHS = ["1767225600", "4102444800"]


def test_today_is_the_override_when_set_else_the_real_utc_date():
    assert today({"MYOATLAS_TODAY": "2031-02-03"}).isoformat() == "2031-02-03"
    assert today({}) == today({"SOURCE_DATE_EPOCH": "1767225600"})  # the commit time never moves "today"


@pytest.mark.parametrize("day", ["2026-11-26", "2034-02-15"])
@pytest.mark.parametrize("epoch", EPOCHS)
def test_a_new_record_checks_clean_on_any_day_whatever_the_commit_time(site, capsys, monkeypatch, day, epoch):
    """`make test` on a fresh clone, on a later day (or with a clock behind the last commit)."""
    monkeypatch.setenv("MYOATLAS_TODAY", day)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    paths = site()
    assert main(["--root", str(paths.root), "new", "source", "Doorway paper"]) == 0
    record = paths.content / "source" / "doorway-paper.yml"
    text = record.read_text()
    assert f"reviewed: {day}" in text or "reviewed" not in text
    main(["--root", str(paths.root), "new", "group", "Chest muscles"])
    group = paths.content / "group" / "chest-muscles.yml"
    assert f"reviewed: {day}" in group.read_text()
    capsys.readouterr()
    main(["--root", str(paths.root), "check", str(group)])
    err = capsys.readouterr().err
    assert "future" not in err and "past due" not in err, err


def test_the_real_content_checks_the_same_from_a_clone_or_an_archive_without_git(tmp_path):
    """A downloaded archive has no .git: SOURCE_DATE_EPOCH falls back, and `check` must not care."""
    copy = tmp_path / "archive"
    copy.mkdir()
    for name in ("content", "templates"):
        subprocess.run(["cp", "-r", str(REPO / name), str(copy / name)], check=True)
    last_review = max(re.findall(r"^reviewed: (\d{4}-\d{2}-\d{2})$", "\n".join(
        f.read_text(encoding="utf-8") for f in (REPO / "content").glob("*/*.yml")), re.MULTILINE))
    outputs = []
    for epoch in [None, *EPOCHS]:
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["MYOATLAS_TODAY"] = last_review
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        run = subprocess.run([sys.executable, "-m", "myoatlas.cli", "--root", str(copy), "check"],
                             capture_output=True, text=True, env=env)
        outputs.append((run.returncode, run.stderr))
    assert outputs == [(0, "content OK\n")] * 3


def test_the_makefile_dates_an_archive_by_its_newest_file_not_a_fixed_day(tmp_path):
    copy = tmp_path / "archive"
    copy.mkdir()
    for name in ("Makefile", "mkdocs.yml"):
        (copy / name).write_bytes((REPO / name).read_bytes())
    for name in ("content", "templates", "site_src"):
        (copy / name).mkdir()
    newest = copy / "content" / "x.yml"
    newest.write_text("id: x\n")
    os.utime(newest, (1893456000, 1893456000))  # 2030-01-01
    for other in ("Makefile", "mkdocs.yml"):
        os.utime(copy / other, (1700000000, 1700000000))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["GIT_CEILING_DIRECTORIES"] = str(tmp_path)  # not inside any repository
    probe = subprocess.run(["make", "-s", "--eval", "print-epoch: ; @echo $(SOURCE_DATE_EPOCH)", "print-epoch"],
                           cwd=copy, capture_output=True, text=True, env=env)
    assert probe.stdout.strip() == "1893456000", probe.stderr
