"""Measurements for `myoatlas bench`: the machine, the core's stages, child builds, sizes, and previews.

Every figure comes from the run that prints it: builds are timed as child processes (their peak
memory from the kernel's rusage of that child), stages by calling the core functions in-process.
"""
from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Callable

import yaml

from .checks import run_checks
from .graph import link_records
from .load import load_records
from .model import Paths
from .render import Page, render_pages, render_snippets
from .schema import load_schemas, schema_problems, validate_record

HOOK = Path(__file__).resolve().parent / "mkdocs_hook.py"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "mkdocs": version("mkdocs"),
            "material": version("mkdocs-material"), "pagefind": version("pagefind")}


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def time_stages(paths: Paths) -> tuple[dict[str, float], list[Page], dict[str, str], dict[str, str], int]:
    """Seconds per stage of the generator (as build.build_site runs them), the pages, snippets, other
    generated files and the number of diagnostics."""
    stages: dict[str, float] = {}
    t = time.perf_counter()
    broken = schema_problems(paths)
    if broken:
        raise RuntimeError(f"synthetic schemas are broken: {broken[0]}")
    schemas = load_schemas(paths)
    records, diagnostics = load_records(paths)
    stages["load"] = time.perf_counter() - t
    t = time.perf_counter()
    for record in records:
        diagnostics.extend(validate_record(record, schemas))
    stages["validate"] = time.perf_counter() - t
    t = time.perf_counter()
    graph = link_records(records, schemas)
    stages["link"] = time.perf_counter() - t
    t = time.perf_counter()
    diagnostics.extend(run_checks(records, graph, dt.date.today()))
    stages["checks"] = time.perf_counter() - t
    t = time.perf_counter()
    pages, problems = render_pages(paths, graph, graph.schemas, {})
    snippets = render_snippets(paths, graph)
    stages["render"] = time.perf_counter() - t
    files: dict[str, str] = {}
    try:
        from .publish import publish_site
    except ImportError:  # a generator without generated files (feed, open data)
        pass
    else:
        t = time.perf_counter()
        files = publish_site(paths, graph)
        stages["publish"] = time.perf_counter() - t
    return stages, pages, snippets, files, len(diagnostics) + len(problems)


def write_configs(source: Paths, paths: Paths, pages: list[Page], snippets: dict[str, str],
                  files: dict[str, str]) -> tuple[Path, Path]:
    """mkdocs.yml for MyoAtlas (the real config, hook included) and plain.yml for plain MkDocs: the same
    config without the hook and with Material's built-in search, its docs_dir holding the exported Markdown and
    the hand-written pages."""
    config = yaml.safe_load((source.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(HOOK)]
    mine = paths.root / "mkdocs.yml"
    mine.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    docs = paths.root / "plain_docs"
    site_src = paths.root / config.get("docs_dir", "docs")
    shutil.copytree(site_src, docs, ignore=shutil.ignore_patterns("overrides"))
    for md in docs.rglob("*.md"):  # the generated parts of hand-written pages, as the hook inserts them
        text = md.read_text(encoding="utf-8")
        replaced = text
        for marker, html in snippets.items():
            replaced = replaced.replace(marker, html)
        if replaced != text:
            md.write_text(replaced, encoding="utf-8")
    for path, text in [(page.path, page.markdown) for page in pages] + sorted(files.items()):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    plain = dict(config)
    plain.pop("hooks", None)
    # A plain Material site ships with Material's own search (its default plugin); MyoAtlas writes a Pagefind
    # index instead. Both builds make a search index, so neither is timed without one.
    plain["plugins"] = ["search"]
    plain["docs_dir"] = "plain_docs"
    plain["watch"] = []
    plain_file = paths.root / "plain.yml"
    plain_file.write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return mine, plain_file


def run_child(args: list[str], cwd: Path) -> tuple[float, int, str]:
    """(seconds, peak resident memory in bytes, stderr) of one child process, which must succeed.
    The memory is that child's own rusage (os.wait4), including the processes it waited for."""
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=cwd, env=dict(os.environ, **ENV), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    # Read the pipes before waiting so a chatty child never blocks; then reap it with its rusage.
    out, err = child.stdout.read(), child.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({child.returncode}):\n{err[-3000:]}{out[-1000:]}")
    return seconds, usage.ru_maxrss * 1024, err


def mkdocs_build(config: Path, site: Path) -> tuple[float, int]:
    seconds, peak, _ = run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                                 config.parent)
    return seconds, peak


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else 0


