"""Fixtures and helpers shared by the page tests (tests/test_page_*.py) that drive Chromium.

Debian's chromium at /usr/bin/chromium, headless, through Playwright; tests that import these
fixtures are skipped where it is absent.  Playwright's own browser download is never used.
The fixtures are named ``base_url``, ``context`` and ``page``; a test module imports the
``*_fixture`` functions to make them available.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.service.local import serve_in_thread
from extractor.service.settings import ServiceSettings

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module", name="base_url")
def base_url_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = ServiceSettings(data_dir=tmp_path_factory.mktemp("data"), workers=1, poll_interval_s=0.05)
    with serve_in_thread(settings) as url:
        yield url


@pytest.fixture(scope="module", name="context")
def context_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        yield ctx
        ctx.close()


@pytest.fixture(name="page")
def page_fixture(context: Any, base_url: str) -> Iterator[Any]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base_url}/")
    yield page
    page.close()
    assert errors == [], f"the page raised: {errors}"


def upload(page: Any, path: Path, status: str = "done") -> str:
    """Uploads ``path`` through the page, waits for ``status``; returns the report id."""
    before = page.url
    page.set_input_files("#file-input", str(path))
    page.click("#upload-button")
    return _shown(page, before, status)


def paste(page: Any, text: str, title: str = "", status: str = "done") -> str:
    """Pastes ``text`` (a new document: a resubmission would keep the page where it is)."""
    before = page.url
    page.fill("#paste-title", title)
    page.fill("#paste-text", text)
    page.click("#paste-button")
    return _shown(page, before, status)


def _shown(page: Any, before: str, status: str) -> str:
    # the previous report stays drawn until the new one is fetched: wait for the new id first
    page.wait_for_url(lambda url: url != before and "#/reports/" in url)
    report_id = str(page.url.rsplit("/", 1)[-1])
    page.wait_for_selector(f'#report[data-report-id="{report_id}"] #report-status[data-status={status}]')
    return report_id
