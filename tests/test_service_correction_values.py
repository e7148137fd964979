"""Impossible figures typed as corrections: refused with a 422, or stored and flagged.

Non-finite and out-of-range numbers are no figure at all and are refused before anything is
stored; a negative score or one above its weight is a number a form can print, so it is stored
and the validator's finding says what is wrong with it (docs/findings.md, "Corrections").
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from extractor.service import ServiceSettings, create_app
from tests.conftest import EXAMPLES

SAMPLE = (EXAMPLES / "sample_report.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    settings = ServiceSettings(data_dir=tmp_path_factory.mktemp("data"), workers=1, poll_interval_s=0.05)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        report_id = client.post("/api/reports", json={"text": SAMPLE}).json()["id"]
        deadline = time.monotonic() + 30
        while client.get(f"/api/reports/{report_id}").json()["status"] != "done":
            assert time.monotonic() < deadline, "the sample did not finish"
            time.sleep(0.05)
        yield client, report_id


def correct(done: tuple[TestClient, str], field: str, value: str) -> Any:
    client, report_id = done
    return client.post(f"/api/reports/{report_id}/forms/0/corrections",
                       json={"corrections": [{"field": field, "value": value}]})


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("nan", "is not a number"),
        ("-Infinity", "is not a number"),
        ("inf", "is not a number"),
        ("sNaN", "is not a number"),
        ("1e999999999", "out of range"),
        ("1e-999999999", "out of range"),
        ("12345678901234567890", "out of range"),
    ],
)
@pytest.mark.parametrize("field", ["indicators[4].score", "funds[total].executed"])
def test_a_figure_that_is_no_number_is_refused(done: tuple[TestClient, str], field: str, value: str,
                                               words: str) -> None:
    client, report_id = done
    before = client.get(f"/api/reports/{report_id}").json()["counts"]["corrections"]
    started = time.perf_counter()
    response = correct(done, field, value)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "invalid-correction" and words in body["detail"] and field in body["detail"]
    assert "type a number" in body["hint"]
    assert time.perf_counter() - started < 5  # never expanded into a billion digits
    assert client.get(f"/api/reports/{report_id}").json()["counts"]["corrections"] == before


def test_non_finite_words_stay_text_in_a_text_field(done: tuple[TestClient, str]) -> None:
    response = correct(done, "header.project_name", "inf")
    assert response.status_code == 200, response.text
    assert response.json()["form"]["header"]["project_name"]["value"] == "inf"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("indicators[4].score", "-5", "VALUE_NEGATIVE"),
        ("funds[total].budget", "-35", "VALUE_NEGATIVE"),
        ("indicators[4].score", "999", "INDICATOR_SCORE_OVER_WEIGHT"),
    ],
)
def test_an_impossible_but_real_number_is_stored_and_flagged(done: tuple[TestClient, str], field: str, value: str,
                                                             code: str) -> None:
    response = correct(done, field, value)
    assert response.status_code == 200, response.text
    flagged = [f for f in response.json()["findings"] if f["code"] == code]
    assert flagged and flagged[0]["fields"][0] == field
