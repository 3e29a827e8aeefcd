"""A JupyterLab server on localhost and headless Chromium driven by Playwright, for the tests.

Playwright's own browser download does not work here: the tests drive Debian's chromium
(`apt-get install chromium`), started headless with no background networking.
"""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course import submissions

CHROMIUM = os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
# Where the screenshots go, for a person to look at (git-ignored).
SCREENSHOTS = Path(os.environ.get("COURSE_SCREENSHOTS", submissions.ROOT / "test-output"))


def require_chromium():
    """Skip (or, when COURSE_REQUIRE_BROWSER is set, as in CI, fail) without a browser."""
    if Path(CHROMIUM).is_file():
        return
    why = (f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium) or set "
           "COURSE_CHROMIUM to a Chromium binary")
    if os.environ.get("COURSE_REQUIRE_BROWSER"):
        pytest.fail(why)
    pytest.skip(why)


@contextlib.contextmanager
def chromium_page(width=1280, height=900):
    """A Playwright page in headless Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                             headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()


@contextlib.contextmanager
def jupyter_lab(root, home):
    """JupyterLab serving root on a free localhost port: yields (base url, token).

    home holds the server's settings and workspaces, so that nothing of the user's is read
    or written and every test starts from an empty workspace.
    """
    token = secrets.token_hex(16)
    port = _free_port()
    # no "Would you like to get notified about official Jupyter news?" over the notebook
    news = home / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True, exist_ok=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), OMP_NUM_THREADS="1")
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.news_url=None", "--allow-root"]
    log = open(home / "jupyter-lab.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{url}/api/status?token={token}", server, home / "jupyter-lab.log")
        yield url, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(status_url, server, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jupyter lab exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(status_url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"jupyter lab did not answer in {timeout} s:\n{log.read_text()[-3000:]}")
