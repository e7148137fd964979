"""Benchmark: searching and deleting reports among many, on SQLite and PostgreSQL.

Fills a store with ``--n`` finished reports (synthetic summaries: 60 units, 40 projects, years
2019–2024, a few finding codes each), then times each kind of list query the page sends —
no filter, ``q`` substring, ``unit``, ``year``, ``finding``, all combined — as the median of
``--repeat`` runs, and one deletion.  Rows are bulk-inserted through the store's own write
transaction (submitting and extracting thousands of documents would time the extractor, not the
search).  Not a test: timings depend on the cores free at the time.

    .venv/bin/python bench/bench_search.py [--n 20000] [--repeat 9] [--backends sqlite,postgres]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.service.intake import PASTED_LABEL  # noqa: E402
from extractor.service.settings import ServiceSettings  # noqa: E402
from extractor.service.store import Store, make_store, now  # noqa: E402
from extractor.service.store.search import ReportQuery  # noqa: E402

CODES = ["TOTAL_WEIGHT_MISMATCH", "SCORE_OVER_WEIGHT", "EXEC_RATE_ROUNDING", "VALUE_NEGATIVE", "INDICATOR_MISSING"]


def fill(store: Store, n: int) -> None:
    """``n`` done reports with summaries and finding codes, in batches of 1,000."""
    for start in range(0, n, 1000):
        reports, summaries, findings = [], [], []
        for i in range(start, min(n, start + 1000)):
            sha = hashlib.sha256(f"report {i}".encode()).hexdigest()
            stamp = now()
            reports.append((sha[:16], sha, "file", f"报告{i:06d}.docx", "text/plain", 1000, stamp, stamp))
            unit, project = f"第{i % 60}县财政局", f"专项{i % 40}经费"
            summaries.append((sha[:16], 1 + i % 3, i % 4, i % 5, unit, project, 2019 + i % 6, f"{unit}绩效自评表"))
            findings += [(sha[:16], code) for k, code in enumerate(CODES) if (i >> k) & 1]
        with store._tx() as con:  # noqa: SLF001 - a benchmark's bulk load
            con.executemany(
                "INSERT INTO reports (id, sha256, input_kind, filename, media_type, size, status, created_at,"
                " queued_at) VALUES (?, ?, ?, ?, ?, ?, 'done', ?, ?)",
                reports,
            )
            con.executemany(
                "INSERT INTO summaries (report_id, forms, errors, warnings, unit, project, year, label)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                summaries,
            )
            con.executemany("INSERT INTO report_findings (report_id, code) VALUES (?, ?)", findings)


QUERIES: dict[str, ReportQuery] = {
    "list (no filter)": ReportQuery(),
    "q=第7县 (substring)": ReportQuery(q="第7县"),
    "q=Ärzte (non-ASCII case)": ReportQuery(q="Ärzte"),
    "unit=第12县": ReportQuery(unit="第12县"),
    "year=2021": ReportQuery(year=2021),
    "finding=VALUE_NEGATIVE": ReportQuery(finding="VALUE_NEGATIVE"),
    "all combined": ReportQuery(q="专项3", year=2022, finding="SCORE_OVER_WEIGHT", status="done"),
    "page 50 (offset 1000)": ReportQuery(offset=1000),
}


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(store: Store, name: str, n: int, repeat: int) -> None:
    started = time.perf_counter()
    fill(store, n)
    print(f"\n{name}: {n} reports loaded in {time.perf_counter() - started:.1f} s")
    for label, query in QUERIES.items():
        total = store.search(query, pasted_label=PASTED_LABEL)[1]
        ms = median_ms(lambda q=query: store.search(q, pasted_label=PASTED_LABEL), repeat)
        print(f"  {label:<26} {total:>6} match  {ms:8.1f} ms")
    victim = store.search(ReportQuery(limit=1))[0][0].report.id
    print(f"  {'delete one report':<26} {'':>12}  {median_ms(lambda: store.delete(victim), 1):8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    backends = args.backends.split(",")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="jixiao-bench-search-")))
        if "sqlite" in backends:
            store = make_store(ServiceSettings(data_dir=tmp / "sqlite"))
            store.open()
            stack.callback(store.close)
            run(store, "SQLite", args.n, args.repeat)
        if "postgres" in backends:
            from tests.pg import create_database, temporary_server

            admin = stack.enter_context(temporary_server(durable=True))
            store = make_store(ServiceSettings(data_dir=tmp / "pg", database_url=create_database(admin, "bench")))
            store.open()
            stack.callback(store.close)
            run(store, "PostgreSQL", args.n, args.repeat)


if __name__ == "__main__":
    main()
