"""Benchmark: extraction quality on a generated corpus, per rendition × layout family.

Generates ``--size`` documents from ``--seed`` (tests/synth), writes each requested rendition
and its gold into a temporary directory (or ``--keep DIR``), runs the rules extractor and the
eval harness on every file, and prints forms found / missed / spurious, field F1, indicator-row
F1 and planted-error recall per rendition, then field F1 per family × rendition.  It also
checks the generated gold itself: the validator run on the gold values must raise exactly the
planted findings (a disagreement is a generator bug and is printed).

    .venv/bin/python bench/bench_corpus.py --size 260 --renditions text tsv docx pdf
    .venv/bin/python bench/bench_corpus.py --size 40 --renditions scan --json > scans.json

Not a test: it takes minutes (PDF conversion, OCR).  Scans are optional and slow (~1.5 s per
page to read); ``--scan-size`` caps how many documents get one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eval.goldfile import load_gold  # noqa: E402
from eval.harness import run_eval  # noqa: E402
from tests.synth import check  # noqa: E402
from tests.synth.corpus import FAMILIES, available_families, corpus  # noqa: E402
from tests.synth.report import fold, text_tables  # noqa: E402
from tests.synth.write import RENDITIONS, write_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--size", type=int, default=130, help="documents (families in turn)")
    ap.add_argument("--renditions", nargs="+", default=["text", "tsv", "docx", "pdf"], choices=RENDITIONS)
    ap.add_argument("--scan-size", type=int, default=None, help="at most this many documents get a scan")
    ap.add_argument("--families", nargs="+", default=None, choices=sorted(FAMILIES))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    ap.add_argument("--template-words", action="store_true",
                    help="print every form in its template's words (no drawn wording: the corpus before it)")
    args = ap.parse_args(argv)

    families = args.families or available_families()
    docs = corpus(args.seed, args.size, families, wording=not args.template_words)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="jixiao-corpus-") as tmp:
        out = args.keep or Path(tmp)
        written = write_corpus(docs, out, tuple(args.renditions), args.scan_size)
        generated = time.perf_counter() - started
        golds = [load_gold(w.gold_path) for w in written]
        problems = [f"{w.gold_path.name}: {p}" for w, g in zip(written, golds, strict=True) for p in g.problems]
        self_check = sorted({f"{w.doc.name}: {d}" for w, g in zip(written, golds, strict=True)
                             for d in check.disagreements(json.loads(w.gold_path.read_text(encoding="utf-8")))})
        run = run_eval(golds, workers=args.workers)
    results = [(w.rendition, w.doc.family, w.doc.planted, o.score, o.status == "error", o.seconds)
               for w, o in zip(written, run.outcomes, strict=True)]
    table = fold(results)
    summary = {
        "seed": args.seed, "size": args.size, "families": families, "renditions": list(table),
        "generated_seconds": round(generated, 1), "eval_seconds": round(run.seconds, 1),
        "gold_format_problems": problems, "gold_self_check": self_check,
        "errors": [f"{w.path.name}: {o.reason}"
                   for w, o in zip(written, run.outcomes, strict=True) if o.status == "error"],
        "by_rendition": {r: {fam: cell.to_dict() for fam, cell in cells.items()} for r, cells in table.items()},
    }  # fmt: skip
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(f"seed {args.seed}, {args.size} documents, {sum(len(d.forms) for d in docs)} forms; generated in "
              f"{generated:.0f} s, evaluated in {run.seconds:.0f} s")
        print(text_tables(table))
        for line in problems + self_check + summary["errors"][:20]:
            print("!", line)
    return 1 if problems or self_check else 0


if __name__ == "__main__":
    raise SystemExit(main())
