"""The store's contract, the same on SQLite and PostgreSQL: submission, claims, leases, attempts."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.errors import ConfigError
from extractor.service.blobs import BlobCorrupt
from extractor.service.settings import ServiceSettings, database_kind, redact, settings_from_env
from extractor.service.store import SqliteStore, Store, make_store
from extractor.service.store.migrate import HEAD, script_head
from extractor.service.store.postgres import PostgresStore
from tests.pg import PgServer, create_database, drop_database

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def open_store(request: pytest.FixtureRequest, tmp_path: Path, **overrides: object) -> Store:
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    settings = ServiceSettings(data_dir=tmp_path / "data", database_url=url).with_overrides(**overrides)
    store = make_store(settings)
    store.open()
    return store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_store(request, tmp_path)
    yield s
    s.close()


@pytest.fixture(params=BACKENDS)
def short_lease(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store whose leases run out after 0.3 s and which gives a job up after 2 claims."""
    s = open_store(request, tmp_path, lease_s=0.3, max_attempts=2)
    yield s
    s.close()


def submit(store: Store, text: str) -> str:
    return store.submit(text.encode(), input_kind="text", filename="t.txt", media_type="text/plain")[0].id


# -- accepting and reading ----------------------------------------------------------------


def test_same_bytes_are_one_report_and_read_back_intact(store: Store) -> None:
    report, created = store.submit(b"form one", input_kind="text", filename="a.txt", media_type="text/plain")
    again, created_again = store.submit(b"form one", input_kind="file", filename="b.txt", media_type="text/plain")
    assert created and not created_again and again.id == report.id and again.filename == "a.txt"
    assert report.id == hashlib.sha256(b"form one").hexdigest()[:16] and report.status == "queued"
    assert store.read_blob(report) == b"form one"
    assert store.get(report.id) == report and store.by_sha(report.sha256) == report
    assert store.get("nope") is None


def test_pages_newest_first_and_counts_by_status(store: Store) -> None:
    ids = [submit(store, f"doc {i}") for i in range(5)]
    page, total = store.page(limit=2, offset=0)
    assert total == 5 and [r.id for r in page] == ids[::-1][:2]
    assert [r.id for r in store.page(limit=10, offset=3)[0]] == ids[::-1][3:]
    store.claim("w")
    assert store.counts() == {"queued": 4, "processing": 1, "done": 0, "failed": 0}
    assert store.page(limit=10, offset=0, status="processing")[1] == 1


def test_concurrent_submissions_of_the_same_bytes_make_one_report(store: Store) -> None:
    answers: list[tuple[str, bool]] = []
    lock = threading.Lock()

    def send() -> None:
        report, created = store.submit(b"same", input_kind="text", filename="t", media_type="text/plain")
        with lock:
            answers.append((report.id, created))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({i for i, _ in answers}) == 1 and sum(c for _, c in answers) == 1
    assert store.counts()["queued"] == 1


# -- claims -------------------------------------------------------------------------------


def test_concurrent_claims_take_each_job_once(store: Store) -> None:
    ids = {submit(store, f"doc {i}") for i in range(30)}
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


def test_claims_are_oldest_first_and_finish_once(store: Store) -> None:
    first, second = submit(store, "first"), submit(store, "second")
    job = store.claim("w1")
    assert job is not None and job.id == first and job.attempts == 1 and job.claimed_by == "w1"
    assert store.complete(first, "w1", {"forms": []}, {"grids": []}, 5)
    assert store.complete(first, "w1", {"forms": []}, {"grids": []}, 5) is False  # already done
    assert store.get(first).status == "done" and store.result(first).extraction == {"forms": []}  # type: ignore[union-attr]
    job = store.claim("w2")
    assert job is not None and job.id == second
    assert store.fail(second, "w2", "unreadable", "input", 3)
    failed = store.get(second)
    assert failed is not None and failed.status == "failed" and failed.reason == "unreadable"
    assert store.claim("w3") is None
    assert store.retry(first) is None  # only a failed report is retried
    retried = store.retry(second)
    assert retried is not None and retried.status == "queued" and retried.attempts == 0


def test_a_dead_workers_lease_runs_out_and_another_worker_takes_the_job(short_lease: Store) -> None:
    store = short_lease
    job_id = submit(store, "doc")
    assert store.claim("dead") is not None
    assert store.claim("alive") is None  # the lease still runs
    time.sleep(0.45)
    taken = store.claim("alive")
    assert taken is not None and taken.id == job_id and taken.claimed_by == "alive" and taken.attempts == 2
    assert store.complete(job_id, "dead", {}, {}, 1) is False  # the dead worker's answer is refused
    assert store.complete(job_id, "alive", {}, {}, 1)


def test_a_renewed_lease_keeps_the_job(short_lease: Store) -> None:
    store = short_lease
    job_id = submit(store, "doc")
    store.claim("w1")
    for _ in range(4):
        time.sleep(0.15)
        assert store.renew("w1", [job_id]) == {job_id}
    assert store.claim("w2") is None
    assert store.renew("w2", [job_id]) == set()  # only the holder renews


def test_a_job_interrupted_max_attempts_times_fails(short_lease: Store) -> None:
    store = short_lease
    job_id = submit(store, "doc")
    other = submit(store, "innocent")
    assert store.claim("w1").id == job_id  # type: ignore[union-attr]
    time.sleep(0.45)
    # the interrupted job goes to the back of the queue: the innocent one is taken first
    assert store.claim("w2").id == other  # type: ignore[union-attr]
    assert store.claim("w3").id == job_id  # type: ignore[union-attr]
    time.sleep(0.45)
    store.claim("w4")  # settles expired leases: the job had its 2 attempts
    failed = store.get(job_id)
    assert failed is not None and failed.status == "failed" and failed.error_code == "interrupted"
    assert "interrupted 2 times" in (failed.reason or "")


