# MyoAtlas. `make serve` and `make test` set everything up from requirements.lock on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap's dates come from the last commit (or, in a copy without .git, the
# newest file), never from the clock. Checks use the real date (scripts/myoatlas/clock.py).
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || find content templates site_src mkdocs.yml -type f -printf '%T@\n' | sort -n | tail -1 | cut -d. -f1)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build check test browser bench clean

setup: $(STAMP)

# Recreate the environment whenever the lock or the package metadata changes.
$(STAMP): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The preview: http://127.0.0.1:$(PORT)/myoatlas/ (the path comes from site_url); PORT=8001 make serve.
PORT ?= 8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dirty --dev-addr 127.0.0.1:$(PORT)

# Build into a temporary folder and swap it in only on success: a failed build keeps the last good site/.
build: $(STAMP)
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --site-dir site.tmp
	rm -rf site.old && { [ ! -d site ] || mv site site.old; } && mv site.tmp site && rm -rf site.old
	@echo "site built in site/"

check: $(STAMP)
	$(BIN)/myoatlas check

# Debian's Chromium drives the browser tests (Playwright uses it directly; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/myoatlas check
	$(BIN)/zizmor --offline --quiet .github/workflows
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/myoatlas bench --records 1000

clean:
	rm -rf site site.tmp site.old $(VENV) .pytest_cache
