"""Browser tests: a real Chromium (Debian's, not Playwright's download) against live_server.

One browser per session; each test gets fresh contexts (no shared cookies) and a freshly
loaded catalogue: the behaviour catalogue (tests/fixture_catalogue.py), or the shipped one for a
module that sets SHIPPED_CATALOGUE = True and says why. The clock is not pinned here: Chromium
keeps the real time (a session cookie set on a pinned day would already have expired), so these
flows assert nothing that depends on the date. Without Chromium the tests skip locally and fail
in CI (CI=true).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every browser test, so CI can run them once (on SQLite), not once per database."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MISSING_CHROMIUM = "Chromium not installed: apt-get install -y chromium"

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def assert_no_violations(page, where: str) -> None:
    """axe-core's verdict on the page as it is now (after any clicks)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{where} ({page.url}):\n{results.generate_report()}"


# Generous enough for a busy 2-core CI machine; a passing test never waits this long.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{MISSING_CHROMIUM} (required in CI, so this fails instead of skipping)")
        pytest.skip(MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the main thread, where live_server's database
    # setup and the tests' own ORM calls also run; Django refuses those while a loop runs. So
    # Django's async-safety check is relaxed while, and only while, that loop exists.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def catalogue(request, browser, live_server, transactional_db) -> None:
    """Every browser test needs the catalogue; live_server needs a transactional database.

    Depends on `browser` so that a missing Chromium skips before any database work.
    """
    if getattr(request.module, "SHIPPED_CATALOGUE", False):
        call_command("load_catalogue", stdout=io.StringIO(), stderr=io.StringIO())
    else:
        from certifications.services import catalogue_import
        from tests.fixture_catalogue import behaviour_catalogue

        catalogue_import(catalogue=behaviour_catalogue())


@pytest.fixture
def new_context(browser, live_server) -> Iterator[Callable]:
    """Make a fresh browser context (own cookies and storage) at a viewport; closed afterwards."""
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP):
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A desktop-sized page in its own context."""
    return new_context(DESKTOP).new_page()
