"""The operator API against a real SQLite file: submit, follow, export, correct, refuse, authorise."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sqlite3
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette's notice that it prefers httpx2 is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from extractor.errors import ConfigError
from extractor.grid import Cell, Grid
from extractor.service import ServiceSettings, create_app
from extractor.service import docs as service_docs
from extractor.service.intake import display_name
from extractor.service.layout import grid_layout
from extractor.service.settings import check_bind, is_loopback
from extractor.service.store import SqliteStore
from tests.conftest import EXAMPLES, REPO

SAMPLE = EXAMPLES / "sample_report.txt"
MISSED = "INDICATOR_FULL_SCORE_MISSED_TARGET"
LOCAL = "http://127.0.0.1"  # the Host a local browser sends; TestClient's default "testserver" is refused


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def make_client(data_dir: Path, **overrides: Any) -> TestClient:
    settings = ServiceSettings(data_dir=data_dir, workers=1, max_bytes=200_000, poll_interval_s=0.05)
    return TestClient(create_app(settings.with_overrides(**overrides)), base_url=LOCAL)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """A service with one worker, on each store backend."""
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with make_client(tmp_path / "data", database_url=url) as c:
        yield c


@pytest.fixture
def idle_client(tmp_path: Path) -> Iterator[TestClient]:
    """A service whose workers never run: what was accepted stays queued."""
    with make_client(tmp_path / "data", workers=0) as c:
        yield c


def wait_finished(client: TestClient, report_id: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/reports/{report_id}").json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"report {report_id} did not finish in {timeout}s")


def submit_text(client: TestClient, text: str) -> dict[str, Any]:
    response = client.post("/api/reports", json={"text": text})
    assert response.status_code == 202, response.text
    return response.json()


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"] == f"urn:jixiao:problem:{code}"
    assert body["detail"]
    return body


# -- accepting ----------------------------------------------------------------------------


def test_accepted_upload_is_on_disk_before_the_answer(idle_client: TestClient, tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    response = idle_client.post("/api/reports", files={"file": ("自评表.txt", data, "application/octet-stream")})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued" and body["created"] is True
    assert response.headers["location"] == f"/api/reports/{body['id']}"
    # read back with a connection of our own: the row is committed, the blob is written
    con = sqlite3.connect(tmp_path / "data" / "jixiao.sqlite3")
    row = con.execute(
        "SELECT status, filename, media_type, size, sha256 FROM reports WHERE id = ?", (body["id"],)
    ).fetchone()
    assert row[:4] == ("queued", "自评表.txt", "text/plain", len(data))
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    blob = tmp_path / "data" / "blobs" / row[4][:2] / row[4]
    assert blob.read_bytes() == data


def test_pasted_text_is_extracted_with_findings_on_their_cells(client: TestClient) -> None:
    accepted = submit_text(client, sample_text())
    report = wait_finished(client, accepted["id"])
    assert report["status"] == "done", report["reason"]
    assert [f["form_type"] for f in report["forms"]] == ["project_self_eval", "project_target"]
    missed = [f for f in report["findings"] if f["code"] == MISSED]
    assert len(missed) == 1 and missed[0]["form_index"] == 0 and missed[0]["severity"] == "error"
    score_cell = {"grid_id": "t1", "row": 15, "col": 7}
    assert any({k: c[k] for k in score_cell} == score_cell for c in missed[0]["cells"])
    assert report["counts"]["errors"] == 1 and report["counts"]["forms"] == 2
    provenance = report["provenance"]
    assert provenance["media_type"] == "text/plain" and provenance["text"] == sample_text()
    assert provenance["forms"][0]["grid_ids"] == ["t1"]
    assert "indicators[4].score" in provenance["forms"][0]["cell_fields"]["t1:15:7"]
    grid = next(g for g in provenance["grids"] if g["id"] == "t1")
    texts = {(c["row"], c["col"]): c["text"] for row in grid["rows"] for c in row}
    assert texts[(15, 7)] == "20" and texts[(15, 5)] == "2.6万人"
    assert report["usage"]["attempts"] == 1 and report["usage"]["calls"] == 0


def test_same_content_returns_the_same_report(client: TestClient) -> None:
    first = submit_text(client, sample_text())
    again = client.post("/api/reports", files={"file": ("copy.txt", SAMPLE.read_bytes(), "text/plain")})
    assert again.status_code == 202
    assert again.json()["id"] == first["id"] and again.json()["created"] is False
    assert client.get("/api/reports").json()["total"] == 1


def test_uploaded_docx_keeps_its_merged_cells(client: TestClient) -> None:
    from fixtures.make_docs import make_docx

    response = client.post("/api/reports", files={"file": ("upload.bin", make_docx(), "application/octet-stream")})
    assert response.status_code == 202, response.text
    assert response.json()["media_type"].endswith("wordprocessingml.document")  # sniffed, not named
    report = wait_finished(client, response.json()["id"], timeout=60)
    assert report["status"] == "done", report["reason"]
    grid = report["provenance"]["grids"][0]
    spans = [
        (c["text"], c["rowspan"], c["colspan"])
        for row in grid["rows"]
        for c in row
        if c["rowspan"] > 1 or c["colspan"] > 1
    ]
    assert ("项目名称", 1, 2) in spans
    assert any(rowspan > 1 for _, rowspan, _ in spans)
    width = grid["n_cols"]
    for r, row in enumerate(grid["rows"]):  # every row is exactly as wide as the table once spans are counted
        covered = sum(c["colspan"] for c in row)
        from_above = sum(c["colspan"] for rr in range(r) for c in grid["rows"][rr] if rr + c["rowspan"] > r)
        assert covered + from_above == width, r


# -- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("empty.txt", b"", 400, "empty"),
        ("blank.txt", b"  \n\t ", 400, "empty"),
        ("noise.txt", bytes(range(256)) * 8, 415, "unsupported-type"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, 415, "unsupported-type"),
        ("report.pdf", "项目名称 示例".encode(), 422, "unreadable"),
        ("report.docx", b"PK\x03\x04 not really a zip", 422, "unreadable"),
        ("big.txt", "甲".encode() * 70_000, 413, "too-large"),
    ],
)
def test_refused_uploads_are_problem_documents(
    client: TestClient, name: str, data: bytes, status: int, code: str
) -> None:
    response = client.post("/api/reports", files={"file": (name, data, "application/octet-stream")})
    assert_problem(response, status, code)
    assert client.get("/api/reports").json()["total"] == 0  # nothing refused is stored


def test_request_shape_problems(client: TestClient) -> None:
    assert_problem(client.post("/api/reports", json={"text": "   "}), 400, "empty")
    assert_problem(client.post("/api/reports", json={"txt": "x"}), 400, "missing-text")
    assert_problem(
        client.post("/api/reports", content=b"{not json", headers={"content-type": "application/json"}),
        400,
        "invalid-json",
    )
    assert_problem(
        client.post("/api/reports", content=b"x", headers={"content-type": "application/xml"}),
        415,
        "unsupported-request",
    )
    assert_problem(client.post("/api/reports", files={"other": ("a.txt", b"x")}), 400, "missing-file")
    too_big = json.dumps({"text": "x" * 600_000}).encode()  # over the request envelope, refused unread
    assert_problem(
        client.post("/api/reports", content=too_big, headers={"content-type": "application/json"}), 413, "too-large"
    )
    assert_problem(client.get("/api/reports/0123456789abcdef"), 404, "not-found")
    assert_problem(client.get("/api/reports?limit=0"), 422, "invalid-request")


def test_browser_file_name_is_a_label_never_a_path(client: TestClient, tmp_path: Path) -> None:
    response = client.post(
        "/api/reports", files={"file": ("../..\\..\\outside.txt", SAMPLE.read_bytes(), "text/plain")}
    )
    assert response.status_code == 202
    assert response.json()["filename"] == "outside.txt"
    assert display_name("a/b/\x00\x1b[31m报表 .txt") == "[31m报表 .txt"
    assert display_name("../..") == "upload" and display_name("..\\.bashrc") == "bashrc"
    assert not list(tmp_path.rglob("outside*"))
    stored = [p.name for p in (tmp_path / "data" / "blobs").rglob("*") if p.is_file()]
    on_postgres = client.app.state.settings.database_url is not None  # type: ignore[attr-defined]
    assert stored == ([] if on_postgres else [response.json()["sha256"]])  # PostgreSQL keeps uploads inside


# -- following, listing, exporting --------------------------------------------------------


def test_listing_pages_newest_first(client: TestClient) -> None:
    ids = [submit_text(client, sample_text() + "\n" * (i + 1))["id"] for i in range(3)]
    first = client.get("/api/reports?limit=2").json()
    assert first["total"] == 3 and [r["id"] for r in first["items"]] == ids[::-1][:2]
    assert first["next_offset"] == 2
    second = client.get("/api/reports?limit=2&offset=2").json()
    assert [r["id"] for r in second["items"]] == [ids[0]] and second["next_offset"] is None
    for report_id in ids:
        wait_finished(client, report_id)
    assert client.get("/api/reports?status=done").json()["total"] == 3
    assert client.get("/api/reports?status=failed").json()["total"] == 0


def test_exports_in_three_formats(client: TestClient) -> None:
    report_id = submit_text(client, sample_text())["id"]
    wait_finished(client, report_id)
    as_json = client.get(f"/api/reports/{report_id}/export.json")
    assert as_json.status_code == 200
    document = as_json.json()["documents"][0]
    assert document["sha256"] and len(document["forms"]) == 2
    as_csv = client.get(f"/api/reports/{report_id}/export.csv")
    assert as_csv.content.startswith(b"\xef\xbb\xbfsource,form_index")
    assert "巡检供水工程数量" in as_csv.content.decode("utf-8-sig")
    as_xlsx = client.get(f"/api/reports/{report_id}/export.xlsx")
    assert as_xlsx.headers["content-disposition"] == f'attachment; filename="jixiao-{report_id}.xlsx"'
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(as_xlsx.content))
    assert book.sheetnames[-1] == "fields" and "问题清单" in book.sheetnames
    assert MISSED in [row[4] for row in book["问题清单"].iter_rows(values_only=True)]
    assert_problem(client.get(f"/api/reports/{report_id}/export.pdf"), 404, "not-found")


def test_export_of_unfinished_report_is_a_conflict(idle_client: TestClient) -> None:
    report_id = submit_text(idle_client, sample_text())["id"]
    body = assert_problem(idle_client.get(f"/api/reports/{report_id}/export.json"), 409, "not-ready")
    assert "queued" in body["detail"]
    assert idle_client.get(f"/api/reports/{report_id}").json()["forms"] == []


def test_failed_document_has_a_reason_and_can_be_retried(client: TestClient) -> None:
    report_id = submit_text(client, "这是一段没有任何表格的说明文字。\n只有两行。")["id"]
    report = wait_finished(client, report_id)
    assert report["status"] == "failed" and report["error_code"] == "no-form-found"
    assert "no performance form" in report["reason"]
    retried = client.post(f"/api/reports/{report_id}/retry")
    # the answer is the report as the retry left it, whatever a woken worker did since
    assert retried.status_code == 202 and retried.json()["status"] == "queued"
    assert wait_finished(client, report_id)["status"] == "failed"
    done_id = submit_text(client, sample_text())["id"]
    wait_finished(client, done_id)
    assert_problem(client.post(f"/api/reports/{done_id}/retry"), 409, "not-failed")


# -- corrections --------------------------------------------------------------------------


def test_correction_is_kept_beside_the_raw_extraction_and_revalidated(client: TestClient) -> None:
    report_id = submit_text(client, sample_text())["id"]
    wait_finished(client, report_id)
    response = client.post(
        f"/api/reports/{report_id}/forms/0/corrections",
        json={
            "corrections": [{"field": "indicators[4].actual", "value": "3.1万人"}],
            "author": "王会计",
            "note": "核对原件",
        },
    )
    assert response.status_code == 200, response.text
    result = response.json()
    codes = [f["code"] for f in result["findings"]]
    assert MISSED not in codes and "INDICATOR_MISSED_NO_REASON" not in codes
    actual = result["form"]["indicators"][4]["actual"]
    assert actual["value"]["value"] == "3.1" and actual["raw"] == "3.1万人" and actual["backend"] == "manual"
    assert actual["source"][0]["row"] == 15  # still points at the cell it corrects
    [stored] = result["corrections"]
    assert stored["author"] == "王会计" and stored["note"] == "核对原件" and stored["created_at"].endswith("Z")
    assert stored["previous"]["raw"] == "2.6万人"
    report = client.get(f"/api/reports/{report_id}").json()
    assert report["counts"]["errors"] == 0 and report["counts"]["corrections"] == 1
    raw = client.get(f"/api/reports/{report_id}/export.json?version=raw").json()["documents"][0]
    assert raw["forms"][0]["indicators"][4]["actual"]["raw"] == "2.6万人"
    assert MISSED in [f["code"] for f in raw["forms"][0]["findings"]]
    corrected = client.get(f"/api/reports/{report_id}/export.json").json()["documents"][0]
    assert corrected["forms"][0]["indicators"][4]["actual"]["raw"] == "3.1万人"


def test_later_correction_wins_and_numbers_are_parsed(client: TestClient) -> None:
    report_id = submit_text(client, sample_text())["id"]
    wait_finished(client, report_id)
    url = f"/api/reports/{report_id}/forms/0/corrections"
    client.post(url, json={"corrections": [{"field": "indicators[4].score", "value": "15"}]})
    result = client.post(url, json={"corrections": [{"field": "indicators[4].score", "value": "17.33"}]}).json()
    assert result["form"]["indicators"][4]["score"]["value"] == "17.33"
    assert [c["value"] for c in result["corrections"]] == ["15", "17.33"]
    rate = client.post(url, json={"corrections": [{"field": "funds[total].rate", "value": "90%"}]}).json()
    assert rate["form"]["funds"][0]["rate"]["value"] == "90"


@pytest.mark.parametrize(
    ("form_index", "payload", "status", "code"),
    [
        (0, {"corrections": [{"field": "indicators[99].score", "value": "1"}]}, 422, "invalid-correction"),
        (0, {"corrections": [{"field": "header.nothing", "value": "1"}]}, 422, "invalid-correction"),
        (0, {"corrections": [{"field": "indicators[4].score", "value": "很多"}]}, 422, "invalid-correction"),
        (0, {"corrections": [{"field": "indicators[4]", "value": "1"}]}, 422, "invalid-correction"),
        (0, {"corrections": []}, 422, "invalid-request"),
        (7, {"corrections": [{"field": "indicators[4].score", "value": "1"}]}, 404, "not-found"),
    ],
)
def test_bad_corrections_are_refused(
    client: TestClient, form_index: int, payload: dict[str, Any], status: int, code: str
) -> None:
    report_id = submit_text(client, sample_text())["id"]
    wait_finished(client, report_id)
    assert_problem(client.post(f"/api/reports/{report_id}/forms/{form_index}/corrections", json=payload), status, code)
    assert client.get(f"/api/reports/{report_id}").json()["corrections"] == []


# -- auth, docs, page ---------------------------------------------------------------------


TOKEN = "s3cret-token-0123456789"


def test_token_is_required_when_configured(tmp_path: Path) -> None:
    with make_client(tmp_path / "data", token=TOKEN) as c:
        body = assert_problem(c.post("/api/reports", json={"text": sample_text()}), 401, "unauthorized")
        assert "token" in body["detail"]
        assert_problem(c.get("/api/reports", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
        assert (
            c.post(
                "/api/reports", json={"text": sample_text()}, headers={"Authorization": f"Bearer {TOKEN}"}
            ).status_code
            == 202
        )
        assert c.get("/api/reports", headers={"X-API-Token": TOKEN}).json()["total"] == 1
        assert c.get("/api/health").json()["status"] == "ok"
        assert c.get("/").status_code == 200


def test_binding_beyond_loopback_needs_a_token(tmp_path: Path) -> None:
    settings = ServiceSettings(data_dir=tmp_path)
    for host in ("127.0.0.1", "127.0.0.53", "::1", "[::1]", "localhost"):
        assert is_loopback(host)
        check_bind(host, settings)
    for host in ("0.0.0.0", "192.168.1.10", "example.org"):
        with pytest.raises(ConfigError, match="no API token"):
            check_bind(host, settings)
        check_bind(host, settings.with_overrides(token="a-long-enough-token-for-tests"))


def test_serve_command_refuses_public_bind_without_token(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from extractor.service.cli import serve_command

    app = typer.Typer()
    app.command()(serve_command)
    result = CliRunner().invoke(app, ["--host", "0.0.0.0", "--data-dir", str(tmp_path)], env={"JIXIAO_API_TOKEN": ""})
    assert result.exit_code == 2
    assert "no API token is set" in result.output


def test_docs_work_offline(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/reports" in spec["paths"] and "/api/reports/{report_id}/export.{fmt}" in spec["paths"]
    page = client.get("/docs").text
    assert "//cdn" not in page and "https://" not in page.split("<body")[0]
    if service_docs.swagger_dir() is not None:
        assert "/docs/assets/swagger-ui-bundle.js" in page
        assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    monkeypatch.setattr(service_docs, "swagger_dir", lambda: None)
    app = create_app(ServiceSettings(data_dir=Path(client.app.state.settings.data_dir) / "other"))
    with TestClient(app, base_url=LOCAL) as plain:
        listing = plain.get("/docs").text
        assert "/api/reports/{report_id}/forms/{form_index}/corrections" in listing


def test_page_is_served_with_a_strict_content_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'id="upload-form"' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    script = client.get("/static/app.js")
    assert script.status_code == 200
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", script.text)


# -- store and layout units ---------------------------------------------------------------


def test_one_service_per_data_directory(tmp_path: Path) -> None:
    first = SqliteStore(tmp_path)
    first.open()
    try:
        with pytest.raises(ConfigError, match="another jixiao service"):
            SqliteStore(tmp_path).open()
    finally:
        first.close()
    again = SqliteStore(tmp_path)
    again.open()
    again.close()


def test_concurrent_claims_take_each_job_once(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    store.open()
    try:
        ids = {
            store.submit(f"doc {i}".encode(), input_kind="text", filename="t", media_type="text/plain")[0].id
            for i in range(30)
        }
        claimed: list[str] = []
        lock = threading.Lock()

        def drain(name: str) -> None:
            while (report := store.claim(name)) is not None:
                with lock:
                    claimed.append(report.id)

        threads = [threading.Thread(target=drain, args=(f"w{i}",)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(claimed) == sorted(ids)
        assert store.counts()["processing"] == 30
        assert store.complete(claimed[0], "someone-else", {}, {}, 1) is False  # only the claimant finishes
    finally:
        store.close()


def test_layout_keeps_spans_and_clips_broken_ones() -> None:
    grid = Grid(
        "g1",
        "docx",
        rows=[
            [Cell("项目资金", 0, 0, rowspan=2, colspan=2), Cell("年初", 0, 2), Cell("全年", 0, 3)],
            [Cell("10", 1, 2, colspan=5), Cell("11", 1, 3)],  # claims a span over a printed cell
            [Cell("合计", 2, 0), Cell("copy", 2, 1, continuation=True), Cell("21", 2, 3)],
        ],
    )
    layout = grid_layout(grid)
    rows = [[(c["text"], c["rowspan"], c["colspan"], c.get("filler", False)) for c in row] for row in layout["rows"]]
    assert rows[0] == [("项目资金", 2, 2, False), ("年初", 1, 1, False), ("全年", 1, 1, False)]
    assert rows[1] == [("10", 1, 1, False), ("11", 1, 1, False)]
    assert rows[2] == [("合计", 1, 1, False), ("", 1, 1, True), ("", 1, 1, True), ("21", 1, 1, False)]
    assert layout["n_cols"] == 4 and layout["n_rows"] == 3


def test_pasted_rows_run_to_the_right_edge() -> None:
    grid = Grid(
        "t1", "cell-lines", rows=[[Cell("标题", 0, 0)], [Cell("项目名称", 1, 0), Cell("甲", 1, 1), Cell("乙", 1, 2)]]
    )
    rows = grid_layout(grid)["rows"]
    assert [(c["text"], c["colspan"]) for c in rows[0]] == [("标题", 3)]
    assert [(c["text"], c["colspan"]) for c in rows[1]] == [("项目名称", 1), ("甲", 1), ("乙", 1)]


# -- load ---------------------------------------------------------------------------------


def test_small_concurrent_load_finishes_every_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("load_service", REPO / "bench" / "load_service.py")
    assert spec and spec.loader
    load_service = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "load_service", load_service)  # dataclasses look their module up
    spec.loader.exec_module(load_service)
    from extractor.service.local import serve_in_thread

    with serve_in_thread(ServiceSettings(data_dir=tmp_path, workers=2, poll_interval_s=0.05)) as url:
        result = load_service.run_load(url, n=8, concurrency=4, timeout_s=60)
    assert result.errors == []
    assert (result.accepted, result.done, result.failed, result.unfinished) == (8, 8, 0, 0)
    assert result.all_finished and result.throughput_docs_per_s > 0
    with pytest.raises(SystemExit, match="only loopback"):
        load_service.run_load("http://192.0.2.1:8000", n=1)
