"""Benchmark: extraction quality per real-world text shape (issue 18's families).

Generates ``--size`` clean documents from ``--seed`` (tests/synth), prints each in every
requested shape with the messifier (tests/synth/messify), writes text and gold to a temporary
directory (or ``--keep DIR``), runs the rules extractor through the eval harness and prints, per
shape: forms found / missed / spurious, field P/R/F1, indicator-row F1, planted errors caught;
then field F1 per shape × layout family.  ``narrative`` documents have no form: any form found
there is spurious.

    .venv/bin/python bench/bench_shapes.py --size 48
    .venv/bin/python bench/bench_shapes.py --size 24 --shapes spaced pipes --keep /tmp/shapes

``jixiao eval DIR/gold/<shape> --diff-dir D`` then shows every mismatch of one shape.
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
from tests.synth.corpus import FAMILIES, available_families, corpus  # noqa: E402
from tests.synth.messify import SHAPES, write_shapes  # noqa: E402
from tests.synth.report import fold, text_tables  # noqa: E402


def shape_table(table: dict) -> str:  # type: ignore[type-arg]
    """One line per shape: forms, field P/R/F1, indicator rows, planted errors caught."""
    lines = ["| shape | docs | forms found / missed / spurious | field P / R / F1 | indicator-row F1 "
             "| planted caught |", "|---|---|---|---|---|---|"]
    for shape, cells in table.items():
        d = cells["all"].to_dict()
        f, fld = d["forms"], d["field"]
        lines.append(f"| {shape} | {d['documents']} | {f['found']} / {f['missed']} / {f['spurious']} | "
                     f"{fld['precision']:.3f} / {fld['recall']:.3f} / {fld['f1']:.3f} | {d['indicator_rows_f1']:.3f} | "
                     f"{d['planted']['caught']} / {d['planted']['planted']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--size", type=int, default=24, help="clean documents (families in turn), each in every shape")
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--families", nargs="+", default=None, choices=sorted(FAMILIES))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="write the texts and gold here and keep them")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args(argv)

    docs = corpus(args.seed, args.size, args.families or available_families())
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="jixiao-shapes-") as tmp:
        out = args.keep or Path(tmp)
        written = write_shapes(docs, args.shapes, out, args.seed)
        golds = [load_gold(path) for _, path in written]
        problems = [f"{path.name}: {p}" for (_, path), g in zip(written, golds, strict=True) for p in g.problems]
        run = run_eval(golds, workers=args.workers)
    results = [(m.shape, m.family, m.planted, o.score, o.status == "error", o.seconds)
               for (m, _), o in zip(written, run.outcomes, strict=True)]
    table = fold(results)
    if args.json:
        print(json.dumps({"seed": args.seed, "size": args.size, "problems": problems,
                          "by_shape": {s: {fam: c.to_dict() for fam, c in cells.items()}
                                       for s, cells in table.items()}},
                         ensure_ascii=False, indent=1))
    else:
        print(f"seed {args.seed}, {args.size} documents × {len(args.shapes)} shapes; "
              f"{time.perf_counter() - started:.0f} s")
        print(shape_table(table))
        print()
        print(text_tables(table).split("\n\n")[1])
        for line in problems:
            print("!", line)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
