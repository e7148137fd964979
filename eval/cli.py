"""``jixiao eval``: score extraction against gold in one command (registered in extractor/cli.py).

Exit codes: 0 done; 1 a quality gate failed (``--min-f1`` or a ``--min-family-f1`` not reached,
nothing could be scored, or a gold file is malformed while gating); 2 the run itself could not be done (no gold files,
unknown backend, missing pipeline, extraction failing on every document the same way).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:  # rich and the harness load only when a run starts
    from rich.console import Console

    from eval.harness import DocumentOutcome, EvalRun

GATE_FAILED = 1
RUN_FAILED = 2
_PROGRESS_FROM = 4  # documents; fewer finish before a bar would be worth drawing


def eval_command(
    gold: list[Path] | None = typer.Argument(
        None, help="Gold files or directories of them (default: every eval/gold/**/*.json)."
    ),
    backend: str = typer.Option("rules", "--backend", help="Extraction backend: rules | llm | auto."),
    replay: bool = typer.Option(False, "--replay", help="LLM backends: answer every request from cassettes/eval (offline)."),
    record: bool = typer.Option(False, "--record", help="LLM backends: record every request into cassettes/eval."),
    record_missing: bool = typer.Option(
        False, "--record-missing",
        help="LLM backends: answer from cassettes/eval what it holds, record only what it lacks, drop what is unused.",
    ),
    served_by: str = typer.Option("", "--served-by", help="With --record: the server and model, noted in recorded.toml."),
    json_out: bool = typer.Option(False, "--json", help="Print the JSON summary instead of tables."),
    min_f1: float | None = typer.Option(None, "--min-f1", help="Exit 1 when overall field F1 is below this."),
    min_family_f1: list[str] = typer.Option(
        [], "--min-family-f1",
        help="FAMILY=X: exit 1 when that layout family's field F1 is below X, or it has no scored form (repeatable).",
    ),
    baseline: Path | None = typer.Option(None, "--baseline", help="An earlier summary.json to compare with."),
    diff_dir: Path | None = typer.Option(
        None, "--diff-dir", help="Where to write <doc>.diff.txt and summary.json (default: eval/runs/<time>)."
    ),
    out: Path | None = typer.Option(None, "--out", help="Also write the JSON summary to this file."),
    workers: int = typer.Option(0, "--workers", min=0, help="Parallel documents; 0 = one per CPU (max 4)."),
    digest: str | None = typer.Option(
        None, "--digest", help="Print the gold digest object for TEXT (for labellers) and exit."
    ),
    split: str | None = typer.Option(
        None, "--split", help="Only the samples of one half of eval/gold/split.json: dev | held-out."
    ),
) -> None:
    """Score extraction against hand-labelled gold files and show what got worse."""
    from rich.console import Console

    from eval.textnorm import DIGEST_THRESHOLD, normalize_text
    from eval.textnorm import digest as text_digest

    err = Console(stderr=True)
    if digest is not None:
        typer.echo(json.dumps(text_digest(digest), ensure_ascii=False))
        if len(normalize_text(digest)) <= DIGEST_THRESHOLD:
            err.print(f"note: texts of at most {DIGEST_THRESHOLD} characters are stored as plain text in gold")
        raise typer.Exit(0)
    if replay + record + record_missing > 1:
        err.print("[red]--replay, --record and --record-missing exclude each other[/]")
        raise typer.Exit(RUN_FAILED)
    cassettes = "replay" if replay else "record" if record else "extend" if record_missing else None
    if split is not None:
        from eval.goldfile import find_gold_files
        from eval.split import SPLITS, in_split

        if split not in SPLITS:
            err.print(f"[red]--split:[/] {split!r} is not one of {', '.join(SPLITS)}")
            raise typer.Exit(RUN_FAILED)
        gold = in_split(find_gold_files(gold), split)  # type: ignore[arg-type]  # checked against SPLITS
        if not gold:
            err.print(f"[red]--split {split}:[/] none of the given gold files is in that half")
            raise typer.Exit(RUN_FAILED)
    try:
        family_gates = parse_family_gates(min_family_f1)
    except ValueError as exc:
        err.print(f"[red]--min-family-f1:[/] {exc}")
        raise typer.Exit(RUN_FAILED) from None
    code = _run(err, gold, backend, cassettes, served_by, json_out, Gates(min_f1, family_gates), baseline, diff_dir,
                out, workers)
    raise typer.Exit(code)


def _run(
    err: Console, gold: list[Path] | None, backend: str, cassettes: str | None, served_by: str, json_out: bool,
    gates: Gates,
    baseline: Path | None, diff_dir: Path | None, out: Path | None, workers: int,
) -> int:  # fmt: skip
    from rich.markup import escape

    from eval import report, tables
    from eval.goldfile import EVAL_DIR, find_gold_files, load_gold
    from eval.harness import run_eval
    from extractor.errors import JixiaoError

    missing = [str(p) for p in gold or [] if not p.exists()]
    if missing:
        err.print(f"[red]gold not found:[/] {escape(', '.join(missing))}")
        return RUN_FAILED
    files = find_gold_files(gold)
    if not files:
        err.print("[red]no gold files[/] (looked for eval/gold/**/*.json; see eval/gold/README.md)")
        return RUN_FAILED
    golds = [load_gold(path) for path in files]
    for doc in golds:
        for problem in doc.problems:
            err.print(f"[red]gold {escape(str(doc.path))}:[/] {escape(problem)}")
    try:
        previous = report.load_summary(baseline) if baseline else None
        run = _with_progress(err, len(golds), lambda on_done: run_eval(
            golds, backend=backend, cassettes=cassettes, served_by=served_by,
            workers=workers, on_done=on_done))  # fmt: skip
    except JixiaoError as exc:
        err.print(f"[red]error:[/] {escape(exc.one_line())}")
        return RUN_FAILED

    run_dir = diff_dir or _fresh_run_dir(EVAL_DIR / "runs")
    diffs = report.write_diffs(run, run_dir)
    result = report.summary(run, diffs)
    if previous is not None:
        result["baseline"] = report.compare_to_baseline(result, previous)
    text = report.dump(result)
    (run_dir / "summary.json").write_text(text + "\n", encoding="utf-8")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
    for outcome in run.outcomes:
        for warning in outcome.warnings:
            err.print(f"[yellow]warning[/] {escape(outcome.name)}: {escape(warning)}")
    if json_out:
        sys.stdout.write(text + "\n")
    else:
        tables.render(tables.stdout_console(), result)
    err.print(f"diffs and summary.json in {escape(str(run_dir))}")
    return _exit_code(err, run, result, gates)


@dataclass(frozen=True)
class Gates:
    """The quality gates of a run: overall field F1 and per layout family (family → minimum F1)."""

    min_f1: float | None = None
    families: dict[str, float] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        return self.min_f1 is not None or bool(self.families)


def parse_family_gates(specs: list[str]) -> dict[str, float]:
    """``["fushun=0.99", "table=0.995"]`` → ``{"fushun": 0.99, "table": 0.995}``; ValueError says which is bad."""
    gates: dict[str, float] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        try:
            level = float(value)
        except ValueError:
            level = -1.0
        if not sep or not name.strip() or not 0.0 <= level <= 1.0:
            raise ValueError(f"{spec!r} is not FAMILY=X with X between 0 and 1 (e.g. fushun=0.99)")
        gates[name.strip()] = level
    return gates


def family_failures(result: dict[str, Any], gates: dict[str, float]) -> list[str]:
    """One line per layout family below its gate (or with no scored form at all)."""
    by_family = result.get("by_family") or {}
    failures = []
    for name, level in sorted(gates.items()):
        scores = by_family.get(name)
        if scores is None:
            failures.append(f"layout family {name}: no scored form carries this tag")
        elif scores["f1"] < level:
            failures.append(f"layout family {name}: F1 {scores['f1']:.4f} < {level}")
    return failures


def _exit_code(err: Console, run: EvalRun, result: dict[str, Any], gates: Gates) -> int:
    from rich.markup import escape

    attempted = [o for o in run.outcomes if o.status in ("scored", "error")]
    reasons = {o.reason for o in attempted if o.status == "error"}
    if attempted and all(o.status == "error" for o in attempted) and len(reasons) == 1:
        err.print(f"[red]extraction failed for every document:[/] {escape(reasons.pop())}")
        return RUN_FAILED
    if not gates.any:
        return 0
    if not attempted:
        err.print("[red]gate failed:[/] no document could be scored (sources missing or gold invalid)")
        return GATE_FAILED
    if run.count("invalid"):
        err.print(f"[red]gate failed:[/] {run.count('invalid')} gold file(s) are malformed")
        return GATE_FAILED
    f1 = result["overall"]["f1"]
    failed = False
    if gates.min_f1 is not None and f1 < gates.min_f1:
        err.print(f"[red]gate failed:[/] overall F1 {f1:.4f} < {gates.min_f1}")
        failed = True
    for line in family_failures(result, gates.families):
        err.print(f"[red]gate failed:[/] {escape(line)}")
        failed = True
    return GATE_FAILED if failed else 0


OnDone = Callable[["DocumentOutcome"], None]


def _with_progress(err: Console, total: int, start: Callable[[OnDone | None], EvalRun]) -> EvalRun:
    """Run ``start(on_done)`` with a progress bar on stderr for larger sets on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if total < _PROGRESS_FROM or not err.is_terminal:
        return start(None)
    columns = (
        TextColumn("eval"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    # no auto-refresh thread: the worker processes are forked while the bar is live
    with Progress(*columns, console=err, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("", total=total)

        def advance(outcome: DocumentOutcome) -> None:
            progress.update(task, advance=1, description=outcome.name)
            progress.refresh()

        return start(advance)


def _fresh_run_dir(root: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path, n = root / stamp, 1
    while path.exists():
        n += 1
        path = root / f"{stamp}-{n}"
    return path
