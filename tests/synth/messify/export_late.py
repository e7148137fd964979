"""A one-line xlsx export whose header cells come after the first rows (a real print no dev sample
shows; invented examples below).

Merged header cells spanning two header rows export after the cells beside them, and rows under
merged level cells export column by column, so the indicator part does not open with its header:

- the names of the first 2–5 rows come first (``指标1:接种人数 指标2:宣传材料``), each with its first
  value beside it in half the documents; then the header cells after ``一级指标`` in two runs
  (``二级指标 三级指标 …`` and later ``分值 得分 …``), in half the documents the next row's name
  between the runs or after them (``指标5:讲座场次``), and only then the earlier rows' other values
  as one batch in row order, then the late name's values; the rows after it print as usual;
- in half the documents the names numbered ``指标N:`` afresh under each 二级 word;
- in half the documents the funds block's labels after its figures: the total row's label among
  the header cells, then every row's figures, then the other rows' labels.

A reader can pair every value by counting in the header's column order, so the indicator gold
keeps every value.  The funds rows' figures are certain only where as many rows print figures as
labels follow them; otherwise their amounts leave the gold (which label a figure row belongs to
is not printed), their labels stay.
"""

from __future__ import annotations

import random
import re
from typing import Any

from extractor.values import is_numeric, is_placeholder
from extractor.vocab import fund_role
from tests.synth.messify.base import Rows, Sheet

_NAME_HEADS = ("三级指标", "指标名称", "指标内容", "具体指标")
_REASON = re.compile(r"(原因|备注|说明|措施)")
_NUMBERED = re.compile(r"^★?指标\d+[：:]")
_AMOUNTS = ("initial_budget", "budget", "executed", "weight", "rate", "score")


def number_per_level(sheet: Sheet, rng: random.Random) -> None:
    """Indicator names numbered ``指标N:`` (colon of either width), the count starting afresh at
    each 二级 word; a table whose names are numbered already, or printed twice, stays."""
    colon = rng.choice((":", "："))
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        entries = [e for e in sheet.forms[part.form].get("indicators") or [] if isinstance(e.get("name"), str)]
        names = [e["name"] for e in entries]
        if not names or len(set(names)) != len(names) or any(_NUMBERED.match(n) for n in names):
            continue
        printed = [t.strip() for row in part.rows for t in row if t.strip() in set(names)]
        if sorted(printed) != sorted(names):
            continue
        renamed: dict[str, str] = {}
        count, level = 0, None
        for entry in entries:
            count = count + 1 if entry.get("level2") == level else 1
            level = entry.get("level2")
            renamed[entry["name"]] = f"指标{count}{colon}{entry['name']}"
        for row in part.rows:
            for k, text in enumerate(row):
                if text.strip() in renamed:
                    row[k] = renamed[text.strip()]
        for entry in entries:
            entry["name"] = renamed[entry["name"]]


def _name_at(row: list[str], names: set[str]) -> int | None:
    at = [k for k, t in enumerate(row) if t in names]
    return at[0] if len(at) == 1 else None


def late_header_rows(rows: Rows, names: set[str], rng: random.Random) -> Rows:
    """The indicator header's cells after ``一级指标`` printed after the first rows' names, their
    other values in one batch after the header (see the module).  A table qualifies when its
    header is one row, the header's name column is known, and at least three rows right under it
    each print one name and exactly one cell per column after the name (a reason column aside,
    left empty); else the rows stay."""
    for h, head in enumerate(rows):
        if "一级指标" not in head:
            continue
        lvl = head.index("一级指标")
        heads = [k for k, t in enumerate(head) if t in _NAME_HEADS]
        if not heads or heads[0] <= lvl or any("评分" in t for t in head):
            return rows
        width = len(head) - heads[0] - 1 - (_REASON.search(head[-1]) is not None)
        body: list[tuple[list[str], int]] = []
        for row in rows[h + 1:]:
            at = _name_at(row, names)
            if at is None or len(row) - at - 1 != width or width < 2:
                break
            body.append((row, at))
        if len(body) < 3:
            return rows
        k = rng.randint(2, min(5, len(body) - 1))
        late = body[k] if rng.random() < 0.5 and k + 1 < len(body) else None
        with_first = rng.random() < 0.5
        after = head[lvl + 1:]
        cut = rng.randint(1, len(after) - 1)
        runs = (after[:cut], after[cut:])
        line = head[:lvl + 1]
        for row, at in body[:k]:
            line += row[:at + 1] + (row[at + 1:at + 2] if with_first else [])
        late_cells = late[0][:late[1] + 1] if late else []
        where = rng.choice((0, 1))  # the late name between the header's two runs, or after them
        line += runs[0] + (late_cells if where == 0 else []) + runs[1] + (late_cells if where == 1 else [])
        for row, at in body[:k]:
            line += row[at + 2:] if with_first else row[at + 1:]
        if late:
            line += late[0][late[1] + 1:]
        used = k + (1 if late else 0)
        return rows[:h] + [line] + rows[h + 1 + used:]
    return rows


def _figure(text: str) -> bool:
    return is_numeric(text) or is_placeholder(text)


def labels_after_figures(rows: Rows, funds: list[dict[str, Any]], rng: random.Random) -> Rows:
    """The funds block's total label among its header cells, then every row's figures, then the
    other rows' labels (``年初预算数 全年预算数 年度资金总额 全年执行数 … 0 180.25 180.25 10 100% 10 0
    180.25 180.25 — 100% — 其中:当年财政拨款 上年结转资金 其他资金``).  Where fewer rows print figures
    than labels follow them, those rows' amounts leave ``funds`` (the gold), their labels stay."""
    for h, head in enumerate(rows):
        words = [t.replace(" ", "") for t in head]
        if not (any("执行数" in t for t in words) and any("预算数" in t for t in words)):
            continue
        block: list[list[str]] = []
        for row in rows[h + 1:]:
            if not row or fund_role(row[0].replace(" ", "")) is None:
                break
            block.append(row)
        if len(block) < 2 or fund_role(block[0][0].replace(" ", "")) != "total" or len(head) < 3:
            return rows
        if any(not all(_figure(t) for t in row[1:]) for row in block):
            return rows
        total, others = block[0], block[1:]
        at = rng.randint(1, len(head) - 1)
        line = head[:at] + [total[0]] + head[at:] + total[1:]
        for row in others:
            line += row[1:]
        line += [row[0] for row in others]
        if sum(len(row) > 1 for row in others) != len(others):
            labels = {row[0] for row in others}
            for entry in funds:
                if entry.get("label") in labels and entry.get("role") != "total":
                    for key in _AMOUNTS:
                        entry.pop(key, None)
        return rows[:h] + [line] + rows[h + 1 + len(block):]
    return rows