def test_release_gives_a_job_back_without_charging_it(store: Store) -> None:
    job_id = submit(store, "doc")
    assert store.claim("w1").attempts == 1  # type: ignore[union-attr]
    assert store.release(job_id, "w2") is False
    assert store.release(job_id, "w1")
    released = store.get(job_id)
    assert released is not None and released.status == "queued" and released.attempts == 0
    assert released.claimed_by is None
    assert store.claim("w2").attempts == 1  # type: ignore[union-attr]
    assert store.complete(job_id, "w1", {}, {}, 1) is False


def test_a_changed_upload_is_reported_not_processed(store: Store, tmp_path: Path) -> None:
    report, _ = store.submit(b"original", input_kind="text", filename="t", media_type="text/plain")
    if isinstance(store, SqliteStore):
        store.blobs.path(report.sha256).write_bytes(b"tampered")
    else:
        with store._tx() as con:  # noqa: SLF001 - simulating damage behind the store's back
            con.execute("UPDATE uploads SET data = ? WHERE sha256 = ?", (b"tampered", report.sha256))
    with pytest.raises(BlobCorrupt, match="no longer matches"):
        store.read_blob(report)


# -- schema and settings ------------------------------------------------------------------


def test_head_revision_is_the_newest_migration() -> None:
    assert script_head() == HEAD


def test_a_data_directory_from_before_migrations_is_adopted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    con = sqlite3.connect(data / "jixiao.sqlite3")
    con.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE reports (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, input_kind TEXT NOT NULL,
            filename TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, status TEXT NOT NULL,
            reason TEXT, error_code TEXT, attempts INTEGER NOT NULL DEFAULT 0, claimed_by TEXT,
            created_at TEXT NOT NULL, queued_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, duration_ms INTEGER);
        CREATE TABLE results (report_id TEXT PRIMARY KEY, extraction TEXT NOT NULL, layout TEXT NOT NULL,
            effective TEXT);
        INSERT INTO meta VALUES ('schema_version', '1');
        INSERT INTO reports (id, sha256, input_kind, filename, media_type, size, status, created_at, queued_at)
            VALUES ('old', 'abc', 'text', 'old.txt', 'text/plain', 3, 'queued', '2025-01-01T00:00:00.000Z',
                    '2025-01-01T00:00:00.000Z');
        """
    )
    con.close()
    store = SqliteStore(data)
    store.open()
    try:
        assert store.get("old") is not None
        assert store.claim("w").id == "old"  # type: ignore[union-attr]  - leases work on the old rows
        assert store.complete("old", "w", {"forms": []}, {}, 1)
    finally:
        store.close()


def test_database_urls_are_checked_and_never_logged_with_their_password(tmp_path: Path) -> None:
    assert database_kind("postgresql://u:secret@db/j") == "postgresql"
    assert database_kind("sqlite:////var/lib/j.sqlite3") == "sqlite"
    for bad in ("mysql://db/j", "sqlite://", "db.sqlite3"):
        with pytest.raises(ConfigError, match="neither sqlite"):
            ServiceSettings(data_dir=tmp_path, database_url=bad)
    assert redact("postgresql://u:secret@db:5433/j") == "postgresql://u:***@db:5433/j"
    settings = settings_from_env({"JIXIAO_DATABASE_URL": "postgresql://u:pw@db/j", "JIXIAO_LEASE_S": "5"})
    assert settings.database_url == "postgresql://u:pw@db/j" and settings.lease_s == 5.0
    assert "pw" not in settings.database
    with pytest.raises(ConfigError, match="JIXIAO_LEASE_S"):
        settings_from_env({"JIXIAO_LEASE_S": "soon"})


def test_an_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    store = make_store(
        ServiceSettings(data_dir=tmp_path, database_url=f"postgresql://nobody@/none?host={tmp_path}&port=1")
    )
    with pytest.raises(ConfigError, match="cannot use the database .* check JIXIAO_DATABASE_URL"):
        store.open()


def test_sqlite_url_puts_the_database_where_it_says(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "j.sqlite3"
    target.parent.mkdir()
    store = make_store(ServiceSettings(data_dir=tmp_path / "data", database_url=f"sqlite:///{target}"))
    store.open()
    try:
        submit(store, "doc")
    finally:
        store.close()
    assert sqlite3.connect(target).execute("SELECT count(*) FROM reports").fetchone()[0] == 1


@pytest.mark.postgres
def test_processes_starting_together_on_an_empty_database_migrate_it_once(pg_server_fixture: PgServer) -> None:
    name = f"jixiao_empty_{uuid.uuid4().hex[:8]}"
    url = create_database(pg_server_fixture.url, name)
    try:
        stores = [PostgresStore(url) for _ in range(4)]
        errors: list[BaseException] = []

        def start(store: PostgresStore) -> None:
            try:
                store.open()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        threads = [threading.Thread(target=start, args=(s,)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        submit(stores[0], "doc")
        assert stores[3].counts()["queued"] == 1
        with stores[1]._reader() as con:  # noqa: SLF001
            assert con.execute("SELECT version_num FROM alembic_version").fetchall()[0]["version_num"] == HEAD
        for s in stores:
            s.close()
    finally:
        drop_database(pg_server_fixture.url, name)
