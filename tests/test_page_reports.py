"""The page around one report: failures in Chinese first without a pointless Retry, thin forms,
named pastes, deleting, searching, a phone-width window, and scans with their page image."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest

from tests.conftest import EXAMPLES
from tests.page_browser import (  # noqa: F401
    base_url_fixture,
    context_fixture,
    needs_chromium,
    page_fixture,
    paste,
    upload,
)

pytestmark = needs_chromium
SAMPLE = EXAMPLES / "sample_report.txt"
SCAN = Path(__file__).parent / "fixtures" / "scans" / "national-1.scan.jpg"


def _get(url: str) -> Any:
    with urlopen(url) as response:
        return json.load(response)


def test_deterministic_failure_is_explained_in_chinese_without_retry(page: Any) -> None:
    report_id = paste(page, "hello world, nothing to read here", status="failed")
    reason = page.locator("#report-reason")
    assert reason.get_attribute("data-code") == "no-form-found"
    assert reason.inner_text().startswith("没有找到可识别的绩效表")
    assert "no performance form was found" in reason.inner_text()  # English second
    assert page.locator("#retry-button").count() == 0
    assert "重试会得到相同结果" in page.locator("#report").inner_text()

    def as_timeout(route: Any) -> None:  # the same report as if it had run out of time
        body = route.fetch().json() | {"error_code": "timeout", "reason": "the job ran past its time limit"}
        route.fulfill(json=body)

    page.route(f"**/api/reports/{report_id}", as_timeout)
    page.reload()
    page.wait_for_selector("#report-status[data-status=failed]")
    assert page.locator("#retry-button").is_visible()
    assert page.locator("#report-reason").inner_text().startswith("处理超时")


def test_a_form_with_almost_nothing_read_says_so(page: Any) -> None:
    # a title alone is no form (nothing may be invented); a title, a year and a bare header row is one, nearly empty
    paste(page, "项目支出绩效自评表\n2023年度\n一级指标 二级指标 三级指标")
    notice = page.locator('.form[data-form-index="0"] .thin-form')
    assert notice.is_visible() and "几乎没有读到内容" in notice.inner_text() and "almost nothing" in notice.inner_text()
    paste(page, SAMPLE.read_text(encoding="utf-8"))
    assert page.locator(".thin-form").count() == 0


def test_pasted_text_is_listed_by_its_name(page: Any, base_url: str) -> None:
    report_id = paste(page, SAMPLE.read_text(encoding="utf-8").replace("巡检", "巡查"), title="饮水巡查 2023")
    item = next(i for i in _get(f"{base_url}/api/reports")["items"] if i["id"] == report_id)
    if "display_name" not in item:
        pytest.skip("the list has no display_name yet (the API part of issue 21)")
    assert item["display_name"] == "饮水巡查 2023"
    assert page.locator("#report-name").inner_text() == "饮水巡查 2023"
    page.locator(f'#report-list li[data-id="{report_id}"] a', has_text="饮水巡查 2023").wait_for()


def test_delete_asks_then_removes_the_report(page: Any, base_url: str) -> None:
    report_id = paste(page, SAMPLE.read_text(encoding="utf-8").replace("巡检", "删除测试"))
    page.locator(f'#report-list li[data-id="{report_id}"]').wait_for()
    page.once("dialog", lambda dialog: dialog.dismiss())  # "cancel" keeps it
    page.click("#delete-button")
    assert _get(f"{base_url}/api/reports/{report_id}")["id"] == report_id
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#delete-button")
    page.wait_for_selector("#toast:not([hidden])")
    if "删除失败" in page.locator("#toast").inner_text():
        request = Request(f"{base_url}/api/reports/{report_id}", method="DELETE")
        with pytest.raises(HTTPError) as refused:
            urlopen(request)
        if refused.value.code in (404, 405):
            pytest.skip("DELETE /api/reports/{id} is not there yet (the API part of issue 21)")
        raise AssertionError(page.locator("#toast").inner_text())
    with pytest.raises(HTTPError) as gone:
        urlopen(f"{base_url}/api/reports/{report_id}")
    assert gone.value.code == 404
    page.locator(f'#report-list li[data-id="{report_id}"]').wait_for(state="detached")  # the list reloads
    assert "报告已删除" in page.locator("#report").inner_text()


def test_search_box_and_status_filter(page: Any, base_url: str) -> None:
    wanted = "搜索测试甲乙丙项目"
    paste(page, SAMPLE.read_text(encoding="utf-8").replace("示例县农村饮水安全巡检项目", wanted))
    paste(page, "no form in this text at all", status="failed")
    everything = _get(f"{base_url}/api/reports")["total"]
    if _get(f"{base_url}/api/reports?{urlencode({'q': wanted})}")["total"] == everything:
        pytest.skip("GET /api/reports ignores q= (the API part of issue 21 is not merged yet)")
    page.fill("#search-q", wanted)
    page.press("#search-q", "Enter")
    page.locator("#report-list li.status-done").first.wait_for()
    page.wait_for_selector("#report-list li:nth-child(2)", state="detached")
    page.fill("#search-q", "")
    page.select_option("#search-status", "failed")
    page.locator("#report-list li.status-failed").first.wait_for()
    page.wait_for_selector("#report-list li.status-done", state="detached")
    classes = page.locator("#report-list li").evaluate_all("lis => lis.map(li => li.className)")
    assert classes and all(c == "status-failed" for c in classes)


def test_usable_at_390_px(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    paste(page, SAMPLE.read_text(encoding="utf-8").replace("巡检", "窄屏"))
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] <= 390  # no sideways scrolling of the page
    wrap = page.locator(".grid-wrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # the table scrolls inside its box
    assert page.locator("#report").bounding_box()["y"] < page.locator("#upload-form").bounding_box()["y"]
    for button in ("#delete-button", "#download-xlsx"):
        box = page.locator(button).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_scan_shows_its_page_with_the_cells_box(page: Any) -> None:
    upload(page, SCAN)
    assert page.locator("#page-image").count() == 0  # only once a cell is clicked
    page.locator('.form[data-form-index="0"] td.bound').nth(5).click()
    image = page.locator("#page-image")
    image.wait_for()
    box = page.locator("#page-box")
    page.wait_for_selector("#page-box[data-bbox]")
    natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert natural[0] > 500 and natural[1] > 500
    frame = image.bounding_box()
    drawn = box.bounding_box()
    assert drawn["width"] > 5 and drawn["height"] > 5
    assert frame["x"] <= drawn["x"] and drawn["x"] + drawn["width"] <= frame["x"] + frame["width"] + 1
    assert "第 1 页" in page.locator("#page-caption").inner_text()
