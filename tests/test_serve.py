"""The live preview (`make serve`): it prints its real address, follows PORT, and never hangs on a
broken record: the browser shows the errors, then the page again once the file is fixed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS
from conftest import make_site

REPO = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_serve_listens_on_port_from_the_environment():
    run = subprocess.run(["make", "-n", "serve"], cwd=REPO, capture_output=True, text=True,
                         env=dict(os.environ, PORT="8123"))
    assert "mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8123" in run.stdout


def test_a_broken_record_shows_its_errors_in_the_browser_and_the_page_comes_back_when_fixed(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    paths = make_site(tmp_path)
    record = paths.content / "muscle" / "psoas-major.yml"
    good = record.read_text()
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}",
                               "-f", str(paths.root / "mkdocs.yml")], stdout=log, stderr=subprocess.STDOUT,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        deadline = time.time() + 60
        while "Serving on" not in (tmp_path / "serve.log").read_text() and time.time() < deadline:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        printed = (tmp_path / "serve.log").read_text()
        assert f"MyoAtlas preview: http://127.0.0.1:{port}/myoatlas/" in printed
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.set_default_timeout(20000)
            page.goto(f"http://127.0.0.1:{port}/myoatlas/muscles/psoas-major/")
            assert page.locator("h1").first.inner_text().startswith("Psoas major")

            record.write_text(good.replace("name: Psoas major", "name: [Psoas major"))
            page.get_by_text("The site could not be built").first.wait_for()  # no reload by hand
            shown = page.locator("article").inner_text()
            assert "content/muscle/psoas-major.yml:3:8: error: invalid YAML" in shown and "hint:" in shown

            record.write_text(good)
            page.locator("h1", has_text="Psoas major").first.wait_for()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
