"""The page on long, multi-form documents: each form its own rows, contents, collapsing, the source
pane following the form read, findings grouped by rule (seeds 000, 002, 004 from ../shared)."""

from __future__ import annotations

import json
from typing import Any
from urllib.request import urlopen

from tests.conftest import seed
from tests.page_browser import (  # noqa: F401
    base_url_fixture,
    context_fixture,
    needs_chromium,
    page_fixture,
    upload,
)

pytestmark = needs_chromium


def _keys(page: Any, form: int) -> list[str]:
    return page.locator(f'.form[data-form-index="{form}"] td.cell').evaluate_all("tds => tds.map(t => t.dataset.key)")


def test_forms_sharing_one_grid_each_draw_their_own_rows(page: Any) -> None:
    upload(page, seed("000"))
    assert page.locator(".form").count() == 2
    first, second = set(_keys(page, 0)), set(_keys(page, 1))
    assert first and second and not first & second  # the document is no longer drawn twice
    tables = page.locator('table.grid[data-grid-id="t1"]')
    assert tables.count() == 2
    end_of_first = int(tables.nth(0).get_attribute("data-last-row"))
    start_of_second = int(tables.nth(1).get_attribute("data-first-row"))
    assert start_of_second == end_of_first + 1
    assert "云阳县2021年部门整体支出绩效自评表" in tables.nth(1).inner_text()
    assert "云阳县2021年部门整体支出绩效自评表" not in tables.nth(0).inner_text()


def test_contents_and_collapsible_forms(page: Any) -> None:
    upload(page, seed("002"))
    toc = page.locator("#toc li a")
    assert toc.count() == page.locator(".form").count() == 4
    page.click("#collapse-all")
    assert page.locator("table.grid").first.is_hidden()
    assert all(not d for d in page.locator("details.form").evaluate_all("ds => ds.map(d => d.open)"))
    toc.nth(2).click()  # opens that form and brings it into view
    third = page.locator('.form[data-form-index="2"]')
    assert third.evaluate("d => d.open") and third.locator("table.grid").first.is_visible()
    assert page.locator('.form[data-form-index="0"] table.grid').first.is_hidden()
    page.click("#expand-all")
    assert page.locator("table.grid").first.is_visible()


def test_source_pane_follows_the_form_and_marks_the_clicked_cell(page: Any) -> None:
    upload(page, seed("002"))
    source = page.locator("#source-text")
    page.locator('.form[data-form-index="3"]').evaluate("d => d.scrollIntoView({block: 'start'})")
    page.wait_for_selector('#source-text[data-following="3"]')
    assert source.evaluate("pre => pre.scrollTop") > 0
    assert page.locator("#source-pane").is_visible()  # sticky beside the forms, not left at the top
    assert page.locator("#source-pane").bounding_box()["y"] < 1000
    cell = page.locator('.form[data-form-index="3"] td.bound').nth(3)
    cell.click()
    marked = page.locator("#source-text mark").inner_text().strip()
    assert marked == cell.evaluate("td => td.firstChild.textContent").strip()


def test_findings_of_one_rule_are_one_entry_with_a_count(page: Any, base_url: str) -> None:
    report_id = upload(page, seed("004"))
    with urlopen(f"{base_url}/api/reports/{report_id}") as response:
        findings = json.load(response)["forms"][0]["findings"]
    codes = {f["code"] for f in findings}
    entries = page.locator('.form[data-form-index="0"] li.finding')
    assert entries.count() == len(codes) < len(findings)
    counts = entries.evaluate_all("lis => lis.map(li => Number(li.dataset.count))")
    assert sum(counts) == len(findings) and max(counts) > 1
    biggest = entries.nth(counts.index(max(counts)))
    assert f"×{max(counts)}" in biggest.inner_text()
    biggest.click()  # steps through the rule's cells
    first = page.locator("td.focus").evaluate_all("tds => tds.map(t => t.dataset.key)")
    biggest.click()
    second = page.locator("td.focus").evaluate_all("tds => tds.map(t => t.dataset.key)")
    assert first and second and first != second
    table_top = page.locator('.form[data-form-index="0"] table.grid').first.bounding_box()["y"]
    assert table_top < 1000  # the table starts above the fold instead of below eight blocks
