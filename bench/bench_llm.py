"""Benchmark of the LLM path: calls, tokens and seconds per form, and prompt size vs form size.

Runs against whatever endpoint is configured (JIXIAO_LLM_BASE_URL, JIXIAO_LLM_MODEL …; the answer
cache is switched off so every form is really asked).  For each form it reports calls, prompt and
completion tokens, seconds, and the form's own text in tokens; prompt tokens are split into the
rendered grid (measured by the endpoint itself: the grid sent alone with max_tokens=1) and the
fixed instruction overhead (system prompt, instructions, example, answer schema).  The goal is
grid tokens ≤ 1.3 × the form's own text, plus a fixed overhead per call.

    .venv/bin/python bench/bench_llm.py                  # every form of the seeds
    .venv/bin/python bench/bench_llm.py --forms 2 --json out.json
    .venv/bin/python bench/bench_llm.py --dry-run         # no endpoint: calls and characters only
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.ingest import ingest_path  # noqa: E402
from extractor.llm.cache import AnswerCache  # noqa: E402
from extractor.llm.client import ModelClient, UsageMeter  # noqa: E402
from extractor.llm.extract import Session, messages_for, read_form  # noqa: E402
from extractor.llm.plan import plan_calls  # noqa: E402
from extractor.llm.render import GridView, form_text  # noqa: E402
from extractor.llm.settings import LLMSettings, load_settings  # noqa: E402
from extractor.layouts import segment  # noqa: E402
from extractor.segment import FormChunk  # noqa: E402


def forms(seeds: Path, limit: int | None) -> list[tuple[str, FormChunk]]:
    out = []
    for path in sorted(seeds.glob("*.txt")):
        for chunk in segment(ingest_path(path)):
            out.append((f"{path.name[:3]}#{chunk.index} {chunk.form_type}", chunk))
    return out[:limit] if limit else out


async def probe_tokens(client: ModelClient, text: str) -> int:
    """Tokens of ``text`` by the endpoint's own tokenizer: llama.cpp's ``/extras/tokenize`` when
    the server has it (no inference), else the prompt tokens of a one-token completion of
    ``text`` as a user turn (the caller subtracts the empty turn's count)."""
    import httpx

    root = client.settings.base_url.rstrip("/").removesuffix("/v1")
    try:
        async with httpx.AsyncClient(timeout=60) as http:
            r = await http.post(f"{root}/extras/tokenize", json={"input": text, "model": client.settings.model})
        if r.status_code == 200:
            return len(r.json()["tokens"]) + _TEMPLATE_TOKENS
    except (httpx.HTTPError, KeyError, ValueError):
        pass
    response = await client._openai.chat.completions.create(  # noqa: SLF001 - a raw probe on purpose
        model=client.settings.model, messages=[{"role": "user", "content": text}], max_tokens=1, temperature=0)
    return int(response.usage.prompt_tokens)


_TEMPLATE_TOKENS = 0  # the tokenize endpoint counts the text alone; the empty turn then counts 0


async def measure(settings: LLMSettings, name: str, chunk: FormChunk, probe: bool) -> dict[str, Any]:
    client = ModelClient(settings)
    meter = UsageMeter(settings.token_budget)
    session = Session(client, settings, meter, AnswerCache(None), asyncio.Semaphore(settings.max_concurrency))
    view = GridView.of(chunk)
    calls = plan_calls(chunk, settings.rows_per_call)
    row: dict[str, Any] = {"form": name, "planned_calls": len(calls), "form_chars": len(form_text(chunk))}
    try:
        start = time.perf_counter()
        form = await read_form(session, chunk)
        row["seconds"] = round(time.perf_counter() - start, 1)
        row.update(calls=meter.calls, prompt_tokens=meter.prompt_tokens, completion_tokens=meter.completion_tokens,
                   failed_parts=sum(f.code == "EXTRACT_LLM_FAILED" for f in form.findings))
        if probe:
            empty = await probe_tokens(client, "")
            row["form_tokens"] = await probe_tokens(client, form_text(chunk)) - empty
            grid = 0
            for call in calls:
                grid += await probe_tokens(client, view.render(call.shown_rows)) - empty
            row["grid_tokens"] = grid
            row["grid_ratio"] = round(grid / max(1, row["form_tokens"]), 2)
            row["overhead_per_call"] = round((meter.prompt_tokens - grid) / max(1, meter.calls))
    finally:
        await client.aclose()
    return row


def dry_run(name: str, chunk: FormChunk, rows_per_call: int) -> dict[str, Any]:
    view = GridView.of(chunk)
    calls = plan_calls(chunk, rows_per_call)
    grid = sum(len(view.render(c.shown_rows)) for c in calls)
    prompt = sum(len(m["content"]) for c in calls for m in messages_for(chunk, view, c))
    text = len(form_text(chunk))
    return {"form": name, "planned_calls": len(calls), "form_chars": text, "grid_chars": grid,
            "grid_ratio_chars": round(grid / max(1, text), 2), "prompt_chars": prompt}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--forms", type=int, default=None, help="only the first N forms")
    parser.add_argument("--no-probe", action="store_true", help="skip the token probes (form/grid sizes)")
    parser.add_argument("--dry-run", action="store_true", help="no endpoint: planned calls and characters")
    parser.add_argument("--rows-per-call", type=int, default=None, help="override JIXIAO_LLM_ROWS_PER_CALL")
    parser.add_argument("--json", type=Path, default=None, help="write the rows as JSON here")
    args = parser.parse_args()
    items = forms(args.seeds, args.forms)
    if args.dry_run:
        rows_per_call = args.rows_per_call or LLMSettings(base_url="-", model="-").rows_per_call
        rows = [dry_run(n, c, rows_per_call) for n, c in items]
    else:
        settings = load_settings()
        if settings is None:
            sys.exit("bench_llm: no endpoint configured (JIXIAO_LLM_BASE_URL, JIXIAO_LLM_MODEL); or use --dry-run")
        settings = settings.with_(cache_dir=None, **({"rows_per_call": args.rows_per_call} if args.rows_per_call else {}))
        rows = []
        for n, c in items:
            rows.append(asyncio.run(measure(settings, n, c, not args.no_probe)))
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    keys = [k for k in rows[0] if k != "form"] if rows else []
    print(f"{'form':28} " + " ".join(f"{k:>17}" for k in keys))
    for r in rows:
        print(f"{r['form']:28} " + " ".join(f"{r.get(k, ''):>17}" for k in keys))
    numeric = [k for k in keys if all(isinstance(r.get(k), (int, float)) for r in rows)]
    if rows:
        print(f"{'median':28} " + " ".join(f"{round(statistics.median(r[k] for r in rows), 2) if k in numeric else '':>17}" for k in keys))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
