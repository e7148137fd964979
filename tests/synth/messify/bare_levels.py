"""A county special fund's indicator rows with bare level words and one boilerplate reason.

Some county templates (run together on document-sharing sites) print the 二级 words without
指标 (产出数量, 产出时效, 社会效益, 满意度 …), the names without their ``指标N：`` slot, and fill
the last column (未完成原因及改进措施) with the same stock text on every row (达成预期指标, 已完成,
无, 按计划完成); run together, that text sits between a row's figures and the next row's name
(``…100%800件达成预期指标监控维护率…``).  Some rows print one figure only: the actual cell holds
the stock text too, or the target states its operator in words (``不低于95%``).  The header's
implementing unit may print as ``单位名称:…`` with its colon.

Applied to the tables ``county_fund`` reprinted (one name, target, actual and reason column).
The gold follows the print: bare level2 words, names without the slot, the stock text as each
row's deviation reason (a row's own reason sentence stays), the stock text as the actual's text
where the actual prints it, the worded target's text as printed.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Sheet
from tests.synth.messify.stock_actual import SHARE, draws, stock_actual_row

LEVEL2_BARE = {
    "数量指标": "产出数量", "质量指标": "产出质量", "时效指标": "产出时效", "成本指标": "产出成本",
    "经济效益指标": "经济效益", "社会效益指标": "社会效益", "生态效益指标": "生态效益",
    "可持续影响指标": "可持续影响", "服务对象满意度指标": "满意度",
}  # fmt: skip
STOCK_REASONS = ("达成预期指标", "已完成", "无", "按计划完成", "达到预期目标", "已按计划完成")
HEADER_WORDS = {"年度指标值": "年初目标值", "全年完成值": "实际完成值", "未完成原因和改进措施": "未完成原因及改进措施"}
_AT_LEAST, _AT_MOST = ("不低于", "不少于"), ("不高于", "不超过")
OPERATOR_WORDS = {"≧": _AT_LEAST, "≥": _AT_LEAST, ">=": _AT_LEAST, "≦": _AT_MOST, "≤": _AT_MOST, "<=": _AT_MOST}
_SLOT = re.compile(r"^指标\s*\d{1,2}\s*[：:]\s*")
_FIGURE = re.compile(r"^(?:[≧≥≦≤=]|>=|<=)?\d")
_OPERATOR = re.compile(r"^(?:[≧≥≦≤]|>=|<=)(?=\d)")


def _key(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


def bare_levels(sheet: Sheet, rng: random.Random) -> None:
    """Each county special-fund table (``county_fund``'s reprint) reprinted in place with
    probability 0.6; the gold follows."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        form = sheet.forms[part.form]
        head = next((r for r, row in enumerate(part.rows)
                     if any(_key(t) == "三级指标" for t in row) and any(_key(t).startswith("未完成原因") for t in row)),
                    None)
        if head is None or form.get("schema_name") != "project_self_eval" or rng.random() >= 0.6:
            continue
        hrow = part.rows[head]
        cols = {w: next((c for c, t in enumerate(hrow) if _key(t) == w), None) for w in HEADER_WORDS}
        name_col = next(c for c, t in enumerate(hrow) if _key(t) == "三级指标")
        level2_col = next((c for c, t in enumerate(hrow) if _key(t) == "二级指标"), None)
        target_col, actual_col, reason_col = cols["年度指标值"], cols["全年完成值"], cols["未完成原因和改进措施"]
        if target_col is None or actual_col is None or reason_col is None or level2_col is None:
            continue
        if rng.random() < 0.5:
            for word, col in cols.items():
                hrow[col] = HEADER_WORDS[word]  # 年初目标值 / 实际完成值 / 未完成原因及改进措施
        _unit_label(part.rows[:head], form, rng)
        stock = rng.choice(STOCK_REASONS)
        alt = draws(rng)  # the stock text in the actual column (``stock_actual``): a generator of its own
        in_actual = alt.random() < SHARE
        unslot = rng.random() < 0.8
        gold = list(form.get("indicators") or [])
        for row in part.rows[head + 1:]:
            if len(row) <= max(name_col, reason_col) or not row[name_col].strip():
                continue
            ind = next((i for i in gold if _key(str(i.get("name", ""))) == _key(row[name_col])), None)
            if ind is None:
                continue
            gold.remove(ind)  # each gold row once (two rows may print one name)
            bare = LEVEL2_BARE.get(_key(row[level2_col]))
            if bare is not None:
                row[level2_col] = bare
            if _key(str(ind.get("level2", ""))) in LEVEL2_BARE:
                ind["level2"] = LEVEL2_BARE[_key(str(ind["level2"]))]
            if unslot and _SLOT.match(row[name_col]):
                row[name_col] = _SLOT.sub("", row[name_col])
                ind["name"] = _SLOT.sub("", str(ind["name"]))
            if not row[reason_col].strip():
                row[reason_col] = stock
                ind["deviation_reason"] = stock
            _one_figure(row, ind, target_col, actual_col, stock, rng)
            if in_actual:
                stock_actual_row(row, ind, (target_col, actual_col, reason_col), stock, alt)


def _one_figure(row: list[str], ind: dict[str, Any], target_col: int, actual_col: int, stock: str,
                rng: random.Random) -> None:
    """A quarter of the rows printing two figures print one: the actual cell holds the stock text
    (gold: the actual is that text), or the target states its operator in words (``不低于95%``)."""
    target, actual = row[target_col].strip(), row[actual_col].strip()
    if not (_FIGURE.match(target) and _FIGURE.match(actual)):
        return
    draw = rng.random()
    if draw < 0.15:
        row[actual_col] = stock
        ind["actual"] = {"operator": "qualitative", "text": stock}
    elif draw < 0.25 and (op := _OPERATOR.match(target)) and isinstance(ind.get("target"), dict):
        worded = rng.choice(OPERATOR_WORDS[op.group(0)]) + target[op.end():]
        row[target_col] = worded
        ind["target"]["text"] = worded


def _unit_label(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> None:
    """The 实施单位 label and its value printed as one cell ``单位名称:…`` (a third of the forms)."""
    if rng.random() >= 1 / 3:
        return
    for row in rows:
        for c, text in enumerate(row[:-1]):
            if _key(text) == "实施单位" and row[c + 1].strip():
                row[c], row[c + 1] = f"单位名称:{row[c + 1].strip()}", ""
                return
