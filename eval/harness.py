"""Runs the extractor on every gold document, in parallel, and scores each one.

Each document is extracted *and* scored in the same worker, so only small plain results cross
process boundaries (pydantic records of generic ``Value[...]`` types need not be pickled).
The rules backend is CPU-bound and runs in processes; injected extractors (tests) and the LLM
backend, which waits on the network, run in threads.

The extractor is injectable: anything that takes a path and returns a ``DocumentResult`` (or a
list of form records).  By default it is ``extractor.pipeline.extract_path``, imported only when
a run starts, so that ``eval`` stays importable without the extraction stack.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from eval.goldfile import GoldDoc
from eval.score import DocScore, score_document
from extractor.errors import ConfigError, JixiaoError, NoFormFoundError

Extract = Callable[[Path], Any]
BACKENDS = ("rules", "llm", "auto")
MAX_DEFAULT_WORKERS = 4


@dataclass
class DocumentOutcome:
    """What happened to one gold document.

    ``status``: ``scored``; ``error`` (extraction failed — still scored, every gold leaf missed);
    ``skipped`` (source not available here); ``invalid`` (the gold file has format problems).
    """

    gold: GoldDoc
    status: str
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    score: DocScore | None = None
    seconds: float = 0.0
    trace: str = ""  # traceback of an unexpected extractor exception
    usage: dict[str, int] = field(default_factory=dict)  # LLM calls and tokens (llm/auto backends)

    @property
    def name(self) -> str:
        return self.gold.name


@dataclass
class EvalRun:
    outcomes: list[DocumentOutcome]
    backend: str
    started: datetime
    seconds: float

    def total(self) -> DocScore:
        """All scored documents (``scored`` and ``error``) folded into one score."""
        total = DocScore()
        for outcome in self.outcomes:
            if outcome.score is not None:
                total.add(outcome.score)
        return total

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)


def pipeline_extract(path: Path, backend: str = "rules", llm_settings: Any = None) -> Any:
    """The production extractor; module-level so that process pools can pickle it."""
    from extractor.pipeline import extract_path

    return extract_path(path, backend=backend, llm_settings=llm_settings)


def make_pipeline_extract(backend: str = "rules", llm_settings: Any = None) -> Extract:
    """Check up front that the pipeline exists, then bind the backend (and the LLM settings)."""
    if backend not in BACKENDS:
        raise ConfigError(f"unknown backend {backend!r}", hint=f"use one of {', '.join(BACKENDS)}")
    try:
        from extractor.pipeline import extract_path  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            f"the extraction pipeline cannot be imported ({exc})",
            hint="extractor.pipeline.extract_path(path, backend=...) is the entry point eval runs",
        ) from exc
    return functools.partial(pipeline_extract, backend=backend, llm_settings=llm_settings)


def _cassette_extracts(golds: Sequence[GoldDoc], backend: str, cassettes: str, served_by: str) -> list[Extract]:
    """One extractor per gold document, running inside its cassette (``replay``, ``record`` or
    ``extend``: see ``replay.cassette``)."""
    from eval import replay

    if backend == "rules":
        raise ConfigError(f"--{cassettes} applies to the llm and auto backends", hint="add --backend llm")
    settings_of = {"replay": replay.replay_settings, "record": lambda _: replay.recording_settings(),
                   "extend": replay.extending_settings}[cassettes]
    extracts: list[Extract] = []
    settings_by_dir: dict[Path, Any] = {}
    for gold in golds:
        directory = replay.cassette_path(gold.name, backend).parent
        if directory not in settings_by_dir:
            settings_by_dir[directory] = settings_of(directory)
        base = make_pipeline_extract(backend, settings_by_dir[directory])
        extracts.append(replay.replayed(base, gold.name, backend, mode=cassettes))
    if cassettes != "replay":
        for directory, settings in settings_by_dir.items():
            kept = replay.recorded_served_by(directory) if cassettes == "extend" else None
            replay.write_recording(directory, settings, served_by or kept or "an OpenAI-compatible endpoint")
    return extracts


def evaluate_document(gold: GoldDoc, extract: Extract) -> DocumentOutcome:
    """Extract one gold document's source and score it; never raises for extractor failures."""
    if gold.problems:
        return DocumentOutcome(gold, "invalid", reason=f"gold file has {len(gold.problems)} format problem(s)")
    if not gold.source.is_file():
        return DocumentOutcome(gold, "skipped", reason=f"source not found: {gold.source}")
    warnings = []
    digest = hashlib.sha256(gold.source.read_bytes()).hexdigest()
    if gold.source_sha256 and digest != gold.source_sha256:
        warnings.append(f"source sha256 is {digest}, gold says {gold.source_sha256}: labels may not fit the file")
    started = time.perf_counter()
    forms: Sequence[Any] = []
    error, trace = "", ""
    usage: dict[str, int] = {}
    try:
        result = extract(gold.source)
        usage = _usage_of(result)
        forms, error = _forms_of(result)
    except NoFormFoundError as exc:
        # a document labelled with no form (a narrative, a notice) is read right when none is found
        error = exc.one_line() if gold.forms else ""
    except JixiaoError as exc:
        error = exc.one_line()
    except Exception as exc:  # an extractor bug must not sink the whole run; it is reported with its trace
        error = f"{type(exc).__name__}: {exc}"
        trace = traceback.format_exc()
    seconds = time.perf_counter() - started
    score = score_document(gold.forms, forms, gold.expected_findings)
    status = "error" if error else "scored"
    return DocumentOutcome(gold, status, reason=error, warnings=warnings, score=score, seconds=seconds, trace=trace,
                           usage=usage)


