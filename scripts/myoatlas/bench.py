"""`myoatlas bench`: time each pipeline stage on a synthetic catalogue (timings live here, not in tests)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .checks import run_checks
from .graph import link_records
from .load import load_records
from .model import Paths
from .render import render_pages
from .schema import load_schemas, validate_record

REPO = Path(__file__).resolve().parents[2]


def write_catalogue(root: Path, muscles: int, exercises: int) -> Paths:
    """A synthetic but valid catalogue: `muscles` muscles, `exercises` exercises that each stretch three."""
    shutil.copytree(REPO / "content" / "schemas", root / "content" / "schemas")
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "content" / "muscle").mkdir(parents=True)
    (root / "content" / "exercise").mkdir(parents=True)
    (root / "content" / "group").mkdir(parents=True)
    (root / "content" / "group" / "g.yml").write_text(
        "id: g\nname: Group\nsummary: A group.\nregion: hip\naction: hip flexion\nreviewed: 2026-01-01\n")
    for i in range(muscles):
        (root / "content" / "muscle" / f"muscle-{i}.yml").write_text(
            f"id: muscle-{i}\nname: Muscle {i}\naliases: [m{i}]\nsummary: Muscle number {i}.\ngroups: [g]\nregion: hip\n"
            "depth: deep\njoints: one-joint\norigin: Somewhere.\ninsertion: Elsewhere.\n"
            "innervation: {nerve: a nerve, roots: L1}\nactions: [hip flexion]\nsources: []\nreviewed: 2026-01-01\n")
    for i in range(exercises):
        targets = ", ".join(f"muscle-{(i + k) % muscles}" for k in range(3))
        (root / "content" / "exercise" / f"exercise-{i}.yml").write_text(
            f"id: exercise-{i}\nname: Exercise {i}\nkind: stretch\nsummary: Stretch number {i}.\nstretches: [{targets}]\n"
            "position: standing\nequipment: [none]\ndifficulty: beginner\ndose: {hold_seconds: 30}\n"
            "steps: [One., Two.]\ncautions: [Stop if it hurts.]\nreviewed: 2026-01-01\n")
    return Paths(root)


def _mkdocs_build(paths: Paths) -> float:
    """Seconds for a full `mkdocs build` of the catalogue with the project's own config."""
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(REPO / "scripts" / "myoatlas" / "mkdocs_hook.py")]
    config["nav"] = ["index.md", "muscles/index.md", "exercises/index.md"]
    (paths.root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for part in ("overrides", "assets"):  # the theme override (search) and its assets, as on the real site
        shutil.copytree(REPO / "site_src" / part, paths.root / "site_src" / part)
    (paths.root / "site_src" / "index.md").write_text("# Bench\n")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(paths.root / "mkdocs.yml")], check=True, env=env)
    return time.perf_counter() - start


def run_bench(muscles: int = 1000, exercises: int = 2000, mkdocs: bool = False, search: bool = False) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_catalogue(Path(tmp), muscles, exercises)
        timings: list[tuple[str, float]] = []
        t = time.perf_counter()
        schemas = load_schemas(paths)
        records, diagnostics = load_records(paths)
        timings.append(("load", time.perf_counter() - t))
        t = time.perf_counter()
        for record in records:
            diagnostics += validate_record(record, schemas)
        timings.append(("validate (schema)", time.perf_counter() - t))
        t = time.perf_counter()
        graph = link_records(records, schemas)
        diagnostics += run_checks(records, graph, dt.date(2026, 6, 1))
        timings.append(("link + checks", time.perf_counter() - t))
        t = time.perf_counter()
        pages, problems = render_pages(paths, graph, schemas, {})
        timings.append(("render", time.perf_counter() - t))
        full = _mkdocs_build(paths) if mkdocs or search else None
        if search:
            from .search_timing import time_search

            speed = time_search(paths.root / "site", ["muscle 12", "exercise 345", "stretch for muscle 77", "muscel 5", "group"])
    total = sum(s for _, s in timings)
    print(f"synthetic catalogue: {len(records)} records -> {len(pages)} pages ({len(diagnostics) + len(problems)} diagnostics)")
    for name, seconds in timings:
        print(f"  {name:<20} {seconds * 1000:8.0f} ms")
    print(f"  {'total':<20} {total * 1000:8.0f} ms  ({total / max(len(pages), 1) * 1000:.2f} ms per page)")
    if full is not None:
        print(f"  {'mkdocs build':<20} {full * 1000:8.0f} ms  (the generator is {total / full:.0%} of the whole build)")
    if search:
        print(f"  {'search, cold':<20} {speed['cold_ms']:8.0f} ms  (last keystroke to first results, first query of a tab)")
        print(f"  {'search, warm':<20} {speed['warm_median_ms']:8.0f} ms  (median of {speed['queries'] - 1}; slowest {speed['warm_max_ms']:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(run_bench())
