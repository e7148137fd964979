"""The web page in a real browser: Debian's chromium, headless, driven by Playwright.

Skipped where /usr/bin/chromium is absent (a developer machine); CI installs it from
scripts/debian-packages.txt.  Playwright's own browser download is never used.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.service.docs import swagger_dir
from extractor.service.local import serve_in_thread
from extractor.service.settings import ServiceSettings
from tests.conftest import EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

SAMPLE = EXAMPLES / "sample_report.txt"
PROJECT = "示例县农村饮水安全巡检项目"
MISSED = "INDICATOR_FULL_SCORE_MISSED_TARGET"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = ServiceSettings(data_dir=tmp_path_factory.mktemp("data"), workers=1, poll_interval_s=0.05)
    with serve_in_thread(settings) as url:
        yield url


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),  # a fresh --user-data-dir
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            accept_downloads=True,
            viewport={"width": 1400, "height": 1000},
        )
        yield ctx
        ctx.close()


@pytest.fixture
def page(context: Any, base_url: str) -> Iterator[Any]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base_url}/")
    yield page
    page.close()
    assert errors == [], f"the page raised: {errors}"


def paste(page: Any, text: str) -> str:
    page.fill("#paste-text", text)
    page.click("#paste-button")
    page.wait_for_selector("#report-status[data-status=done]")
    return page.url.rsplit("/", 1)[-1]


def test_upload_shows_the_finding_on_its_cell_and_downloads_xlsx(page: Any) -> None:
    page.set_input_files("#file-input", str(SAMPLE))
    page.click("#upload-button")
    page.wait_for_selector("#report-status[data-status=done]")
    report_id = page.url.rsplit("/", 1)[-1]
    score = page.locator('.form[data-form-index="0"] td[data-key="t1:15:7"]')
    assert score.inner_text() == "20"
    assert "has-finding" in score.get_attribute("class") and "sev-error" in score.get_attribute("class")
    assert "受益农村人口" in score.get_attribute("title")  # the message on hover
    score.click()
    panel = page.locator("#cell-panel")
    assert panel.is_visible() and MISSED in panel.inner_text()
    assert page.locator("#source-text mark").inner_text() == "20"  # the source text beside it, at that cell
    assert page.locator(f'li.finding[data-code="{MISSED}"]').count() == 1
    assert page.locator('.form[data-form-index="0"] h3 small.layout').inner_text().strip() == "· 版式 table 0.50"
    with page.expect_download() as info:
        page.click("#download-xlsx")
    download = info.value
    assert download.suggested_filename == f"jixiao-{report_id}.xlsx"
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert MISSED in [row[4] for row in book["问题清单"].iter_rows(values_only=True)]


def test_correcting_a_cell_revalidates_the_form(page: Any) -> None:
    paste(page, SAMPLE.read_text(encoding="utf-8").replace(PROJECT, f"{PROJECT}（更正）"))
    assert page.locator(f'li.finding[data-code="{MISSED}"]').count() == 1
    page.click('.form[data-form-index="0"] td[data-key="t1:15:5"]')
    label = page.locator("#cell-panel .corrections label").first.inner_text()
    assert label.startswith("受益农村人口") and "实际完成值" in label  # what the form calls it, the path second
    page.fill('#cell-panel input[name="indicators[4].actual"]', "3.1万人")
    page.fill("#correction-author", "王会计")
    page.click("#save-correction")
    page.wait_for_selector(f'li.finding[data-code="{MISSED}"]', state="detached")
    actual = page.locator('.form[data-form-index="0"] td[data-key="t1:15:5"]')
    assert "corrected" in actual.get_attribute("class") and "3.1万人" in actual.inner_text()
    assert "1 处更正" in page.locator(".summary").inner_text()


def test_document_markup_is_shown_as_text(page: Any) -> None:
    markup = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    paste(page, SAMPLE.read_text(encoding="utf-8").replace(PROJECT, markup))
    cell = page.locator('.form[data-form-index="0"] td[data-key="t1:1:1"]')
    assert cell.inner_text() == markup
    assert page.locator("#report img, #report script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_refused_upload_shows_the_problem(page: Any, tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    page.set_input_files("#file-input", str(junk))
    page.click("#upload-button")
    error = page.locator("#submit-error")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("不支持的文件类型：")  # Chinese first, the service's English after
    assert "unsupported file type" in error.inner_text()


def test_api_docs_render_offline(page: Any, base_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}/docs")
    if swagger_dir() is None:  # without swagger-ui-bundle-v2: the plain server-rendered list
        paths = page.locator("td code").all_inner_texts()
    else:
        page.wait_for_selector(".opblock-summary-path")
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert page.locator("button.authorize").count() == 1  # the token scheme is declared
    assert "/api/reports" in paths and "/api/reports/{report_id}/export.{fmt}" in paths
    assert all(url.startswith(base_url) for url in requested), [u for u in requested if not u.startswith(base_url)]


def test_page_asks_for_the_token_when_the_api_needs_one(context: Any, tmp_path: Path) -> None:
    settings = ServiceSettings(data_dir=tmp_path, workers=1, token="page-token-0123456789", poll_interval_s=0.05)
    with serve_in_thread(settings) as url:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.goto(f"{url}/")
            page.locator("#token-form").wait_for(state="visible")
            page.fill("#token-input", "page-token-0123456789")
            page.click("#token-form button")
            paste(page, SAMPLE.read_text(encoding="utf-8"))
            assert page.locator(f'li.finding[data-code="{MISSED}"]').count() == 1
            assert page.locator("#token-form").is_hidden()
        finally:
            page.close()