def run_eval(
    golds: Sequence[GoldDoc],
    *,
    extract: Extract | None = None,
    backend: str = "rules",
    cassettes: str | None = None,
    served_by: str = "",
    workers: int = 0,
    on_done: Callable[[DocumentOutcome], None] | None = None,
) -> EvalRun:
    """Evaluate every gold document; results come back in the order of ``golds``.

    ``workers`` 0 means one per CPU (at most 4); 1 runs in this process.  ``on_done`` is called
    as each document finishes (progress display).  ``cassettes`` ``"replay"`` answers the LLM's
    requests from ``cassettes/eval``, ``"record"`` records them there (one document at a time),
    noting ``served_by`` (the server and model file) in the recording, and ``"extend"`` records
    only the requests the cassettes lack.
    """
    started_at, started = datetime.now(), time.perf_counter()
    _deduplicate_names(golds)
    if cassettes is not None:
        per_gold = _cassette_extracts(golds, backend, cassettes, served_by)
        outcomes = [_report(evaluate_document(gold, ex), on_done) for gold, ex in zip(golds, per_gold)]
        return EvalRun(outcomes=outcomes, backend=backend, started=started_at, seconds=time.perf_counter() - started)
    if extract is None:
        extract = make_pipeline_extract(backend)
    # the rules pipeline is CPU-bound (processes); anything else may not pickle or waits on I/O
    in_processes = isinstance(extract, functools.partial) and extract.func is pipeline_extract and backend == "rules"
    workers = workers or min(MAX_DEFAULT_WORKERS, os.cpu_count() or 1)
    outcomes: list[DocumentOutcome | None] = [None] * len(golds)
    if workers <= 1 or len(golds) <= 1:
        for k, gold in enumerate(golds):
            outcomes[k] = _report(evaluate_document(gold, extract), on_done)
    else:
        pool: Executor = (ProcessPoolExecutor if in_processes else ThreadPoolExecutor)(max_workers=workers)
        with pool:
            futures: dict[Future[DocumentOutcome], int] = {
                pool.submit(evaluate_document, gold, extract): k for k, gold in enumerate(golds)
            }
            for future in as_completed(futures):
                outcomes[futures[future]] = _report(future.result(), on_done)
    done = [outcome for outcome in outcomes if outcome is not None]
    return EvalRun(outcomes=done, backend=backend, started=started_at, seconds=time.perf_counter() - started)


def _report(outcome: DocumentOutcome, on_done: Callable[[DocumentOutcome], None] | None) -> DocumentOutcome:
    if on_done is not None:
        on_done(outcome)
    return outcome


def _usage_of(result: Any) -> dict[str, int]:
    """The model calls and tokens a ``DocumentResult`` cost; empty when no model was asked."""
    usage = getattr(result, "usage", None)
    calls = int(getattr(usage, "calls", 0) or 0)
    if not calls:
        return {}
    return {"calls": calls, "prompt_tokens": int(usage.prompt_tokens), "completion_tokens": int(usage.completion_tokens)}


def _forms_of(result: Any) -> tuple[Sequence[Any], str]:
    """Forms and error message of a ``DocumentResult`` (or of a plain list of forms)."""
    if isinstance(result, (list, tuple)):
        return result, ""
    if hasattr(result, "forms"):
        return list(result.forms), str(getattr(result, "error", None) or "")
    raise TypeError(f"the extractor returned {type(result).__name__}, not a DocumentResult")


def _deduplicate_names(golds: Sequence[GoldDoc]) -> None:
    """Diff files are named after documents, so two gold files must not share a name."""
    seen: dict[str, int] = {}
    for gold in golds:
        count = seen.get(gold.name, 0) + 1
        seen[gold.name] = count
        if count > 1:
            gold.name = f"{gold.name}~{count}"
