"""The explorer in a real browser on the real graph: start ``inspection-graph explore``,
drive headless Chromium (Debian's, through Playwright), follow the Derby story from the
search box, and open a shared link directly. Screenshots go to ``test-artifacts/``.

Needs Debian's chromium (``apt-get install chromium``; ``bin/test`` and CI install it) and
the ``playwright`` Python package (test extras). If either is missing the test fails and
says so: it is never skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]
TIMEOUT_MS = 30_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(base: str, proc: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the explorer exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(
                base + "/_stcore/health", timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"the explorer did not answer within {seconds} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def explorer(store: Path):
    """``inspection-graph explore`` on a free port; always stopped afterwards."""
    port = _free_port()
    log = Path(tempfile.mkstemp(prefix="explorer-", suffix=".log")[1])
    env = {**os.environ, "INSPECTION_GRAPH_BACKEND": "embedded"}
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "cli", "explore", "--port", str(port),
                                 "--store", str(store)], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, proc, log)
        yield base
    finally:
        _stop(proc)
        log.unlink(missing_ok=True)


def _stop(proc: subprocess.Popen) -> None:
    """Stop the explorer and the Streamlit server it started: the command runs in its
    own process group (start_new_session), so the whole group is signalled."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:  # the group outlives its leader briefly
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


def _browser(playwright):
    """A fresh headless Chromium profile (Debian's chromium, never a downloaded one)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: install Debian's package "
                    "(apt-get install -y chromium) or set CHROMIUM to its path")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=ARGS, headless=True,
        viewport={"width": 1400, "height": 1800})
    return context, profile


def _moves_touching(store_dir: Path, home_id: str) -> list[dict]:
    from graph.store import EmbeddedStore

    with EmbeddedStore(store_dir) as store:
        return (list(store.edges("STAFF_MOVE", src=home_id))
                + list(store.edges("STAFF_MOVE", dst=home_id)))


def _check_home(page, expected_moves: list[dict]) -> None:
    page.get_by_role("heading", name="SC036243").first.wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("heading", name="Inspection timeline").wait_for(timeout=TIMEOUT_MS)
    order = page.get_by_text("Judgements in order:")
    order.wait_for(timeout=TIMEOUT_MS)
    line = order.inner_text()
    assert "2019-01-08 Good" in line, line
    assert "2019-12-10 Requires improvement" in line, line
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
                 ).first.wait_for(timeout=TIMEOUT_MS)  # the timeline chart is drawn
    page.get_by_role("heading", name="Staff moves in and out").wait_for(timeout=TIMEOUT_MS)
    body = page.inner_text("body")
    for move in expected_moves:
        other = move["dst"] if move["src"] == "home:SC036243" else move["src"]
        assert other.removeprefix("home:") in body, f"the move to/from {other} is on screen"


@pytest.fixture(scope="module")
def served(real_store_dir):
    """The explorer serving the real graph for this module's tests."""
    with explorer(real_store_dir) as base:
        yield base


@pytest.fixture()
def page(served):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: pip install -e '.[test]' "
                    "(it drives Debian's chromium; never run `playwright install`)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context, profile = _browser(playwright)
        try:
            tab = context.new_page()
            tab.set_default_timeout(TIMEOUT_MS)
            yield tab
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.browser
def test_derby_story_in_a_real_browser(page, served, real_store_dir):
    moves = _moves_touching(real_store_dir, "home:SC036243")
    page.goto(served + "/")
    page.get_by_role("heading", name="Children's homes in England").wait_for()
    page.screenshot(path=str(ARTIFACTS / "explorer-1-overview.png"))
    box = page.get_by_role("textbox", name="Search the graph")
    box.fill("SC 36243")
    box.press("Enter")
    result = page.get_by_role("link", name="SC036243").first
    result.wait_for()
    page.screenshot(path=str(ARTIFACTS / "explorer-2-search.png"))
    result.click()
    _check_home(page, moves)
    assert "urn=SC036243" in page.evaluate("location.href")
    page.screenshot(path=str(ARTIFACTS / "explorer-3-home.png"), full_page=True)
    page.goto(served + "/?urn=SC036243")
    _check_home(page, moves)
    page.screenshot(path=str(ARTIFACTS / "explorer-4-shared-link.png"), full_page=True)


_NODE_AT = """(el, id) => {
  const cy = el._cyreg && el._cyreg.cy;
  const node = cy && cy.$id(id);
  if (!node || node.empty()) return null;
  const box = el.getBoundingClientRect(), at = node.renderedPosition();
  return {x: box.left + at.x, y: box.top + at.y};
}"""


@pytest.mark.browser
def test_clicking_a_home_in_the_movement_graph_opens_it(page, served, real_store_dir):
    from graph.store import EmbeddedStore

    with EmbeddedStore(real_store_dir) as store:
        moves = list(store.edges("STAFF_MOVE"))
    assert moves, "the real graph has the staff moves the Derby blog states"
    target = moves[0]["dst"]
    page.goto(served + "/movement")
    page.get_by_role("heading", name="Staff moves").first.wait_for()
    iframe = page.locator("iframe[title*='st_link_analysis']").first
    iframe.wait_for()
    frame = iframe.content_frame
    frame.locator("#cy canvas").first.wait_for()
    deadline = time.monotonic() + 20
    while frame.locator("#cy").evaluate(_NODE_AT, target) is None:
        assert time.monotonic() < deadline, "the graph never drew its homes"
        time.sleep(0.25)
    time.sleep(1.5)  # let the layout settle before aiming at a node
    at = frame.locator("#cy").evaluate(_NODE_AT, target)
    origin = iframe.bounding_box()
    page.screenshot(path=str(ARTIFACTS / "explorer-5-movement.png"))
    page.mouse.click(origin["x"] + at["x"], origin["y"] + at["y"])
    urn = target.removeprefix("home:")
    page.get_by_role("heading", name=urn).first.wait_for()
    assert f"urn={urn}" in page.evaluate("location.href")
    page.screenshot(path=str(ARTIFACTS / "explorer-6-clicked-home.png"))
