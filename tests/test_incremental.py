"""Previews in a second: after an edit, the generator renders only the pages the edit can change, and
MkDocs (`make serve` runs `mkdocs serve --dirty`) rebuilds only the pages whose Markdown changed.
A clean build is the reference: every incremental result must equal it byte for byte."""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import make_site, write_files
from myoatlas.build import Generator, build_site
from myoatlas.model import Paths

REPO = Path(__file__).resolve().parent.parent

UNRELATED = """
-- content/muscle/soleus.yml --
id: soleus
name: Soleus
summary: A calf muscle under the gastrocnemius.
groups: [calf-muscles]
region: lower-leg
depth: deep
joints: one-joint
origin: Back of the tibia and fibula.
insertion: Heel bone through the Achilles tendon.
innervation: {nerve: tibial nerve, roots: S1-S2}
actions: [ankle plantarflexion]
sources: [smith-2020]
reviewed: 2026-01-01
-- content/group/calf-muscles.yml --
id: calf-muscles
name: Calf muscles
summary: The muscles at the back of the lower leg.
region: lower-leg
action: ankle plantarflexion
reviewed: 2026-01-01
"""


def pages_of(result) -> dict[str, tuple[str, str]]:
    return {p.path: (p.markdown, p.head) for p in result.pages}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_like_a_clean_build(generator: Generator, previous: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Build incrementally; the pages equal a clean build's, and the reported changes are exactly the pages that differ."""
    result, changes = generator.build()
    assert result.ok, [str(d) for d in result.diagnostics]
    clean = pages_of(build_site(generator.paths))
    assert pages_of(result) == clean
    differ = {p for p in clean if previous.get(p) != clean[p]}
    assert changes.pages == differ
    assert changes.removed == set(previous) - set(clean)
    return clean


def test_after_each_edit_the_pages_equal_a_clean_build_and_the_changed_ones_are_named(tmp_path):
    paths = make_site(tmp_path, UNRELATED)
    generator = Generator(paths)
    result, changes = generator.build()
    pages = pages_of(result)
    assert result.ok and changes.full and changes.pages == set(pages) and "muscles/soleus.md" in pages

    # Renaming a muscle changes the stretch that names it and the hubs, not the calf pages.
    edit(paths.content / "muscle" / "psoas-major.yml", "name: Psoas major", "name: Psoas (major)")
    before = pages
    pages = assert_like_a_clean_build(generator, pages)
    changed = {p for p in pages if before[p] != pages[p]}
    assert {"muscles/psoas-major.md", "exercises/kneeling-lunge.md", "muscles/index.md"} <= changed
    assert "muscles/soleus.md" not in changed and "groups/calf-muscles.md" not in changed

    # A source's title shows on every page citing it.
    edit(paths.content / "source" / "smith-2020.yml", "title: A study of hips", "title: A study of the hip")
    pages = assert_like_a_clean_build(generator, pages)

    # A new stretch appears on its muscle's page (a reverse link), then disappears with its file.
    write_files(paths.root, """
-- content/exercise/couch-stretch.yml --
id: couch-stretch
name: Couch stretch
kind: stretch
summary: A deep stretch with the foot against a wall.
stretches: [psoas-major]
position: half-kneeling
equipment: [wall]
difficulty: intermediate
dose: {hold_seconds: 30}
steps: [Kneel with your back foot against a wall., Lift your chest.]
cautions: [Stop if your knee hurts.]
reviewed: 2026-01-01
""")
    pages = assert_like_a_clean_build(generator, pages)
    assert "Couch stretch" in pages["muscles/psoas-major.md"][0]
    (paths.content / "exercise" / "couch-stretch.yml").unlink()
    pages = assert_like_a_clean_build(generator, pages)
    assert "exercises/couch-stretch.md" not in pages

    # A template edit renders everything again.
    edit(paths.templates / "muscle.md.j2", "## Anatomy", "## Anatomy and nerves")
    result, changes = generator.build()
    assert changes.full and "Anatomy and nerves" in pages_of(result)["muscles/soleus.md"][0]
    pages = pages_of(result)

    # A schema edit is checked again at once, for records that did not change too.
    schema = paths.schemas / "muscle.schema.json"
    edit(schema, '"maxLength": 120', '"maxLength": 11')  # the first one is the name's
    result, changes = generator.build()
    assert [str(d).split("\n")[0] for d in result.diagnostics] == [
        "content/muscle/psoas-major.yml:2:7: error: name is too long: the limit is 11"]
    edit(schema, '"maxLength": 11', '"maxLength": 120')
    result, changes = generator.build()
    assert result.ok and changes.full

    # Broken content, then fixed: the next good build starts afresh and still equals a clean one.
    edit(paths.content / "muscle" / "soleus.yml", "name: Soleus", "name: [Soleus")
    result, changes = generator.build()
    assert not result.ok and not result.pages
    edit(paths.content / "muscle" / "soleus.yml", "name: [Soleus", "name: Soleus muscle")
    result, changes = generator.build()
    assert changes.full and pages_of(result) == pages_of(build_site(paths))


@pytest.mark.slow
def test_renaming_a_record_of_every_kind_in_the_real_content_matches_a_clean_build(tmp_path):
    """The neighbourhood rule (two links, not through sources and authors) holds on the real, dense graph."""
    for part in ("content", "templates"):
        shutil.copytree(REPO / part, tmp_path / part)
    paths = Paths(tmp_path)
    generator = Generator(paths)
    result, _ = generator.build()
    pages = pages_of(result)
    for kind in sorted(p.name for p in paths.content.iterdir() if p.name != "schemas"):
        record = sorted((paths.content / kind).glob("*.yml"))[0]
        text = record.read_text(encoding="utf-8")
        field = re.search(r"^(name|title): (.+)$", text, re.M)
        assert field, record
        record.write_text(text.replace(field.group(0), f"{field.group(1)}: Renamed {field.group(2).strip()}", 1),
                          encoding="utf-8")
        before = pages
        pages = assert_like_a_clean_build(generator, pages)
        assert {p for p in pages if before.get(p) != pages[p]}, f"renaming {record.name} changed no page"


def _wait_for(predicate, what: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _serve(paths: Paths, port: int, temp: Path, log_file: Path, *flags: str) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temp), SOURCE_DATE_EPOCH="1767225600")
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", *flags, "--dev-addr",
                             f"127.0.0.1:{port}", "-f", str(paths.root / "mkdocs.yml")],
                            stdout=log_file.open("w"), stderr=subprocess.STDOUT, env=env)


