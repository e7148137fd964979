"""``jixiao`` command line: extract, validate, eval, serve.

Expected failures print one line (what, which file, what to do) and exit non-zero; a batch keeps
going past a bad file — even past a worker process that died — lists it in the output with its
error, and prints one summary line per document on stderr.  Exit status: 0 all read, 1 some
document failed, 2 the command line or the input to ``validate`` is wrong.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extractor.cli_batch import Outcome, default_workers, run_batch
from extractor.errors import InputError, JixiaoError
from extractor.output import Format, render, write_atomic

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Budget-performance forms → validated, traceable data.")
err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)
SUFFIXES = {".txt", ".docx", ".xlsx", ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


class Backend(str, Enum):
    """Extraction backends (``extractor.pipeline.BACKENDS``)."""

    rules = "rules"
    llm = "llm"
    auto = "auto"


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters and ESC sequences of a file name shown escaped."""
    return "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs" else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)  # spaces (an ideographic space too) are harmless; controls and format marks are not


def say(line: str) -> None:
    """One unwrapped line on stderr, whatever the line holds."""
    err.print(printable(line), markup=False)


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("jixiao")
    except PackageNotFoundError:
        return "unknown (not installed: pip install -e .)"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"jixiao {version()}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    _version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="print the version and exit"),
) -> None:
    """Budget-performance forms → validated, traceable data."""


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


def _process(path: str, backend: str, with_layout: bool) -> Outcome:
    """One document in a worker; an unexpected error fails that document, not the batch."""
    from extractor.ingest import ingest_path, ingest_stream
    from extractor.ingest.limits import limits_from_env
    from extractor.pipeline import extract_document

    try:
        limits = limits_from_env(os.environ)  # JIXIAO_MAX_*: the cost limits of extractor/ingest/limits.py
        if path == "-":
            doc = ingest_stream(sys.stdin.buffer, "<stdin>", limits=limits)  # stdin read only up to the limit
        else:
            doc = ingest_path(path, limits=limits)
        result = extract_document(doc, backend=backend)
        layout = None
        if with_layout:
            from extractor.service.layout import document_layout

            layout = document_layout(doc)
        return Outcome(path, result.to_output(), None, layout)
    except JixiaoError as exc:
        return Outcome(path, error=exc.one_line())
    except Exception as exc:  # a bug: reported against its document so the batch still ends
        return Outcome(path, error=f"{path}: unexpected {type(exc).__name__}: {exc} — please report it with the file")


class _Job:
    """A picklable ``path → Outcome`` for the worker processes."""

    def __init__(self, backend: str, with_layout: bool) -> None:
        self.backend, self.with_layout = backend, with_layout

    def __call__(self, path: str) -> Outcome:
        return _process(path, self.backend, self.with_layout)


