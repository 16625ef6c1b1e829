"""The performance page (site_src/performance.md), written from the figures of one bench run.

Everything on the page comes from the run's JSON (date, machine, command, figures), so the same
JSON always gives the same page; nothing is read from the clock here.
"""
from __future__ import annotations

from typing import Any, Callable

from .bench_chart import chart

MB = 1024 * 1024
STAGE_ORDER = ("load", "validate", "link", "checks", "render", "publish")  # as the generator runs them


def _s(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _get(run: dict[str, Any], *path: str) -> Any:
    value: Any = run
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _table(runs: list[dict[str, Any]], rows: list[tuple[str, Callable[[dict[str, Any]], str]]]) -> list[str]:
    """A Markdown table with one column per size and one row per measure (narrow enough for any screen)."""
    # No heading over the labels: on phones each row becomes a card titled by its label, and each
    # value is shown under its column heading ("3,000 records").
    lines = ["|   | " + " | ".join(f"{r['records']:,} records" for r in runs) + " |",
             "|:---" + "|---:" * len(runs) + "|"]
    lines += [f"| {label} | " + " | ".join(cell(r) for r in runs) + " |" for label, cell in rows]
    return lines


def _search(run: dict[str, Any], which: str) -> str:
    found = _get(run, "search", which)
    return f"{found['median_ms']:,.0f} ms (max {found['max_ms']:,.0f})" if found else "–"


def write_page(report: dict[str, Any], json_name: str | None = None) -> str:
    """The performance page; `json_name` is the JSON file of the same figures when it sits beside the page."""
    runs = sorted(report["runs"], key=lambda r: r["records"])
    m = report["machine"]
    sizes = ", ".join(f"{r['records']:,}" for r in runs)
    loads = [x for r in runs for x in (r.get("load_average") or [])[:1]] + (report.get("load_average_at_end") or [])[:1]
    busiest = max(loads) if loads else None
    lines = [
        "---",
        "title: Performance",
        "description: How long MyoAtlas takes to build, preview and search a growing catalogue, measured next to plain MkDocs.",
        "---",
        "",
        "# Performance",
        "",
        "How long MyoAtlas takes to build the site, to show an edit in the preview, and to answer a search, as the",
        "catalogue grows. Each size is a synthetic catalogue made from the real records (same kinds in the same",
        "proportions, same page sizes, same links), built by MyoAtlas and, in the same run, by plain MkDocs with the",
        "same theme from the same Markdown, without MyoAtlas. Both make a search index: MyoAtlas with Pagefind",
        "(two bundles: one of page names, asked first, and one of every page's text), plain MkDocs with Material's",
        "built-in search plugin, as a plain Material site ships.",
        "",
        '!!! note "Where these figures come from"',
        "",
        f"    One run of `{report['command']}` on {report['date']}, at {sizes} records.",
        f"    Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']};",
        f"    Python {m['python']}, MkDocs {m['mkdocs']}, Material for MkDocs {m['material']}, Pagefind {m['pagefind']}.",
    ]
    if json_name:
        lines.append(f"    Every figure of the run, each search query's time included: [{json_name}]({json_name}).")
    if busiest is not None:
        lines.append(f"    Load average (1 minute) during the run: {', '.join(f'{x:.1f}' for x in loads)}.")
        if m.get("cores") and busiest >= 0.5 * m["cores"]:
            lines.append("    Other work shared the processor during this run, so the times are higher and vary more than they")
            lines.append("    would on a quiet machine.")
    lines += ["", '<figure class="ma-bench-figure">', chart(runs),
              "<figcaption>Solid teal: MyoAtlas. Dashed: plain MkDocs (build and preview) or a cold search (a fresh tab). "
              "One dot per measured size; the table below has the same figures.</figcaption>", "</figure>", ""]
    lines += ["## Build", "",
              "A full `mkdocs build`: MyoAtlas with its hook (records checked, pages generated, search index written),",
              "next to plain MkDocs on the Markdown MyoAtlas generated. The generator is the part MyoAtlas adds before",
              "MkDocs starts: loading, validating and linking the records, rendering their pages and writing the",
              "other generated files (feed, open data).", "",
              *_table(runs, [
                  ("Pages", lambda r: f"{r['pages']:,}"),
                  ("MyoAtlas build", lambda r: f"{_s(r['build_s'])} s"),
                  ("Plain MkDocs build", lambda r: f"{_s(r['plain_build_s'])} s"),
                  ("Ratio to plain MkDocs", lambda r: f"{r['ratio']:.2f}"),
                  ("Generator, share of the build", lambda r: f"{r['generator_share'] * 100:.0f}%"),
                  ("Build time per page", lambda r: f"{_s(r['ms_per_page'])} ms")])]
    found = list(runs[0]["stages_s"]) if runs else []
    stages = [s for s in STAGE_ORDER if s in found] + sorted(s for s in found if s not in STAGE_ORDER)
    lines += ["", "## Generator stages", "", "Milliseconds per stage, timed in-process by calling the generator's own functions.", "",
              *_table(runs, [(stage.capitalize(), lambda r, k=stage: f"{r['stages_s'][k] * 1000:,.0f}" if k in r["stages_s"] else "–")
                             for stage in stages] + [("Total", lambda r: f"{r['generator_s'] * 1000:,.0f}")])]
    lines += ["", "## Size and memory", "",
              *_table(runs, [
                  ("Site", lambda r: f"{_s(r['site_bytes'] / MB)} MB"),
                  ("Search index", lambda r: f"{_s(r['search_index_bytes'] / MB)} MB"),
                  ("Peak memory, MyoAtlas", lambda r: f"{r['peak_memory_bytes'] / MB:,.0f} MB"),
                  ("Peak memory, plain MkDocs", lambda r: f"{r['plain_peak_memory_bytes'] / MB:,.0f} MB")])]
    flags = next((r["preview"].get("flags", []) for r in runs if r.get("preview")), [])
    serve = " ".join(["mkdocs serve", *flags])
    lines += ["", "## Preview and search", "",
              f"Preview: `{serve}` running and idle, one exercise's summary changed in its YAML record (MyoAtlas)",
              "or a line added to the same page's Markdown (plain MkDocs), and the page fetched until it shows the",
              "new text.", "",
              "Search: a reader's query typed into the header search in Chromium, from the last keystroke to the first",
              "results, median and slowest of ten queries such as *psoas*, *stretch for glutes* and *lower back pain*;",
              "cold is a fresh tab for each query (nothing cached; the search box gets focus 0.3 s before the first",
              "keystroke, as when a reader clicks it), warm the same tab.", "",
              *([f"Search was measured again on the same sites on {report['search_remeasured']['date']} (load average "
                 f"{' '.join(str(x) for x in report['search_remeasured']['load_average'])}), because "
                 f"{report['search_remeasured']['why']}; the first run's figures stay in the JSON file.", ""]
                if report.get("search_remeasured") else []),
              *_table(runs, [
                  ("Preview, MyoAtlas", lambda r: f"{_s(_get(r, 'preview', 'myoatlas', 'edit_to_page_s'), 2)} s"),
                  ("Preview, plain MkDocs", lambda r: f"{_s(_get(r, 'preview', 'plain', 'edit_to_page_s'), 2)} s"),
                  ("Search, warm", lambda r: _search(r, "warm")),
                  ("Search, cold", lambda r: _search(r, "cold"))])]
    lines += ["", "A dash means the run did not measure it.", "",
              "## Measure it yourself", "",
              "```sh",
              "myoatlas bench --records 1000 --search --serve",
              "myoatlas bench --sizes 500,1000,3000,10000 --search --serve --json bench.json --page site_src/performance.md",
              "```", "",
              "The last line of each size sums it up: "
              "`N records: build X s (generator Y% of it), Z ms/page, ratio R to plain MkDocs`.", ""]
    return "\n".join(lines)
