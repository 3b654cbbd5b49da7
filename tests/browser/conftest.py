"""Browser tests: Playwright driving Debian's Chromium against a live server on loopback.

Outside CI the tests skip, saying why, when no Chromium can be found; with CI=true they fail.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from directory import create_app
from directory.cli import default_seed_paths
from directory.database import session
from directory.interop.hsds_json import load_paths
from directory.migrations_runner import upgrade
from tests.dbutil import drop_scratch_database, scratch_database_url

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Flags from the machine notes: no background networking (the network is closed here).
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # When the browser drops a connection mid-response, the live server's thread leaves
            # the file it was sending to the garbage collector: noise, not an app defect.
            item.add_marker(pytest.mark.filterwarnings(
                "ignore::pytest.PytestUnraisableExceptionWarning"))
            item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def live_app():
    """The standalone app on a scratch database, migrated and loaded with the demo catalog."""
    url = scratch_database_url("browser")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "browser-tests-secret-key",
                      # Many tests sign in within a minute on this one app.
                      "DIRECTORY_LOGIN_RATE_LIMIT": "1000/minute"})
    with app.app_context():
        upgrade()
        load_paths(default_seed_paths())
        session.commit()
    yield app
    with app.app_context():
        app.extensions["directory"].db.engine.dispose()
    drop_scratch_database(url)


@pytest.fixture(scope="session")
def live_server(live_app):
    """Base URL of the app served by a real HTTP server in a thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def console_errors():
    """Console errors and uncaught page errors seen during the test."""
    return []


def _new_page(browser, console_errors, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    return context, page


@pytest.fixture
def page(browser, console_errors):
    """A desktop-sized page."""
    context, page = _new_page(browser, console_errors, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, console_errors):
    """A 360-px-wide phone page with touch, as most people searching will have."""
    context, page = _new_page(
        browser, console_errors, viewport={"width": 360, "height": 740},
        device_scale_factor=2, is_mobile=True, has_touch=True,
    )
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under tests/browser/screenshots/ for people to look at."""

    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
