"""A Word/PDF text layer that prints an indicator table's simple cells row by row and its
vertically merged level cells AFTER the rows, as one block (the lead's Hubei-style self-evaluation).

Each row prints on a line of its own, cells parted by a run of spaces (empty cells vanish, as in
``layout_shapes.spaced``).  In the indicator table of every project self-evaluation whose header names
一级指标 and 二级指标, the level columns' cells (each merge printed once) leave their rows and come after the
table's rows as one line: in row-group order, or every 一级 word before the 二级 words, or out of
order (a PDF orders merged cells by their middle, not their top).  Drawn per document: 一级 words
carry their group's points (``产出指标 (50 分)``), the header word ``二级指标`` and the lead
column's words (``年度 绩效 目标``) print inside the block, long text cells wrap into two pieces
printed one after the other (``支持外贸企业数 量 3 3 10``: the name's pieces, then the target's),
and one or two rows lose their last figure (the score) to the end of the table, before ``总分``.
In a quarter of the documents (drawn last) the text layer has no line breaks: each project
table prints on one line, its cells parted by single spaces.

Gold: nothing leaves it; a 一级 word given its points here gains its group (name, stated
weight).  The rows' cells keep their order, a wrapped cell's pieces stand next to each other,
the late figures come in row order, and a reader who knows the template places every level
word (the 二级 words of a 一级 come in the template's order, the row names tell the groups
apart); a reader that cannot must leave the levels empty.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Rows, Sheet, number_of

_TOTAL = re.compile(r"^(总分|合计|总计)")
_LEAD = re.compile(r"^(绩效指标|年度绩效目标|绩效目标|年度绩效指标)$")


def _gap(rng: random.Random) -> str:
    return " " * rng.choice((2, 2, 3, 4, 6))


def _header_at(rows: Rows) -> tuple[int, int, int] | None:
    """(header row, 一级 column, 二级 column) of the table's indicator header, if any."""
    for k, row in enumerate(rows):
        cells = [re.sub(r"\s+", "", t) for t in row]
        if "一级指标" in cells and "二级指标" in cells:
            return k, cells.index("一级指标"), cells.index("二级指标")
    return None


def _points(form: dict[str, Any]) -> dict[str, Decimal]:
    """Each 一级 word's points: the sum of its rows' weights in the gold."""
    out: dict[str, Decimal] = {}
    for ind in form.get("indicators") or []:
        level1, weight = ind.get("level1"), ind.get("weight")
        if isinstance(level1, str) and isinstance(weight, str):
            out[level1] = out.get(level1, Decimal(0)) + Decimal(weight)
    return out


def _wrap(text: str, rng: random.Random) -> list[str]:
    cut = rng.randint(2, len(text) - 2)
    return [text[:cut], text[cut:]]


def _table_lines(rows: Rows, form: dict[str, Any] | None, rng: random.Random, draw: dict[str, Any]) -> list[str]:
    at = _header_at(rows)
    if at is None:
        return [_gap(rng).join(t.strip() for t in row if t.strip()) for row in rows]
    head, c1, c2 = at
    lead = [j for j in range(min(c1, c2)) if _LEAD.match(re.sub(r"\s+", "", rows[head][j]))]
    merged = sorted({c1, c2, *lead})
    end = next((k for k in range(head + 1, len(rows)) if any(_TOTAL.match(t.strip()) for t in rows[k][:c2 + 1])),
               len(rows))
    points = _points(form or {})
    block: list[tuple[int, int, str]] = []  # (row, column, word)
    last: dict[int, str] = {}
    body: list[list[str]] = []
    for k in range(head + 1, end):
        row = rows[k]
        for j in merged:
            word = row[j].strip() if j < len(row) else ""
            if word and last.get(j) != word:
                if j == c1:
                    last.pop(c2, None)  # a new 一级 group starts its 二级 words again
                last[j] = word
                if j == c1 and draw["points"] and word in points and form is not None:
                    stated = f"{points[word].normalize():f}"
                    form.setdefault("groups", []).append({"level": 1, "name": word, "stated_weight": stated})
                    word = f"{word} ({stated} 分)"
                block.append((k, j, word))
        cells = [t.strip() for j, t in enumerate(row) if j not in merged and t.strip()]
        if draw.get("figures_first") and cells:  # a column-scrambled stream: the tall name after its figures
            cells = cells[1:] + cells[:1]
        out: list[str] = []
        for t in cells:
            if len(t) >= 6 and not any(ch.isdigit() for ch in t) and rng.random() < draw["wrap"]:
                out += _wrap(t, rng)
            else:
                out.append(t)
        body.append(out)
    late: list[str] = []
    scored = [i for i, cells in enumerate(body) if len(cells) >= 3 and number_of(cells[-1]) is not None]
    for i in sorted(rng.sample(scored, min(len(scored), draw["late"]))):
        late.append(body[i].pop())
    words = _ordered(block, c1, draw["order"], rng)
    if draw["header_word"]:
        words.insert(rng.randint(0, len(words)), "二级指标")
    lines = [_gap(rng).join(t.strip() for t in row if t.strip()) for row in rows[:head + 1]]
    lines += [_gap(rng).join(cells) for cells in body if cells]
    if late:
        lines.append(_gap(rng).join(late))
    if words:
        lines.append((" " if draw["spaced_block"] else _gap(rng)).join(words))
    lines += [_gap(rng).join(t.strip() for t in row if t.strip()) for row in rows[end:]]
    return [line for line in lines if line]


def _ordered(block: list[tuple[int, int, str]], c1: int, order: str, rng: random.Random) -> list[str]:
    if order == "groups":
        return [w for _, _, w in block]
    if order == "columns":
        return [w for _, j, w in block if j == c1] + [w for _, j, w in block if j != c1]
    words = [w for _, _, w in block]
    rng.shuffle(words)
    return words


def levels_after(sheet: Sheet, rng: random.Random, one_line: bool | None = None, figures_first: bool = False) -> str:
    """The document printed a row per line with each indicator table's level words after its rows;
    ``one_line`` forces (or forbids) the text layer with no line breaks instead of drawing it, and
    ``figures_first`` prints each row's name after its figures (a column-scrambled stream)."""
    draw = {
        "order": rng.choice(("groups", "groups", "columns", "shuffled")),
        "points": rng.random() < 0.6,
        "header_word": rng.random() < 0.4,
        "wrap": rng.choice((0.0, 0.2, 0.4)),
        "late": rng.choice((0, 0, 1, 2)),
        "spaced_block": rng.random() < 0.5,  # the block's words parted by one space, or by a run
        "figures_first": figures_first,
    }
    lines: list[str] = []
    tables: list[tuple[int, int]] = []  # the project tables' line spans
    for part in sheet.parts:
        lines += part.prose
        if part.rows is None:
            continue
        form = sheet.forms[part.form] if part.form is not None else None
        own = random.Random(rng.random())
        if form is None or form.get("schema_name") != "project_self_eval":
            lines += [_gap(own).join(t.strip() for t in row if t.strip()) for row in part.rows]
        else:
            start = len(lines)
            lines += _table_lines(part.rows, form, own, draw)
            tables.append((start, len(lines)))
        lines.append("")
    # drawn last: a text layer with no line breaks, every table on one line
    if rng.random() < 0.25 if one_line is None else one_line:
        for start, end in reversed(tables):
            lines[start:end] = [" ".join(" ".join(line.split()) for line in lines[start:end])]
    return "\n".join(lines) + "\n"