def choose_format(fmt: Format | None, out: Path | None) -> Format:
    """The ``-o`` extension decides unless ``-f`` says otherwise; a contradiction is an error."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    implied = Format(suffix) if suffix in Format._value2member_map_ else None
    if fmt is not None and implied is not None and fmt != implied:
        say(f"jixiao: --format {fmt.value} contradicts --out {out} — drop one or make them agree")
        raise typer.Exit(2)
    chosen = fmt or implied or Format.json
    if chosen is Format.xlsx and out is None:
        say("jixiao: xlsx output needs --out FILE.xlsx")
        raise typer.Exit(2)
    return chosen


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="files or directories to read; '-' reads pasted text from stdin"),
    out: Path | None = typer.Option(None, "--out", "-o", help="write the result here (its extension picks the format)"),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="json, csv or xlsx; default: from --out, else json"),
    compact: bool = typer.Option(False, "--compact", help="JSON of values only, without provenance (cells, spans, raw text)"),
    backend: Backend | None = typer.Option(
        None, "--backend", help="rules (no model), llm or auto; default: auto when an LLM endpoint is configured, else rules"
    ),
    workers: int = typer.Option(0, "--workers", help="parallel documents (0 = number of CPUs)"),
) -> None:
    """Find every form in the inputs, extract it and validate its arithmetic."""
    chosen = choose_format(fmt, out)
    if compact and chosen is not Format.json:
        say(f"jixiao: --compact is a JSON view; it does not apply to {chosen.value}")
        raise typer.Exit(2)
    backend_name = backend.value if backend is not None else _default_backend()
    files = _expand(paths)
    if not files:
        say("jixiao: no supported files found in the paths given")
        raise typer.Exit(2)
    outcomes = _run(files, _Job(backend_name, chosen is Format.xlsx), workers)
    failed = [o for o in outcomes if o.error is not None]
    if len(outcomes) > 1 or not failed:  # a batch lists its failures; a lone failure writes nothing
        output = {"documents": [o.document() for o in outcomes]}
        payload = render(output, chosen.value, compact=compact, layouts=[o.layout for o in outcomes])
        _emit(payload, out)
    if failed:
        if len(outcomes) > 1:
            say(f"jixiao: {len(failed)} of {len(outcomes)} document(s) failed; they are listed in the output with their error")
        raise typer.Exit(1)


def summary_line(outcome: Outcome) -> str:
    """``jixiao: report.docx: 2 forms, 1 error, 3 warnings`` — or why the document failed."""
    if outcome.error is not None or outcome.output is None:
        return f"jixiao: {outcome.error}"
    forms = outcome.output.get("forms", [])
    severities = [f.get("severity") for form in forms for f in form.get("findings", [])]
    errors, warnings = severities.count("error"), severities.count("warning")
    return (f"jixiao: {outcome.source}: {len(forms)} form{'s' if len(forms) != 1 else ''}, "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")


def _emit(payload: bytes, out: Path | None) -> None:
    if out is not None:
        write_atomic(out, payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()


def _default_backend() -> str:
    from extractor.errors import ConfigError
    from extractor.llm import load_settings

    try:
        return "auto" if load_settings() is not None else "rules"
    except ConfigError as exc:
        say(f"jixiao: {exc.one_line()}")
        raise typer.Exit(2) from exc


def _run(files: list[str], job: _Job, workers: int) -> list[Outcome]:
    if len(files) == 1 or "-" in files:
        outcomes = []
        for f in files:
            outcomes.append(job(f))
            say(summary_line(outcomes[-1]))
        return outcomes
    import extractor.pipeline  # noqa: F401  loaded once here: forked workers inherit it instead of importing it each

    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
    with progress:
        task = progress.add_task("extract", total=len(files))

        def done(outcome: Outcome) -> None:
            say(summary_line(outcome))
            progress.advance(task)

        return run_batch(files, job, default_workers(len(files), workers), done)


@app.command()
def validate(
    file: Path = typer.Argument(..., help="a JSON file or workbook written by `jixiao extract`, corrected by hand"),
    out: Path | None = typer.Option(None, "--out", "-o", help="write the re-validated result here (its extension picks the format)"),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="json, csv or xlsx; default: from --out, else json"),
) -> None:
    """Re-run the validator on an (edited) extraction: a JSON file, or a workbook whose 'fields' sheet was corrected."""
    chosen = choose_format(fmt, out)
    try:
        result, layouts = read_extraction(file)
    except JixiaoError as exc:
        say(f"jixiao: {exc.one_line()}")
        raise typer.Exit(2) from exc
    _emit(render(result, chosen.value, layouts=layouts), out)
    errors = sum(1 for d in result["documents"] for f in d.get("forms", []) for x in f.get("findings", []) if x.get("severity") == "error")
    corrections = sum(len(d.get("corrections") or []) for d in result["documents"])
    say(f"{errors} error finding(s)" + (f", {corrections} correction(s) recorded" if corrections else ""))


def read_extraction(file: Path) -> tuple[dict[str, Any], list[dict[str, Any] | None]]:
    """``file`` re-validated as ``{"documents": [...]}``, with the grids a workbook kept.

    Raises ``InputError`` (one line: what, where, how to fix) for anything that is not an
    extraction: unreadable, not JSON, JSON of another shape, a form that breaks its schema.
    """
    from extractor.validate import revalidate_output

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", source=str(file), hint="check the path") from exc
    if data.startswith(b"PK\x03\x04") or file.suffix.lower() == ".xlsx":
        from extractor.output.workbook_read import read_workbook

        return read_workbook(data, str(file))
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"not JSON ({exc})", source=str(file),
                         hint="pass the JSON or the workbook `jixiao extract` wrote") from exc
    shape_hint = 'pass the file `jixiao extract` wrote: {"documents": [{"source": …, "forms": […]}]}'
    if not isinstance(parsed, dict) or not ("documents" in parsed or "forms" in parsed):
        raise InputError("not a jixiao extraction (no 'documents' or 'forms')", source=str(file), hint=shape_hint)
    result = revalidate_output(parsed)
    if "documents" not in result:
        result = {"documents": [result]}
    return result, []


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