def html_pages(site: Path) -> int:
    """Pages of the built site: every HTML file except the 404 page."""
    return sum(1 for f in site.rglob("*.html") if f.name != "404.html")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 120) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def serve_flags(root: Path) -> list[str]:
    """The options `make serve` gives `mkdocs serve` (e.g. --dirty), read from the Makefile, so the preview
    is timed as contributors run it; without --strict (a small synthetic catalogue leaves some links of the
    hand-written pages dangling) and --dev-addr (the bench picks a free port)."""
    try:
        lines = (root / "Makefile").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        if "mkdocs serve" in line:
            words = line.split("mkdocs serve", 1)[1].split()
            return [w for i, w in enumerate(words) if w.startswith("--") and w not in ("--strict", "--dev-addr")
                    and not w.startswith("--dev-addr=")]
    return []


def _tree_cpu(pid: int) -> tuple[int, int]:
    """(CPU ticks used so far by `pid`, and its number of child processes), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        children = sum(len(f.read_text().split()) for f in Path(f"/proc/{pid}/task").glob("*/children"))
        return ticks, children
    except (OSError, IndexError, ValueError):
        return 0, 0


def _wait_idle(pid: int, limit: float) -> None:
    """Wait until `pid` has no child process (Pagefind) and has used almost no CPU for a second."""
    start = time.perf_counter()
    quiet = 0
    before, _ = _tree_cpu(pid)
    while quiet < 2 and time.perf_counter() - start < limit:
        time.sleep(0.5)
        ticks, children = _tree_cpu(pid)
        quiet = quiet + 1 if children == 0 and ticks - before <= 2 else 0
        before = ticks


def time_preview(config: Path, page_url: str, edit: Callable[[str], None], marker: str, flags: list[str],
                 limit: float = 600) -> dict[str, float]:
    """Start `mkdocs serve` with `config`, wait for `page_url` (relative to the served site), call
    `edit(marker)` once the server is idle and poll over HTTP until the page shows `marker`. Seconds to
    the first served page, waiting for the server to go idle, and from the edit to the updated page."""
    port = _free_port()
    site_path = urllib.parse.urlsplit(yaml.safe_load(config.read_text(encoding="utf-8")).get("site_url") or "/").path
    url = f"http://127.0.0.1:{port}{site_path.rstrip('/')}/{page_url}"
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}", *flags],
                              cwd=config.parent, env=dict(os.environ, **ENV),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            body = _get(url)
            if body is not None and "<html" in body.lower():
                break
            if server.poll() is not None:
                raise RuntimeError(f"mkdocs serve -f {config.name} exited ({server.returncode}) before serving {url}")
            if time.perf_counter() - start > limit:
                raise RuntimeError(f"mkdocs serve -f {config.name} did not serve {url} within {limit:.0f} s")
            time.sleep(0.2)
        first = time.perf_counter() - start
        # Edit once the server is idle (e.g. the search index of the first build written), as when a
        # contributor saves a file some time after starting the preview.
        settle = time.perf_counter()
        _wait_idle(server.pid, limit)
        settled = time.perf_counter() - settle
        edited = time.perf_counter()
        edit(marker)
        while True:
            body = _get(url)
            if body is not None and marker in body:
                break
            if time.perf_counter() - edited > limit:
                raise RuntimeError(f"{url} did not show the edit within {limit:.0f} s")
            time.sleep(0.05)
        return {"first_build_s": first, "settle_s": settled, "edit_to_page_s": time.perf_counter() - edited}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
