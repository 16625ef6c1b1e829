"""`myoatlas bench` smoke test: the shape of what it prints and writes, at a small size (no timing asserts)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAST_LINE = re.compile(r"^(\d+) records: build \d+\.\d s \(generator \d+% of it\), \d+\.\d ms/page, ratio \d+\.\d\d to plain MkDocs$")
SVG = "{http://www.w3.org/2000/svg}"
SIZES = (20, 40)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict, str]:
    out = tmp_path_factory.mktemp("bench")
    run = subprocess.run(
        [sys.executable, "-m", "myoatlas.cli", "--root", str(REPO), "bench", "--sizes", ",".join(map(str, SIZES)),
         "--json", str(out / "bench.json"), "--page", str(out / "performance.md")],
        capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout, json.loads((out / "bench.json").read_text()), (out / "performance.md").read_text()


def test_the_last_line_sums_up_the_largest_size(bench: tuple[str, dict, str]) -> None:
    stdout = bench[0]
    last = stdout.rstrip("\n").split("\n")[-1]
    match = LAST_LINE.match(last)
    assert match, last
    assert match.group(1) == str(SIZES[-1])
    assert [m.group(1) for m in map(LAST_LINE.match, stdout.splitlines()) if m] == [str(n) for n in SIZES]


def test_it_says_what_machine_and_prints_every_stage(bench: tuple[str, dict, str]) -> None:
    stdout = bench[0]
    assert stdout.startswith("machine: ")
    assert re.search(r"\d+ cores, [\d.]+ GB RAM, .*Python \d+\.\d+\.\d+, MkDocs \d+\.\d+\.\d+, Material \d", stdout)
    for stage in ("load", "validate", "link", "checks", "render", "generator"):
        assert re.search(rf"^  {stage} +\d+ ms", stdout, re.MULTILINE), stage
    assert re.search(r"^  MyoAtlas \(mkdocs build \+ hook\) +\d+\.\d\d s +peak memory +\d+ MB$", stdout, re.MULTILINE)
    assert re.search(r"^  plain MkDocs \+ Material, its search +\d+\.\d\d s +peak memory +\d+ MB$", stdout, re.MULTILINE)
    assert re.search(r"^site: \d+ pages, [\d.]+ MB; search index \(site/pagefind, site/pagefind-names\) [\d.]+ MB", stdout, re.MULTILINE)


def test_the_catalogue_has_every_kind_and_the_asked_size(bench: tuple[str, dict, str]) -> None:
    runs = bench[1]["runs"]
    kinds = {folder.name for folder in (REPO / "content").iterdir() if folder.is_dir() and folder.name != "schemas"}
    for run, n in zip(runs, SIZES):
        assert sum(run["kinds"].values()) == n
        assert set(run["kinds"]) == kinds
        assert run["pages"] > run["generated_pages"] > 0


def test_the_json_file_has_the_figures(bench: tuple[str, dict, str]) -> None:
    report = bench[1]
    assert {"cpu", "cores", "ram_gb", "python", "mkdocs", "material"} <= set(report["machine"])
    assert [run["records"] for run in report["runs"]] == list(SIZES)
    for run in report["runs"]:
        for key in ("build_s", "plain_build_s", "generator_s", "generator_share", "ms_per_page", "ratio", "pages",
                    "peak_memory_bytes", "plain_peak_memory_bytes", "site_bytes", "search_index_bytes"):
            assert run[key] > 0, key
        assert {"load", "validate", "link", "checks", "render"} <= set(run["stages_s"])


def test_the_page_has_a_well_formed_chart_with_one_point_per_size(bench: tuple[str, dict, str]) -> None:
    page = bench[2]
    assert page.startswith("---\ntitle: Performance\n")
    assert "[bench.json](bench.json)" in page  # the JSON was written beside the page: the page links to it
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", page, re.DOTALL).group(0))
    series = {g.get("data-series"): g for g in svg.iter(f"{SVG}g") if g.get("data-series")}
    assert set(series) == {"build-myoatlas", "build-plain"}  # preview and search were not measured
    for g in series.values():
        assert [int(c.get("data-n")) for c in g.iter(f"{SVG}circle")] == list(SIZES)
    assert "not measured in this run" in page
    assert "\n|   | " + " | ".join(f"{n} records" for n in SIZES) + " |\n" in page
    assert re.search(r"^\| Ratio to plain MkDocs( \| \d+\.\d\d){%d} \|$" % len(SIZES), page, re.MULTILINE)
    assert re.search(r"^\| Generator, share of the build( \| \d+%%){%d} \|$" % len(SIZES), page, re.MULTILINE)
