"""A department target declaration (部门整体支出绩效目标申报表) as a PDF page's text layer (dev 17).

Hubei's declaration printed to PDF and copied as text (sample 17, 广水市人民政府办公室) shows what a
text layer does to such a form: each row's cells joined by single spaces, the whole table on one
line or a line per row; an amount's last digit split off by the extraction (``968.191 8``) where
the next cell is its share (``… 100%``); a second label pair beside the unit's name (填报人 /
联系电话), printed label, label, value, value, the name's label in half of them broken before
名称; a 附件 line before the title, a 填报日期 line after
it; a page number (``— 1 —``) between two rows; a 部门职能概述 row of numbered duties
(``(一)负责…(二)…``) before the goal; in 30 % of the documents without planted errors one part's
amount without its decimal point (``7242318`` for 724.2318), its amount then left out of the gold;
in 30 % of the documents the cells apart by NBSP (a web copy of the page).

Only the document's department target forms (the hubei_dept_target and chongqing_dept_target
families) print so; every other form prints as the clean TSV.  The gold is the clean gold: the
split amount stays whole where its share follows it (the share's column says the lone digit is
no cell of its own), the duties row and 填报人 have no field.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Part, Rows, Sheet, tsv_text

_PEOPLE = ("南春锋", "李 明", "王建华", "张丽", "刘军勇")
_PHONES = ("6296906", "0722-6296906", "13807220011")
_DUTIES = ("负责全市人民防空工作。", "围绕政府的重点工作，组织专题调查研究，及时反映情况，提出建议。",
           "负责起草年度工作报告和领导同志的讲话。", "督促检查各部门贯彻落实上级文件和会议决定事项的执行情况。",
           "负责值班工作。", "组织办理人大建议和政协提案工作。")
_NUMERALS = "一二三四五六七八九十"
_AMOUNT = re.compile(r"^\d[\d,]*\.\d{2,}$")
_TOTAL = re.compile(r"合计|总额")
_NAME_LABELS = ("部门名称", "预算（单位）名称", "部门(单位)名称")


def _lose_point(rows: Rows, form: dict[str, Any], rng: random.Random) -> Rows:
    """``rows`` with one part's amount printed without its decimal point (``7242318``, dev 17),
    that amount left out of ``form``'s gold (which digits are whole is not certain)."""
    spots = [(r, k) for r, row in enumerate(rows) for k, cell in enumerate(row)
             if _AMOUNT.match(cell) and k and not _TOTAL.search(row[k - 1])
             and k + 1 < len(row) and row[k + 1].endswith("%")]
    if not spots:
        return rows
    r, k = rng.choice(spots)
    label, printed = rows[r][k - 1], rows[r][k]
    for entry in form.get("funds") or []:
        if entry.get("label") == label and entry.get("budget") is not None:
            entry.pop("budget")
            break
    else:
        return rows
    out = [list(row) for row in rows]
    out[r][k] = printed.replace(".", "").replace(",", "")
    return out


def _split_amounts(cells: list[str], rng: random.Random, share: float) -> list[str]:
    """Cells with some amounts' last digit split off, only where the next cell is a share (``%``)."""
    out: list[str] = []
    for k, cell in enumerate(cells):
        if _AMOUNT.match(cell) and k + 1 < len(cells) and cells[k + 1].endswith("%") and rng.random() < share:
            out += [cell[:-1], cell[-1]]
        else:
            out.append(cell)
    return out


def _name_row(row: list[str], rng: random.Random) -> list[str] | None:
    """The unit-name row with a 填报人 pair beside it, labels first (PDF column order), or None."""
    cells = [c for c in row if c]
    if len(cells) != 2 or cells[0] not in _NAME_LABELS:
        return None
    other, value = rng.choice((("填报人", rng.choice(_PEOPLE)), ("联系电话", rng.choice(_PHONES))))
    label = [cells[0]]
    if rng.random() < 0.5:  # the label broken at its cell's line end (部门(单位) / 名称)
        cut = cells[0].find("名称")
        label = [cells[0][:cut], cells[0][cut:]] if cut > 0 else label
    return [*label, other, cells[1], value]


def _duties_row(rng: random.Random) -> list[str]:
    duties = rng.sample(_DUTIES, rng.randint(2, len(_DUTIES)))
    return ["部门职能概述", " ".join(f"({_NUMERALS[k]}){d}" for k, d in enumerate(duties))]


def _page_rows(rows: Rows, rng: random.Random) -> list[list[str]]:
    """The table's rows as the text layer prints them (cells without the empty ones)."""
    split_share = rng.choice((0.0, 0.5, 1.0))
    pair_beside = rng.random() < 0.5
    duties = rng.random() < 0.5
    out: list[list[str]] = []
    for row in rows:
        cells = [c for c in row if c.strip()]
        if not cells:
            continue
        if duties and cells[0] == "整体绩效目标":
            out.append(_duties_row(rng))
        named = _name_row(row, rng) if pair_beside else None
        out.append(named or _split_amounts(cells, rng, split_share))
    if rng.random() < 0.5 and len(out) > 3:
        out.insert(rng.randint(2, len(out) - 1), [f"— {rng.randint(1, 3)} —"])
    return out


def _is_dept_target(sheet: Sheet, part: Part) -> bool:
    return part.form is not None and sheet.forms[part.form].get("schema_name") == "dept_target"


def dept_target_page(sheet: Sheet, rng: random.Random) -> str:
    """The document with its department target forms printed as a PDF page's text layer."""
    one_line = rng.random() < 0.5
    attachment = rng.choice(("", "附件 2:", "附件2："))
    nbsp = rng.random() < 0.3  # a web copy of the page: cells apart by NBSP
    lines: list[str] = []
    for k, part in enumerate(sheet.parts):
        following = sheet.parts[k + 1] if k + 1 < len(sheet.parts) else None
        prose = list(part.prose)
        if following is not None and _is_dept_target(sheet, following) and attachment:
            prose = [f"{attachment} {line}" if line.endswith("申报表") else line for line in prose]
        lines += prose
        if part.rows is None:
            continue
        if not _is_dept_target(sheet, part):
            lines += tsv_text([Part(rows=part.rows)]).rstrip("\n").split("\n") + [""]
            continue
        if rng.random() < 0.5:
            lines.append(f"填报日期:{rng.randint(2019, 2024)} 年 {rng.randint(1, 12)} 月 {rng.randint(1, 28)} 日")
        rows = part.rows
        if not sheet.findings and rng.random() < 0.3:
            assert part.form is not None
            rows = _lose_point(rows, sheet.forms[part.form], rng)
        page = _page_rows(rows, rng)
        sep = "\u00a0" if nbsp else " "
        lines += [sep.join(sep.join(r) for r in page)] if one_line else [sep.join(r) for r in page]
        lines.append("")
    return "\n".join(lines) + "\n"
