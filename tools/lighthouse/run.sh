#!/usr/bin/env bash
# Lighthouse 12 (pinned in package-lock.json) over one page of each kind of a built MyoAtlas site,
# mobile (Lighthouse's default form factor and throttling), with the system Chromium.
#
#   tools/lighthouse/run.sh [SITE_DIR] [PAGE ...]
#
# Without SITE_DIR it builds the site to a temporary folder (mkdocs build --strict). The site is
# served on 127.0.0.1 by serve.py, gzipped like GitHub Pages serves it (NO_GZIP=1 to serve it raw).
# Each page is audited RUNS times (default 3); summary.py prints the four scores per page, the
# median run's performance, and every audit that kept a score below 100. Reports (JSON) are kept in
# REPORTS (default: a temporary folder, printed at the end).
# The machine may be shared: run it once when you need the figures, not in a loop.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=$repo/.venv/bin/python
[ -x "$python" ] || python=python3
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
runs=${RUNS:-3}

site=${1:-}
[ $# -gt 0 ] && shift
pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then
  pages=("" "find/" "muscles/psoas-major/" "groups/hip-flexors/" "exercises/kneeling-lunge/"
         "conditions/anterior-pelvic-tilt/" "tests/thomas-test/" "routines/daily-hip-flexor-routine/"
         "articles/hip-flexors-and-lower-back-pain/" "sources/vigotsky-2016-thomas-test/"
         "muscles/" "exercises/" "search/")
fi

if [ ! -x "$here/node_modules/.bin/lighthouse" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

work=$(mktemp -d)
reports=${REPORTS:-$work/reports}
mkdir -p "$reports"
if [ -z "$site" ]; then
  site=$work/site
  echo "building the site to $site" >&2
  (cd "$repo" && NO_MKDOCS_2_WARNING=1 "$python" -m mkdocs build --strict -q -d "$site")
fi

gzip_flag=()
[ -n "${NO_GZIP:-}" ] && gzip_flag=(--no-gzip)
"$python" "$here/serve.py" "$site" "${gzip_flag[@]}" > "$work/url" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
base=$(head -n1 "$work/url")
echo "serving $site at $base; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for page in "${pages[@]}"; do
  slug=${page//\//_}
  slug=${slug:-home}
  for run in $(seq "$runs"); do
    "$here/node_modules/.bin/lighthouse" "$base$page" --quiet \
      --chrome-flags="--headless=new --no-sandbox" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$reports/$slug.$run.json"
  done
done

"$python" "$here/summary.py" "$reports" "${pages[@]}"
echo "reports: $reports; load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
