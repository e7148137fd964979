"""Searching, summarising and deleting reports: the store on both backends, then the HTTP API."""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette's notice that it prefers httpx2 is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from extractor.service.intake import PASTED_LABEL
from extractor.service.settings import ServiceSettings
from extractor.service.store import Correction, SqliteStore, Store, make_store
from extractor.service.store.model import ReportBusy
from extractor.service.store.search import ReportQuery, summarize
from tests.conftest import seed
from tests.test_service_api import (
    assert_problem,
    make_client,
    submit_text,
    wait_finished,
)

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def form(
    *, unit: str | None, project: str | None, year: Any, codes: list[tuple[str, str]], title: str | None = None
) -> dict[str, Any]:
    header = {k: {"value": v}
              for k, v in (("title", title), ("unit_name", unit), ("project_name", project), ("year", year))}
    return {"header": header, "findings": [{"code": c, "severity": s, "fields": []} for c, s in codes]}


DOCS = {
    "a": {"forms": [form(unit="云阳县信访办公室", project="信访维稳专网费", year=2021,
                         codes=[("TOTAL_WEIGHT_MISMATCH", "error"), ("EXEC_RATE_ROUNDING", "info")])]},
    "b": {"forms": [form(unit="Fushun Bureau of FINANCE", project="100%_roads", year="2023",
                         codes=[("SCORE_OVER_WEIGHT", "warning")]),
                    form(unit="Other", project=None, year=2020, codes=[("SCORE_OVER_WEIGHT", "warning")])]},
    "c": {"forms": [form(unit=None, project="Ärzte-Programm", year=None, codes=[])]},
}


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    s = make_store(ServiceSettings(data_dir=tmp_path / "data", database_url=url))
    s.open()
    yield s
    s.close()


def finished(store: Store, name: str, doc: dict[str, Any], *, kind: str = "file") -> str:
    content = name.encode() + b" bytes " + json.dumps(doc).encode()
    report, created = store.submit(content, input_kind=kind, filename=name, media_type="text/plain")
    assert created
    claimed = store.claim("w")
    assert claimed is not None and claimed.id == report.id
    assert store.complete(report.id, "w", json.dumps(doc), "{}", 1)  # as the job child sends it: JSON text
    return report.id


def ids(store: Store, **filters: Any) -> list[str]:
    found, total = store.search(ReportQuery(**filters), pasted_label=PASTED_LABEL)
    assert total == len(found) or "limit" in filters
    return [item.report.id for item in found]


def test_summary_counts_and_first_values_read() -> None:
    s = summarize(DOCS["b"])
    assert (s.forms, s.errors, s.warnings, s.unit, s.project, s.year) == (
        2, 0, 2, "Fushun Bureau of FINANCE", "100%_roads", 2023
    )
    assert s.codes == ("SCORE_OVER_WEIGHT",) and s.label == "Fushun Bureau of FINANCE"
    assert summarize(DOCS["a"]).errors == 1 and summarize({}).forms == 0 and summarize({}).year is None


def test_every_filter_selects_on_both_backends(store: Store) -> None:
    a = finished(store, "xinfang.docx", DOCS["a"])
    b = finished(store, "fushun.xlsx", DOCS["b"])
    c = finished(store, "aerzte.pdf", DOCS["c"])
    queued, _ = store.submit(b"waiting", input_kind="file", filename="Finance-notes.txt", media_type="text/plain")
    assert ids(store) == [queued.id, c, b, a]
    assert ids(store, q="finance") == [queued.id, b]  # the queued one by its file name, b by its unit, any case
    assert ids(store, q="信访") == [a] and ids(store, q="ärzte") == [c] and ids(store, q="ÄRZTE") == [c]
    assert ids(store, q="100%_") == [b] and ids(store, q="0%x") == [] and ids(store, q="_") == [b]
    assert ids(store, unit="bureau") == [b] and ids(store, unit="信访") == [a]
    assert ids(store, unit="finance-notes") == []
    assert ids(store, project="roads") == [b] and ids(store, project="专网") == [a]
    assert ids(store, year=2023) == [b] and ids(store, year=2021) == [a] and ids(store, year=2020) == []
    assert ids(store, finding="SCORE_OVER_WEIGHT") == [b] and ids(store, finding="TOTAL_WEIGHT_MISMATCH") == [a]
    assert ids(store, finding="SCORE_OVER") == [] and ids(store, finding="SCORE%") == []
    assert ids(store, status="queued") == [queued.id] and ids(store, status="done", q="finance") == [b]
    assert ids(store, year=2021, finding="SCORE_OVER_WEIGHT") == []
    page, total = store.search(ReportQuery(limit=1, offset=1, status="done"))
    assert total == 3 and [i.report.id for i in page] == [b]
    listed = {i.report.id: i.summary for i in store.search(ReportQuery())[0]}
    assert listed[queued.id] is None and listed[b] is not None and listed[b].warnings == 2
    assert store.summary(a) is not None and store.summary(a).codes == ("EXEC_RATE_ROUNDING", "TOTAL_WEIGHT_MISMATCH")