@pytest.mark.slow
def test_an_edit_under_make_serve_rebuilds_only_its_pages_and_the_site_equals_a_clean_build(tmp_path):
    from test_serve import free_port

    run = subprocess.run(["make", "-n", "serve"], cwd=REPO, capture_output=True, text=True)
    assert "mkdocs serve --strict --dirty" in run.stdout  # what `make serve` runs
    paths = make_site(tmp_path / "project", UNRELATED)
    port, log = free_port(), tmp_path / "serve.log"
    printed = lambda: log.read_text()  # noqa: E731
    (tmp_path / "a").mkdir()
    server = _serve(paths, port, tmp_path / "a", log, "--dirty")
    try:
        _wait_for(lambda: printed().count("search index:") == 1 or server.poll() is not None, "the first build")
        assert server.poll() is None, printed()
        site = next((tmp_path / "a").glob("mkdocs_*"))
        calf = site / "muscles" / "soleus" / "index.html"
        calf_written = calf.stat().st_mtime_ns
        lunge_url = f"http://127.0.0.1:{port}/myoatlas/exercises/kneeling-lunge/"
        assert "A kneeling stretch for the front of the hip." in _get(lunge_url)

        edit(paths.content / "exercise" / "kneeling-lunge.yml", "summary: A kneeling stretch",
             "summary: An easy kneeling stretch")
        _wait_for(lambda: "An easy kneeling stretch" in _get(lunge_url), "the edited page")
        _wait_for(lambda: printed().count("search index:") == 2, "the search index after the edit")
        assert re.search(r"MyoAtlas: [1-9]\d* of \d+ generated pages changed\n", printed()), printed()
        assert calf.stat().st_mtime_ns == calf_written, "an unrelated page was rebuilt"
        incremental = _comparable(site)
    finally:
        server.terminate()
        server.wait(timeout=20)

    # A fresh preview of the edited project (a full build, same address) gives the same files, byte for byte.
    (tmp_path / "b").mkdir()
    server = _serve(paths, port, tmp_path / "b", log)
    try:
        _wait_for(lambda: printed().count("search index:") == 1 or server.poll() is not None, "the clean build")
        assert server.poll() is None, printed()
        clean = _comparable(next((tmp_path / "b").glob("mkdocs_*")))
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []


def _comparable(site: Path) -> dict[str, bytes]:
    """Every file's bytes, by path. Pagefind writes its filters in hash-map order, which differs between any two
    runs (two clean builds too), and names those files by a hash of their bytes: filter files and the metadata
    that names them are compared by their unpacked bytes, sorted, hashes blanked; every other file as it is."""
    found: dict[str, bytes] = {}
    filters: dict[str, list[bytes]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        bundle = name.split("/")[0]  # pagefind/ (every page's text) or pagefind-names/ (names only)
        if re.match(r"pagefind(-names)?/filter/", name):
            filters.setdefault(bundle, []).append(bytes(sorted(gzip.decompress(path.read_bytes()))))
        elif re.fullmatch(r"pagefind(-names)?/pagefind\.en_\w+\.pf_meta", name):
            unpacked = re.sub(rb"en_[0-9a-f]{7,}", b"en_", gzip.decompress(path.read_bytes()))
            found[f"{bundle}/pagefind.pf_meta"] = bytes(sorted(unpacked))
        elif not re.fullmatch(r"pagefind(-names)?/pagefind-entry\.json", name):
            found[name] = path.read_bytes()
    for bundle, unpacked_filters in filters.items():
        found[f"{bundle}/filter/*"] = b"\n".join(sorted(unpacked_filters))
    return found
