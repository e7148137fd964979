"""``jixiao`` command line: extract, validate, eval, serve.

Expected failures print one line (what, which file, what to do) and exit non-zero; a batch keeps
going past a bad file and reports it at the end.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extractor.errors import JixiaoError
from extractor.output import render, write_atomic

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Budget-performance forms → validated, traceable data.")
err = Console(stderr=True)
SUFFIXES = {".txt", ".docx", ".xlsx", ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def _expand(paths: list[str]) -> list[str]:
    """Files named, and the supported files inside directories named, in a stable order."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(p)
    return out


def _process(path: str, backend: str) -> tuple[str, dict[str, Any] | None, str | None]:
    """One document in a worker: (source, output dict, error line)."""
    from extractor.pipeline import extract_path, extract_text

    try:
        if path == "-":
            data = sys.stdin.buffer.read()
            from extractor.ingest.text_decode import decode_text

            text, _ = decode_text(data, "<stdin>")
            result = extract_text(text, "<stdin>", backend=backend)
        else:
            result = extract_path(path, backend=backend)
        return path, result.to_output(), None
    except JixiaoError as exc:
        return path, None, exc.one_line()


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="files or directories to read; '-' reads pasted text from stdin"),
    out: Path | None = typer.Option(None, "--out", "-o", help="write the result here instead of stdout"),
    fmt: str = typer.Option("json", "--format", "-f", help="json, csv or xlsx"),
    backend: str | None = typer.Option(
        None, "--backend", help="rules (no model), llm or auto; default: auto when an LLM endpoint is configured, else rules"
    ),
    workers: int = typer.Option(0, "--workers", help="parallel documents (0 = number of CPUs)"),
) -> None:
    """Find every form in the inputs, extract it and validate its arithmetic."""
    if fmt not in ("json", "csv", "xlsx"):
        err.print(f"jixiao: unknown format {fmt!r} — use json, csv or xlsx")
        raise typer.Exit(2)
    if fmt == "xlsx" and out is None:
        err.print("jixiao: xlsx output needs --out FILE.xlsx")
        raise typer.Exit(2)
    backend = backend or _default_backend()
    files = _expand(paths)
    if not files:
        err.print("jixiao: no supported files found in the paths given")
        raise typer.Exit(2)
    results = _run(files, backend, workers)
    documents = [r[1] for r in results if r[1] is not None]
    failures = [(r[0], r[2]) for r in results if r[2] is not None]
    for _, reason in failures:
        sys.stderr.write(f"jixiao: {reason}\n")  # one unwrapped line per failure
    if documents:
        payload = render({"documents": documents}, fmt)
        if out is not None:
            write_atomic(out, payload)
        else:
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
    if failures:
        raise typer.Exit(1)


def _default_backend() -> str:
    from extractor.errors import ConfigError
    from extractor.llm import load_settings

    try:
        return "auto" if load_settings() is not None else "rules"
    except ConfigError as exc:
        err.print(f"jixiao: {exc.one_line()}")
        raise typer.Exit(2) from exc


def _run(files: list[str], backend: str, workers: int) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    if len(files) == 1 or "-" in files:
        return [_process(f, backend) for f in files]
    n = workers or min(len(files), os.cpu_count() or 1)
    results: dict[str, tuple[str, dict[str, Any] | None, str | None]] = {}
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
    with progress, ProcessPoolExecutor(max_workers=n) as pool:
        task = progress.add_task("extract", total=len(files))
        futures = {pool.submit(_process, f, backend): f for f in files}
        for fut in as_completed(futures):
            results[futures[fut]] = fut.result()
            progress.advance(task)
    return [results[f] for f in files]


@app.command()
def validate(
    file: Path = typer.Argument(..., help="a JSON file written by `jixiao extract` (possibly corrected by hand)"),
    out: Path | None = typer.Option(None, "--out", "-o", help="write the re-validated JSON here"),
) -> None:
    """Re-run the validator on an (edited) extraction and print it with fresh findings."""
    from extractor.validate import revalidate_output

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        err.print(f"jixiao: {file}: not a readable JSON extraction ({exc}) — pass a file written by `jixiao extract`")
        raise typer.Exit(1) from exc
    try:
        result = revalidate_output(data)
    except JixiaoError as exc:
        err.print(f"jixiao: {exc.one_line()}")
        raise typer.Exit(1) from exc
    payload = render(result, "json")
    if out is not None:
        write_atomic(out, payload)
    else:
        sys.stdout.buffer.write(payload)
    errors = sum(1 for d in result["documents"] for f in d.get("forms", []) for x in f.get("findings", []) if x["severity"] == "error")
    err.print(f"{errors} error finding(s)")


def _register_commands() -> None:
    """``eval`` and ``serve`` live with their packages; their modules import lazily inside."""
    from eval.cli import eval_command
    from extractor.service.cli import serve_command, worker_command

    app.command("eval", help="Score extraction against the gold files.")(eval_command)
    app.command("serve", help="Serve the API and web page.")(serve_command)
    app.command("worker", help="Process queued reports from a shared PostgreSQL database.")(worker_command)


_register_commands()

if __name__ == "__main__":
    app()