def test_a_nameless_paste_is_found_by_what_was_read_not_by_its_placeholder(store: Store) -> None:
    read = form(title="某县2022年部门整体支出绩效自评表", unit=None, project=None, year=2022, codes=[])
    pasted = finished(store, PASTED_LABEL, {"forms": [read]}, kind="text")
    empty = finished(store, PASTED_LABEL, {"forms": []}, kind="text")
    assert ids(store, q="pasted") == []
    assert ids(store, q="部门整体") == [pasted]
    day = store.get(empty).created_at[:10]
    assert ids(store, q=f"粘贴文本 {day}") == [empty] and ids(store, q="粘贴文本") == [empty]


def test_a_correction_re_summarises_the_report(store: Store) -> None:
    a = finished(store, "a.docx", DOCS["a"])

    def recompute(doc: dict[str, Any], items: list[Correction]) -> dict[str, Any]:
        fixed = json.loads(json.dumps(doc))
        fixed["forms"][0]["findings"] = [
            f for f in fixed["forms"][0]["findings"] if f["code"] != "TOTAL_WEIGHT_MISMATCH"
        ]
        fixed["forms"][0]["header"]["year"] = {"value": 2022}
        return fixed

    store.add_corrections(a, 0, [("totals.weight", "110", None)], author="t", note=None, recompute=recompute)
    assert ids(store, finding="TOTAL_WEIGHT_MISMATCH") == [] and ids(store, finding="EXEC_RATE_ROUNDING") == [a]
    assert ids(store, year=2022) == [a] and store.summary(a).errors == 0  # type: ignore[union-attr]


def test_delete_removes_everything_of_the_report(store: Store) -> None:
    a = finished(store, "a.docx", DOCS["a"])
    keep = finished(store, "b.docx", DOCS["b"])
    report = store.get(a)
    assert report is not None
    store.add_corrections(a, 0, [("totals.weight", "1", None)], author="t", note=None, recompute=lambda d, _: d)
    assert store.delete(a) == report
    assert store.get(a) is None and store.result(a) is None and store.corrections(a) == []
    assert store.summary(a) is None and ids(store, finding="TOTAL_WEIGHT_MISMATCH") == []
    with pytest.raises(Exception):  # noqa: B017 - BlobCorrupt from either backend
        store.read_blob(report)
    assert store.delete(a) is None and ids(store) == [keep]
    content = b"a.docx bytes " + json.dumps(DOCS["a"]).encode()
    again, created = store.submit(content, input_kind="file", filename="a.docx", media_type="text/plain")
    assert created and again.status == "queued" and store.read_blob(again) == content


def test_a_processing_report_is_not_deleted(store: Store) -> None:
    report, _ = store.submit(b"busy", input_kind="file", filename="busy.txt", media_type="text/plain")
    store.claim("w")
    with pytest.raises(ReportBusy, match="being processed"):
        store.delete(report.id)
    assert store.read_blob(report) == b"busy"
    assert store.fail(report.id, "w", "broken", "error", 1)
    assert store.delete(report.id) is not None and store.get(report.id) is None


def test_sqlite_delete_removes_the_blob_file(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "data")
    store.open()
    try:
        report, _ = store.submit(b"doc", input_kind="file", filename="d.txt", media_type="text/plain")
        blob = store.blobs.path(report.sha256)
        assert blob.is_file()
        store.delete(report.id)
        assert not blob.exists()
    finally:
        store.close()


def test_results_stored_before_the_migration_are_summarised(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from extractor.service.store.migrate import _config

    db = tmp_path / "data" / "jixiao.sqlite3"
    db.parent.mkdir(parents=True)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(db))
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0002")
    engine.dispose()
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO reports (id, sha256, input_kind, filename, media_type, size, status, created_at, queued_at)"
        " VALUES ('r1', 'ab', 'file', 'a.docx', 'text/plain', 1, 'done', '2026-01-01', '2026-01-01')"
    )
    con.execute("INSERT INTO results (report_id, extraction, layout) VALUES ('r1', ?, '{}')", (json.dumps(DOCS["a"]),))
    con.commit()
    con.close()
    store = SqliteStore(tmp_path / "data")
    store.open()
    try:
        assert ids(store, finding="TOTAL_WEIGHT_MISMATCH", year=2021, unit="信访") == ["r1"]
    finally:
        store.close()


