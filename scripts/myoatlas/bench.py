"""`myoatlas bench`: MyoAtlas against plain MkDocs on a synthetic catalogue shaped like content/.

For each size N: write N records made from the real ones (bench_catalogue), time the generator's
stages in-process, then build the project twice per round as child processes: `mkdocs build` with
the MyoAtlas hook, and plain MkDocs + Material (same config, no hook, Material's own search plugin) on the exported Markdown.
Optionally: search in Chromium (--search) and the preview after a YAML edit (--serve).
Every figure printed is measured in that run; the last line sums it up:
`N records: build X s (generator Y% of it), Z ms/page, ratio R to plain MkDocs`.
Timings live here, never in tests (tests/test_bench.py only checks the shape of the output).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from .model import Paths
from .search_index import NAMES

MB = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--records", type=int, default=1000, help="records in the synthetic catalogue (default 1000)")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",") if x.strip()], default=None,
                        help="several sizes, e.g. 500,1000,3000,10000 (instead of --records)")
    parser.add_argument("--repeat", type=int, default=1, help="paired build rounds per size; medians are reported")
    parser.add_argument("--search", action="store_true", help="also time search in Chromium, cold and warm")
    parser.add_argument("--serve", action="store_true", help="also time a YAML edit under mkdocs serve until the page shows it")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write every figure to FILE")
    parser.add_argument("--page", type=Path, default=None, metavar="FILE",
                        help="write the performance page (Markdown with table and SVG chart) to FILE")
    parser.add_argument("--from-json", type=Path, default=None, metavar="FILE",
                        help="with --page: write the page from a JSON file of an earlier run instead of measuring")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="keep the synthetic projects in DIR (default: a temporary folder, removed)")


def run_bench(args: argparse.Namespace, source: Paths) -> int:
    from .bench_page import write_page

    if args.from_json:
        report = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        report = measure(args, source)
    if args.json and not args.from_json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}", file=sys.stderr)
    if args.page:
        figures = args.from_json or args.json
        beside = figures.name if figures and figures.resolve().parent == args.page.resolve().parent else None
        args.page.write_text(write_page(report, beside), encoding="utf-8")
        print(f"performance page written to {args.page}", file=sys.stderr)
    if args.from_json:
        for run in report["runs"]:
            print(summary_line(run))
    return 0


def measure(args: argparse.Namespace, source: Paths) -> dict[str, Any]:
    from .bench_run import load_average, machine

    info = machine()
    started = dt.datetime.now(dt.timezone.utc)
    report: dict[str, Any] = {
        "machine": info, "date": started.strftime("%Y-%m-%d %H:%M UTC"), "load_average_at_start": load_average(),
        "command": "myoatlas bench " + " ".join(sys.argv[sys.argv.index("bench") + 1:] if "bench" in sys.argv else []),
        "runs": []}
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, {info['os']}; Python {info['python']}, "
          f"MkDocs {info['mkdocs']}, Material {info['material']}, Pagefind {info['pagefind']}")
    print(f"date: {report['date']}; load average (1, 5, 15 min) at start: {' '.join(map(str, report['load_average_at_start']))}")
    sizes = args.sizes or [args.records]
    for n in sizes:
        if args.keep:
            root = args.keep / f"bench-{n}"
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            run = measure_size(source, root, n, args)
        else:
            with tempfile.TemporaryDirectory(prefix=f"myoatlas-bench-{n}-") as tmp:
                run = measure_size(source, Path(tmp), n, args)
        report["runs"].append(run)
        print(summary_line(run), flush=True)
    report["load_average_at_end"] = load_average()
    return report


def measure_size(source: Paths, root: Path, n: int, args: argparse.Namespace) -> dict[str, Any]:
    from .bench_catalogue import write_catalogue
    from .bench_run import folder_bytes, html_pages, load_average, mkdocs_build, time_stages, write_configs
    from .search_index import index_site

    run: dict[str, Any] = {"records": n, "rounds": max(1, args.repeat), "load_average": load_average()}
    print(f"\n== {n} records ==")
    t = time.perf_counter()
    paths, counts = write_catalogue(source, root, n)
    run["kinds"] = counts
    run["catalogue_s"] = time.perf_counter() - t
    print(f"synthetic catalogue: {sum(counts.values())} records ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}), "
          f"written in {run['catalogue_s']:.1f} s")
    stage_rounds: list[dict[str, float]] = []
    mine_s: list[float] = []
    plain_s: list[float] = []
    mine_peak = plain_peak = 0
    site, plain_site = root / "site", root / "plain_site"
    configs = None
    for round_ in range(run["rounds"]):
        stages, pages, snippets, files, diagnostics = time_stages(paths)
        stage_rounds.append(stages)
        if configs is None:
            t = time.perf_counter()
            configs = write_configs(source, paths, pages, snippets, files)
            run["export_s"] = time.perf_counter() - t
            run["generated_pages"] = len(pages)
            run["diagnostics"] = diagnostics
        # Paired rounds, taking turns to go first, so neither build always gets the warmer caches.
        for which in ((0, 1) if round_ % 2 == 0 else (1, 0)):
            seconds, peak = mkdocs_build(configs[which], (site, plain_site)[which])
            if which == 0:
                mine_s.append(seconds)
                mine_peak = max(mine_peak, peak)
            else:
                plain_s.append(seconds)
                plain_peak = max(plain_peak, peak)
    run["stages_s"] = {s: statistics.median(r[s] for r in stage_rounds) for s in stage_rounds[0]}
    run["generator_s"] = sum(run["stages_s"].values())
    run["build_s"] = statistics.median(mine_s)
    run["plain_build_s"] = statistics.median(plain_s)
    run["build_rounds_s"], run["plain_rounds_s"] = mine_s, plain_s
    run["peak_memory_bytes"], run["plain_peak_memory_bytes"] = mine_peak, plain_peak
    run["pages"] = html_pages(site)
    run["plain_pages"] = html_pages(plain_site)
    run["site_bytes"] = folder_bytes(site)
    run["plain_site_bytes"] = folder_bytes(plain_site)
    run["search_index_bytes"] = folder_bytes(site / "pagefind") + folder_bytes(site / NAMES)
    t = time.perf_counter()
    index_site(site)  # the same index again (deterministic): how much of the build Pagefind is
    run["pagefind_s"] = time.perf_counter() - t
    run["generator_share"] = run["generator_s"] / run["build_s"]
    run["ms_per_page"] = run["build_s"] / max(run["pages"], 1) * 1000
    run["ratio"] = run["build_s"] / run["plain_build_s"]
    print_build(run)
    if args.search:
        run["search"] = search(site, paths)
    if args.serve:
        run["preview"] = preview(source, paths, configs[0], configs[1], pages)  # type: ignore[index]
    return run


def print_build(run: dict[str, Any]) -> None:
    rounds = run["rounds"]
    of = f" (median of {rounds})" if rounds > 1 else ""
    print(f"generator stages, in-process{of}:")
    for stage in run["stages_s"]:
        print(f"  {stage:<10} {run['stages_s'][stage] * 1000:9.0f} ms")
    print(f"  {'generator':<10} {run['generator_s'] * 1000:9.0f} ms  ({run['generated_pages']} generated pages, "
          f"{run['generator_s'] / max(run['generated_pages'], 1) * 1000:.2f} ms each; {run['diagnostics']} diagnostics)")
    print(f"  {'export':<10} {run['export_s'] * 1000:9.0f} ms  (Markdown written for plain MkDocs; not part of the build)")
    print(f"builds, child processes{' (median of ' + str(rounds) + ' paired rounds)' if rounds > 1 else ''}:")
    print(f"  MyoAtlas (mkdocs build + hook)        {run['build_s']:8.2f} s   peak memory {run['peak_memory_bytes'] / MB:6.0f} MB")
    print(f"  plain MkDocs + Material, its search   {run['plain_build_s']:8.2f} s   peak memory {run['plain_peak_memory_bytes'] / MB:6.0f} MB")
    print(f"  of which search index (Pagefind, both bundles, timed again alone) {run['pagefind_s']:.2f} s")
    print(f"site: {run['pages']} pages, {run['site_bytes'] / MB:.1f} MB; search index (site/pagefind, site/{NAMES}) "
          f"{run['search_index_bytes'] / MB:.1f} MB; plain MkDocs site: {run['plain_pages']} pages, {run['plain_site_bytes'] / MB:.1f} MB")


def search(site: Path, paths: Paths) -> dict[str, Any]:
    from .bench_search import READER_QUERIES, time_search

    result = time_search(site, READER_QUERIES)
    cold, warm = result["cold"], result["warm"]
    print(f"search, last keystroke to first results in Chromium ({len(READER_QUERIES)} reader queries):")
    if cold:
        print(f"  cold (fresh tab each query)   median {cold['median_ms']:6.0f} ms   max {cold['max_ms']:6.0f} ms")
    if warm:
        print(f"  warm (same tab)               median {warm['median_ms']:6.0f} ms   max {warm['max_ms']:6.0f} ms")
    if result["no_results"]:
        print(f"  no results (not timed): {', '.join(result['no_results'])}")
    return result


def preview(source: Paths, paths: Paths, mine: Path, plain: Path, pages: list[Any]) -> dict[str, Any]:
    from .bench_run import serve_flags, time_preview

    page = next(p for p in pages if p.path.startswith("exercises/") and p.source.startswith("content/"))
    url = page.path[:-3] + "/"
    record = paths.root / page.source
    original = record.read_text(encoding="utf-8")

    def edit_yaml(marker: str) -> None:
        head, _, _ = original.partition("\n")
        data = yaml.safe_load(original)
        data["summary"] = f"A stretch edited for the benchmark ({marker})."
        record.write_text(head + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")

    markdown = paths.root / "plain_docs" / page.path

    def edit_markdown(marker: str) -> None:
        markdown.write_text(markdown.read_text(encoding="utf-8") + f"\nEdited for the benchmark ({marker}).\n", encoding="utf-8")

    flags = serve_flags(source.root)
    result: dict[str, Any] = {"page": url, "record": page.source, "flags": flags}
    result["myoatlas"] = time_preview(mine, url, edit_yaml, "Benchmarkyaml1", flags)
    record.write_text(original, encoding="utf-8")
    result["plain"] = time_preview(plain, url, edit_markdown, "Benchmarkmd1", flags)
    print(f"preview (mkdocs serve {' '.join(flags)}: edit saved -> page served with the new text, polled over HTTP; {url}):")
    print(f"  MyoAtlas, YAML record edited        {result['myoatlas']['edit_to_page_s']:6.2f} s   "
          f"(first build {result['myoatlas']['first_build_s']:.1f} s; edited once idle, {result['myoatlas']['settle_s']:.1f} s later)")
    print(f"  plain MkDocs, Markdown page edited  {result['plain']['edit_to_page_s']:6.2f} s   "
          f"(first build {result['plain']['first_build_s']:.1f} s; edited once idle, {result['plain']['settle_s']:.1f} s later)")
    return result


def summary_line(run: dict[str, Any]) -> str:
    return (f"{run['records']} records: build {run['build_s']:.1f} s (generator {run['generator_share'] * 100:.0f}% of it), "
            f"{run['ms_per_page']:.1f} ms/page, ratio {run['ratio']:.2f} to plain MkDocs")
