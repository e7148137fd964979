"""Corrections cost O(new items): each request applies only its own items to the stored version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.ingest import ingest_text
from extractor.pipeline import extract_document
from extractor.service.corrections import apply_corrections
from extractor.service.settings import ServiceSettings
from extractor.service.store import Correction, Store, make_store
from tests.conftest import EXAMPLES

ROUNDS = [
    [("indicators[4].actual", "3.1万人")],
    [("indicators[4].score", "15"), ("funds[total].rate", "90%")],
    [("indicators[4].score", "17.33")],
]


@pytest.fixture(scope="module")
def extraction() -> dict[str, Any]:
    text = (EXAMPLES / "sample_report.txt").read_text(encoding="utf-8")
    return extract_document(ingest_text(text, "sample_report.txt"), backend="rules").to_output()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def done_report(request: pytest.FixtureRequest, tmp_path: Path, extraction: dict[str, Any]) -> Iterator[tuple[Store, str]]:
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    store = make_store(ServiceSettings(data_dir=tmp_path / "data", database_url=url))
    store.open()
    report, _ = store.submit(b"sample", input_kind="text", filename="s.txt", media_type="text/plain")
    store.claim("w")
    assert store.complete(report.id, "w", extraction, {}, 1)
    yield store, report.id
    store.close()


def correct(store: Store, report_id: str, items: list[tuple[str, str]], recompute: Any = apply_corrections) -> list[Correction]:
    return store.add_corrections(
        report_id, 0, [(f, v, None) for f, v in items], author="op", note=None, recompute=recompute
    )


def test_incremental_corrections_equal_replaying_them_all(done_report: tuple[Store, str], extraction: dict[str, Any]) -> None:
    store, report_id = done_report
    for items in ROUNDS:
        correct(store, report_id, items)
    stored = store.corrections(report_id)
    assert [(c.field, c.value) for c in stored] == [item for items in ROUNDS for item in items]
    result = store.result(report_id)
    assert result is not None and result.extraction == extraction  # the extraction is never changed
    assert result.effective == apply_corrections(extraction, stored)
    indicator = result.effective["forms"][0]["indicators"][4]
    assert indicator["score"]["value"] == "17.33" and indicator["actual"]["raw"] == "3.1万人"


def test_a_request_applies_only_its_own_items_however_many_are_stored(done_report: tuple[Store, str]) -> None:
    store, report_id = done_report
    for i in range(40):
        correct(store, report_id, [("indicators[4].score", str(i % 20))])
    seen: list[int] = []

    def counting(document: dict[str, Any], corrections: list[Correction]) -> dict[str, Any]:
        seen.append(len(corrections))
        return apply_corrections(document, corrections)

    answer = correct(store, report_id, [("indicators[4].score", "12"), ("funds[total].rate", "80%")], counting)
    assert seen == [2] and len(answer) == 42
    assert store.result(report_id).effective["forms"][0]["indicators"][4]["score"]["value"] == "12"  # type: ignore[union-attr]


def test_a_concurrent_correction_is_applied_again_on_top_not_lost(done_report: tuple[Store, str]) -> None:
    store, report_id = done_report
    rounds: list[int] = []

    def interrupted(document: dict[str, Any], corrections: list[Correction]) -> dict[str, Any]:
        rounds.append(1)
        if len(rounds) == 1:  # another operator's request lands between our read and our write
            correct(store, report_id, [("indicators[4].actual", "3.1万人")])
        return apply_corrections(document, corrections)

    correct(store, report_id, [("indicators[4].score", "17.33")], interrupted)
    assert len(rounds) == 2
    effective = store.result(report_id).effective["forms"][0]["indicators"][4]  # type: ignore[union-attr]
    assert effective["actual"]["raw"] == "3.1万人" and effective["score"]["value"] == "17.33"
    assert [c.field for c in store.corrections(report_id)] == ["indicators[4].actual", "indicators[4].score"]


def test_correcting_an_unfinished_report_is_refused(tmp_path: Path) -> None:
    store = make_store(ServiceSettings(data_dir=tmp_path / "data"))
    store.open()
    try:
        report, _ = store.submit(b"x", input_kind="text", filename="x", media_type="text/plain")
        with pytest.raises(LookupError):
            correct(store, report.id, [("indicators[4].score", "1")])
        assert store.corrections(report.id) == []
    finally:
        store.close()