# -- the HTTP API -------------------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with make_client(tmp_path / "data", database_url=url) as c:
        yield c


def listing(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/reports", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_pasted_reports_are_named_summarised_and_searchable(client: TestClient) -> None:
    text = seed("000").read_text(encoding="utf-8")
    nameless = submit_text(client, text)
    assert nameless["display_name"].startswith("粘贴文本 ") and nameless["summary"] is None
    detail = wait_finished(client, nameless["id"])
    assert detail["status"] == "done" and detail["display_name"] == "云阳县2021年项目支出绩效自评明细表"
    titled = client.post("/api/reports", json={"text": text + "\n", "title": "信访办 2021"}).json()
    failed = wait_finished(client, submit_text(client, "nothing to read here at all")["id"])
    assert failed["status"] == "failed" and failed["display_name"].startswith("粘贴文本 ")
    wait_finished(client, titled["id"])

    items = {i["id"]: i for i in listing(client)["items"]}
    item = items[nameless["id"]]
    assert item["display_name"] == detail["display_name"] and items[titled["id"]]["display_name"] == "信访办 2021"
    counts = detail["counts"]
    assert item["summary"] == {
        "forms": counts["forms"], "errors": counts["errors"], "warnings": counts["warnings"],
        "unit": "云阳县信访办公室", "project": "2021年年初预算专项经费——信访维稳专网费", "year": 2021,
    }
    assert items[failed["id"]]["summary"] is None
    code = detail["findings"][0]["code"]
    assert {i["id"] for i in listing(client, finding=code)["items"]} == {nameless["id"], titled["id"]}
    assert listing(client, q="信访办 2021")["total"] == 1
    assert listing(client, year=2021, unit="信访办", project="专网", status="done")["total"] == 2
    assert listing(client, year=2020)["total"] == 0 and listing(client, status="failed")["total"] == 1
    assert listing(client, q="粘贴文本")["items"][0]["id"] == failed["id"]
    assert_problem(client.get("/api/reports", params={"status": "lost"}), 422, "invalid-request")


def test_delete_over_http(client: TestClient) -> None:
    report = submit_text(client, seed("000").read_text(encoding="utf-8"))
    wait_finished(client, report["id"])
    foreign = client.delete(f"/api/reports/{report['id']}", headers={"Origin": "http://evil.example"})
    assert_problem(foreign, 403, "cross-site-request")
    deleted = client.delete(f"/api/reports/{report['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert_problem(client.get(f"/api/reports/{report['id']}"), 404, "not-found")
    assert_problem(client.get(f"/api/reports/{report['id']}/export.json"), 404, "not-found")
    assert_problem(client.delete(f"/api/reports/{report['id']}"), 404, "not-found")
    assert listing(client)["total"] == 0


def test_a_processing_report_is_refused_deletion(tmp_path: Path) -> None:
    with make_client(tmp_path / "data", workers=0) as client:
        report = submit_text(client, "项目名称\t某项目")
        client.app.state.store.claim("w")  # type: ignore[attr-defined]
        body = assert_problem(client.delete(f"/api/reports/{report['id']}"), 409, "processing")
        assert "wait" in body["hint"]
        assert client.get(f"/api/reports/{report['id']}").json()["status"] == "processing"


def test_openapi_types_every_success_and_the_enums(tmp_path: Path) -> None:
    with make_client(tmp_path / "data", workers=0) as client:
        spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status == "204":
                    assert "content" not in response, (method, path)
                elif status.startswith("2") and "application/json" not in response["content"]:
                    # a file (a page image): every media type says it is binary, none is an untyped {}
                    for media in response["content"].values():
                        assert media["schema"]["format"] == "binary", (method, path, status)
                elif status.startswith("2"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema.get("$ref", "").startswith("#/components/schemas/"), (method, path, status)
    export = spec["paths"]["/api/reports/{report_id}/export.{fmt}"]["get"]
    fmt = next(p for p in export["parameters"] if p["name"] == "fmt")
    assert fmt["schema"]["enum"] == ["json", "csv", "xlsx"]
    assert export["responses"]["200"]["content"]["text/csv; charset=utf-8"]["schema"]["format"] == "binary"
    item = spec["components"]["schemas"]["ReportItem"]["properties"]
    assert item["status"]["enum"] == ["queued", "processing", "done", "failed"]
    assert {"display_name", "summary"} <= item.keys()
    status = next(p for p in spec["paths"]["/api/reports"]["get"]["parameters"] if p["name"] == "status")
    assert "queued" in json.dumps(status["schema"])
    assert "delete" in spec["paths"]["/api/reports/{report_id}"]
