"""Folding eval outcomes of a generated corpus into rendition × family figures.

Per cell: field P/R/F1 (the harness's leaf counts), indicator-row F1 (a row counts when every
field of it is right), forms found / missed / spurious, and planted-error recall (a planted
error is caught when the validator's findings on the extraction include its code and field).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from eval.score import Counts, DocScore, RowCounts


@dataclass
class Cell:
    score: DocScore = field(default_factory=DocScore)
    documents: int = 0
    errors: int = 0
    planted: int = 0
    caught: int = 0
    seconds: float = 0.0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # kind → [caught, planted]

    def add(self, score: DocScore | None, planted: str | None, error: bool, seconds: float) -> None:
        self.documents += 1
        self.errors += int(error)
        self.seconds += seconds
        if score is None:
            return
        self.score.add(score)
        if planted is not None and score.findings is not None:
            hit = score.findings.fn == 0
            self.planted += 1
            self.caught += int(hit)
            self.by_kind[planted][0] += int(hit)
            self.by_kind[planted][1] += 1

    def to_dict(self) -> dict[str, Any]:
        rows = self.score.rows.get("indicators", RowCounts())
        forms = self.score.forms
        return {
            "documents": self.documents, "errors": self.errors,
            "field": self.score.fields.to_dict(),
            "indicator_rows_f1": round(rows.row_level.f1, 6),
            "forms": {"gold": forms.gold, "found": forms.matched, "missed": forms.missed, "spurious": forms.spurious,
                      "type_correct": forms.type_correct},
            "planted": {"caught": self.caught, "planted": self.planted,
                        "by_kind": {k: {"caught": v[0], "planted": v[1]} for k, v in sorted(self.by_kind.items())}},
            "findings": (self.score.findings or Counts()).to_dict(),
            "seconds_per_document": round(self.seconds / self.documents, 4) if self.documents else None,
        }  # fmt: skip


def fold(results: list[tuple[str, str, str | None, DocScore | None, bool, float]]) -> dict[str, dict[str, Cell]]:
    """(rendition, family, planted, score, error, seconds) per document → rendition → family|all → Cell."""
    table: dict[str, dict[str, Cell]] = defaultdict(dict)
    for rendition, family, planted, score, error, seconds in results:
        for key in (family, "all"):
            table[rendition].setdefault(key, Cell()).add(score, planted, error, seconds)
    return table


def text_tables(table: dict[str, dict[str, Cell]]) -> str:
    """The summary per rendition and the field-F1 matrix family × rendition, as Markdown."""
    renditions = list(table)
    lines = ["| rendition | docs | forms found / missed / spurious | field F1 | indicator-row F1 | planted caught | s/doc |",
             "|---|---|---|---|---|---|---|"]
    for r in renditions:
        c = table[r]["all"]
        d = c.to_dict()
        f = d["forms"]
        lines.append(f"| {r} | {c.documents} | {f['found']} / {f['missed']} / {f['spurious']} | {d['field']['f1']:.3f} | "
                     f"{d['indicator_rows_f1']:.2f} | {c.caught} / {c.planted} | {d['seconds_per_document']} |")
    families = sorted({fam for r in renditions for fam in table[r] if fam != "all"})
    lines += ["", "| family (field F1) | " + " | ".join(renditions) + " |", "|---|" + "---|" * len(renditions)]
    for fam in [*families, "all"]:
        cells = [f"{table[r][fam].score.fields.f1:.3f}" if fam in table[r] else "—" for r in renditions]
        lines.append(f"| {fam} | " + " | ".join(cells) + " |")
    kinds = sorted({k for r in renditions for k in table[r]["all"].by_kind})
    if kinds:
        lines += ["", "| planted kind (caught/planted) | " + " | ".join(renditions) + " |", "|---|" + "---|" * len(renditions)]
        for kind in kinds:
            cells = []
            for r in renditions:
                hit, n = table[r]["all"].by_kind.get(kind, [0, 0])
                cells.append(f"{hit}/{n}")
            lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
