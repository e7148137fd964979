"""Randomised print style of a document: how numbers, operators, labels and merges look.

Real forms of one family differ in exactly these ways (万元 or 元, ``1,437.50`` or ``1437.5``,
≧ or >=, ``—`` or ``/`` in empty cells, 项 目 名 称 spaced out, 产出指标（50分）, merged or
repeated cells, a one- or two-row column header).  A style is drawn once per document so that
the forms of one document look alike, as they do in real reports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from tests.synth.model import Measure, plain, q2
from tests.synth.wording import Wording

GLYPH_SETS: tuple[dict[str, str], ...] = (
    {"≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<"},
    {"≥": "≧", "≤": "≦", "=": "═", ">": ">", "<": "<"},
    {"≥": ">=", "≤": "<=", "=": "=", ">": ">", "<": "<"},
    {"≥": "≥", "≤": "≤", "=": "＝", ">": "＞", "<": "＜"},
)
FILLERS = ("", "—", "/", "——", "-")


@dataclass
class Style:
    """Every choice a document's printing makes; see the module docstring."""

    money_unit: str = "万元"
    money_places: int | None = 2  # None: as few decimals as the value needs
    thousands: bool = False
    rate_places: int | None = 2
    glyphs: dict[str, str] = field(default_factory=lambda: dict(GLYPH_SETS[0]))
    filler: str = "—"
    spaced: bool = False  # spaced-out header labels: 项 目 名 称
    group_points: bool = False  # （N分） on 一级 cells
    name_prefix: bool = False  # 指标1： before indicator names
    unit_brackets: bool = False  # unit in the name's bracket, bare numbers as values
    repeat_merged: bool = False  # merged cells printed again in every row/column they cover
    two_row_header: bool = False  # 年度 / 指标值 over two header rows
    op_column: bool = False  # operator in a column of its own (指标性质 / 运算符号)
    op_word: str = "指标性质"  # that column's header: 指标性质, 运算符号 or 计算符号 (a stream of its own)
    title_in_table: bool = False  # Word/PDF: title in a merged first table row
    # TSV: a horizontal merge's further positions left empty ("blank"), filled with the merged
    # text ("repeat", an unmerge-and-fill export) or dropped so later cells shift left ("drop",
    # a Word copy); drawn from a stream of its own (corpus.make_document) so that adding it
    # changed no other choice of an existing corpus
    tsv_merge: str = "blank"
    # header words, unit placement, rate format and column order (wording.py; a stream of its own too)
    wording: Wording = field(default_factory=Wording)

    @classmethod
    def draw(cls, rng: random.Random) -> Style:
        money_unit = rng.choice(("万元", "万元", "元"))
        return cls(
            money_unit=money_unit,
            money_places=rng.choice((2, None)),
            thousands=money_unit == "元" and rng.random() < 0.6,
            rate_places=rng.choice((2, None, None)),
            glyphs=dict(rng.choice(GLYPH_SETS)),
            filler=rng.choice(FILLERS),
            spaced=rng.random() < 0.3,
            group_points=rng.random() < 0.4,
            name_prefix=rng.random() < 0.25,
            unit_brackets=rng.random() < 0.2,
            repeat_merged=rng.random() < 0.3,
            two_row_header=rng.random() < 0.4,
            op_column=rng.random() < 0.35,
            title_in_table=rng.random() < 0.5,
        )

    # ------------------------------------------------------------------ numbers

    def money(self, x: Decimal | None) -> str:
        """An amount as printed (``None`` prints the filler)."""
        if x is None:
            return self.filler
        text = f"{x:.{self.money_places}f}" if self.money_places is not None else plain(x)
        if self.thousands or self.wording.thousands:
            whole, _, frac = text.partition(".")
            text = f"{int(whole):,}" + (f".{frac}" if frac else "")
        return self.wording.digits(text)

    def rate(self, x: Decimal | None) -> str:
        if x is None:
            return self.filler
        text = self.wording.digits(f"{x:.{self.rate_places}f}" if self.rate_places is not None else plain(x))
        return text if self.wording.rate_in_header else text + ("％" if self.wording.fullwidth else "%")

    def rate_label(self, label: str) -> str:
        """A rate column's header: ``执行率(%)`` when the cells print bare numbers."""
        return label + "(%)" if self.wording.rate_in_header and "%" not in label else label

    def money_label(self, label: str) -> str:
        """An amount column's header, with the unit where the wording prints it there."""
        return f"{label}（{self.money_unit}）" if self.wording.unit_at == "header" else label

    def caption(self, base: str, suffix: str = "") -> str:
        """A funds block's caption, with ``（万元）`` where the wording prints the unit there."""
        return f"{base}（{self.money_unit}）{suffix}" if self.wording.unit_at == "caption" else base + suffix

    def unit_line(self) -> str | None:
        """The ``单位：万元`` line above the table, where the wording prints the unit there."""
        return self.wording.unit_line.format(u=self.money_unit) if self.wording.unit_at == "line" else None

    def points(self, x: Decimal | None) -> str:
        return self.filler if x is None else self.wording.digits(plain(x))

    def to_money(self, wan: Decimal) -> Decimal:
        """An amount drawn in 万元, in this document's unit (rounded as it will print)."""
        return q2(wan * 10000) if self.money_unit == "元" else q2(wan)

    # ------------------------------------------------------------------ labels and measures

    def label(self, text: str) -> str:
        """A header label, spaced out when the style says so (values are never spaced)."""
        return " ".join(text) if self.spaced and len(text) <= 6 else text

    def measure(self, op: str | None, value: Decimal | None, unit: str, qualitative: str = "") -> Measure:
        """A printed target or actual; ``op`` None prints a bare number."""
        if qualitative:
            return Measure("qualitative", None, "", qualitative, qualitative)
        assert value is not None
        bare = plain(value) + ("" if self.unit_brackets else unit)
        glyph = self.glyphs.get(op, op) if op else ""
        return Measure(op, value, "" if self.unit_brackets else unit, glyph + bare, bare, glyph)
