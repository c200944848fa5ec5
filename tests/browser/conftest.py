import os
import re
import shutil

import pytest

from tests.conftest import skip_or_fail
from tests.processes import worker_process

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        skip_or_fail("Chromium is not installed (Debian package chromium)", "REQUIRE_BROWSER")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed (pip install playwright)", "REQUIRE_BROWSER")
    # Playwright runs an event loop in this thread; the test's own ORM calls are synchronous
    # and safe, so let Django allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _is_an_error(message) -> bool:
    """A console error, but for the status of a page the test asked for on purpose: the
    portal's own 404 pages (a static file that fails is an error)."""
    if message.type != "error":
        return False
    url = (message.location or {}).get("url", "")
    return not ("status of 404" in message.text and "/static/" not in url)


def _watched(page):
    """``page`` recording CSP violations, console errors and uncaught script errors."""
    page.set_default_timeout(10_000)
    page.csp_violations = []
    page.console_errors = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            page.csp_violations.append(message.text)
        if _is_an_error(message):
            page.console_errors.append(f"{message.text} ({message.location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
    return page


@pytest.fixture
def new_page(browser, live_server):
    """Opens pages, each in a browser context of its own (another person at once); the test
    fails on any console error of any of them."""
    opened = []

    def open_page():
        context = browser.new_context(base_url=live_server.url)
        opened.append((context, _watched(context.new_page())))
        return opened[-1][1]

    yield open_page
    for context, _page in opened:
        context.close()
    errors = [error for _context, page in opened for error in page.console_errors]
    assert errors == [], "browser console errors"


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, email, password):
    """Email Login through the real login page."""
    page.goto("/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log In").click()


def download_when_ready(page):
    """On an export's page: its progress shows until the worker has written the file, then
    Download (the caller expects the download)."""
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.get_by_role("heading", name=re.compile("^Export of "))).to_be_visible()
    link = page.get_by_role("link", name=re.compile("^Download "))
    expect(link).to_be_visible(timeout=30_000)
    link.click()


@pytest.fixture
def worker(live_server):
    """A real `manage.py db_worker` beside the live server, for the exports a journey starts."""
    process = worker_process("--interval", "0.2")
    yield process
    process.terminate()
    process.wait(timeout=10)
