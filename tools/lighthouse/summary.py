"""Print Lighthouse scores per page from run.sh's JSON reports: SLUG.RUN.json in one folder.

    python3 tools/lighthouse/summary.py REPORTS_DIR [PAGE ...]

One line per page: performance (median of the runs, with the range), accessibility, best practices
and SEO (each the median too), then every audit below 100 in the median-performance run.
"""
from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def score(report: dict, category: str) -> int:
    value = report["categories"][category]["score"]
    return -1 if value is None else round(value * 100)


def failing(report: dict) -> list[str]:
    """Audits that count towards a category and scored below 1, with their display value."""
    out = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                out.append(f"{category}: {ref['id']} {round(audit['score'] * 100)}" + (f" ({shown})" if shown else ""))
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    pages = argv[1:] or sorted({p.name.split(".")[0] for p in folder.glob("*.json")})
    print(f"{'page':42} {'perf':>4} {'(runs)':>13} {'a11y':>5} {'bp':>4} {'seo':>4}  FCP/LCP/TBT/CLS (median run)")
    worst = 100
    for page in pages:
        slug = (page.replace("/", "_") or "home") if "." not in page else page
        reports = [json.loads(p.read_text()) for p in sorted(folder.glob(f"{slug}.*.json"))]
        if not reports:
            print(f"{page or '/':42} no report")
            continue
        perfs = [score(r, "performance") for r in reports]
        median = sorted(zip(perfs, range(len(reports))))[len(reports) // 2][1]
        run = reports[median]
        scores = {c: int(statistics.median(score(r, c) for r in reports)) for c in CATEGORIES}
        metrics = "/".join(run["audits"][a]["displayValue"].replace("\u00a0", " ") for a in
                           ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                            "cumulative-layout-shift"))
        print(f"{page or '/':42} {scores['performance']:>4} {str(sorted(perfs)):>13} {scores['accessibility']:>5} "
              f"{scores['best-practices']:>4} {scores['seo']:>4}  {metrics}")
        for line in failing(run):
            print(f"    {line}")
        worst = min(worst, scores["accessibility"], scores["best-practices"], scores["seo"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
