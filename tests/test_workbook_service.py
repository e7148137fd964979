"""The service's workbook export: forms drawn from the stored grids, the report's corrections logged."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from tests.test_service_api import make_client, sample_text, submit_text, wait_finished


def test_service_workbook_has_the_grid_and_the_correction_log(tmp_path: Path) -> None:
    with make_client(tmp_path / "data") as client:
        report_id = submit_text(client, sample_text())["id"]
        wait_finished(client, report_id)
        url = f"/api/reports/{report_id}/forms/0/corrections"
        body = {"corrections": [{"field": "indicators[4].actual", "value": "3.1万人"}], "author": "王会计", "note": "核对原件"}
        assert client.post(url, json=body).status_code == 200
        book = load_workbook(io.BytesIO(client.get(f"/api/reports/{report_id}/export.xlsx").content))
        raw = load_workbook(io.BytesIO(client.get(f"/api/reports/{report_id}/export.xlsx?version=raw").content))
    form = book.worksheets[0]
    assert form.merged_cells.ranges  # drawn from the stored grid, not from value positions only
    [log] = list(book["更正记录"].iter_rows(min_row=2, values_only=True))
    assert log[2:7] == ("indicators[4].actual", "2.6万人", "3.1万人", "王会计", log[6]) and log[6]
    corrected = next(c for row in form.iter_rows() for c in row if c.value == "3.1万人")
    assert corrected.comment is not None and "2.6万人 → 3.1万人" in corrected.comment.text
    assert list(raw["更正记录"].iter_rows(min_row=2, values_only=True)) == [("（没有更正）",) + (None,) * 7]
