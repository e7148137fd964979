"""Read the form header: title, year, project name, 主管部门, 实施单位/单位名称, money unit."""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.rules.cells import same_text, text_value, traced
from extractor.segment.report_form import is_funds_line, level_header_at
from extractor.segment.types import FormChunk, Row
from extractor.values import is_placeholder, parse_decimal, squash
from extractor.vocab import fund_role
from schemas.common import Header, MoneyUnit, Value

_LABELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(项目名称|项目支出名称|转移支付[（(]项目[)）]名称|专项名称)"), "project_name"),
    # 预算部门: a 项目支出 declaration's department (not 预算部门(单位)名称, a unit's label)
    # 主管部门审核意见 (a sign-off line, some prints put it above the title) names no department
    (re.compile(r"^(项目)?主管部门(?!审核|意见|审批|盖章|签)|^主管单位|^地方主管部门|^预算部门(?![（(]?单位)"),
     "department"),
    (re.compile(r"^(实施单位|项目实施单位|项目单位(?!负责人|联系)|实施[（(]主管[)）]单位|单位名称|预算（单位）名称|预算\(单位\)名称|"
                r"部门（单位）名称|部门\(单位\)名称|部门名称|资金使用单位|预算单位(?![:：]?万?元)|"
                # Hunan's 一级预算单位名称, its first character lost on some pages (sample 45)
                r"[一二]?级预算单位名称)"), "unit_name"),
]
_ANY_LABEL = re.compile(
    r"^(项目名称|项目支出名称|预算部门|预算单位|转移支付|专项名称|中央主管部门|地方主管部门|项目主管部门|项目实施单位|项目单位|主管部门|主管单位|实施单位|单位名称|项目负责人|联系电话|预算（单位）名称|部门（单位）名称|年度|项目类别|项目属性|[一二]?级预算单位名称)"
)
# a second label on the same line ends the value (单位名称:某单位 填报日期:2023年3月20日)
_NEXT_LABEL = re.compile(r"\s+[\u4e00-\u9fff]{2,8}[：:]")
# a year inside a sentence (项目实施内容 | 2022年，我街道按照…) tells what happened when, not the
# form's year: a bare 2022年 is read only from a cell without sentence punctuation
_SENTENCE = re.compile(r"[，,。；;]")
# a central transfer payment names its 主管部门 per level (中央 / 地方); neither is the form's own
_CENTRAL_DEPT = re.compile(r"^中央主管部门")
# the rest of a label printed in its own cell (主管部门 | 及编码 | value)
_LABEL_TAIL = re.compile(r"^(及|和|与)?(编码|代码|编号)[:：]?$")
_YEAR_PATTERNS = [
    re.compile(r"[（(]\s*(20\d{2})\s*年度?\s*[)）]"),
    re.compile(r"(?:预算年度|年度|评价年度)\s*[:：]\s*(20\d{2})"),
    re.compile(r"(20\d{2})\s*年度?"),
]


def read_header(chunk: FormChunk) -> Header:
    header = Header()
    if chunk.title_row is not None:
        header.title = traced(chunk.title_row, [c for c in chunk.title_row.cells if c.clean][:1], chunk.title)
    for row in chunk.rows[:30]:
        _read_labels(row, header)
    if any(_CENTRAL_DEPT.match(squash(c.clean)) for row in chunk.rows[:30] for c in row.cells):
        header.department = Value[str]()  # a transfer payment: which level is "the" department is not printed
    header.year = _find_year(chunk)
    header.money_unit = _find_money_unit(chunk)
    if header.unit_name.value is None:
        header.unit_name = _unit_before_money_unit(chunk)
    return header


def _read_labels(row: Row, header: Header) -> None:
    cells = _join_split_labels(row.cells)
    for i, cell in enumerate(cells):
        text = squash(cell.clean)
        for pattern, field in _LABELS:
            m = pattern.match(text)
            if not m:
                continue
            if getattr(header, field).value is not None:
                break
            rest = text[m.end():].lstrip("：:（）()盖章")
            if rest and not is_placeholder(rest) and ("：" in cell.clean or ":" in cell.clean):
                value = _NEXT_LABEL.split(re.split(r"[：:]", cell.clean, maxsplit=1)[1].strip(), maxsplit=1)[0]
                setattr(header, field, traced(row, [cell], value))
                break
            spaced = _spaced_value(cell.clean, m.group(0))
            if rest and spaced and not is_placeholder(spaced.group(2)) and not _ANY_LABEL.match(rest):
                setattr(header, field, traced(row, [cell], spaced.group(2).strip()))  # 项目名称 value (spaced text)
                break
            nxt = next((c for c in cells[i + 1:] if c.clean and not _LABEL_TAIL.match(squash(c.clean))
                        and not _repeats_label(c, cell)), None)
            if nxt is not None and _CONTACT_LABEL.match(squash(nxt.clean)):
                nxt = _labels_first_value(cells, cells.index(nxt))
            if nxt is not None and not _ANY_LABEL.match(squash(nxt.clean)) and parse_decimal(nxt.clean) is None:
                setattr(header, field, text_value(row, nxt))
            break


def _is_label(text: str) -> bool:
    return any((m := p.match(text)) is not None and m.end() == len(text) for p, _ in _LABELS)


def _join_split_labels(cells: list[Cell]) -> list[Cell]:
    """``cells`` with a label a PDF text layer broke at its line end (``部门(单位) | 名称``, dev 17)
    joined back: two cells that are a whole label together and no label apart."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        cell = cells[k]
        if k + 1 < len(cells):
            nxt = cells[k + 1]
            joined = squash(cell.clean + nxt.clean)
            if (_is_label(joined) and not _is_label(squash(cell.clean)) and not _is_label(squash(nxt.clean))
                    and not _ANY_LABEL.match(squash(nxt.clean))):
                out.append(replace(cell, text=cell.clean + nxt.clean, char_end=nxt.char_end))
                k += 2
                continue
        out.append(cell)
        k += 1
    return out


# a contact's label beside a header label: a PDF text layer prints the two labels, then the two
# values (部门名称 | 填报人 | 某局 | 张三, dev 17); the label is never the unit's name
_CONTACT_LABEL = re.compile(r"^(填报人|填表人|联系人|联系电话|经办人|负责人)[:：]?$")


def _labels_first_value(cells: list[Cell], contact: int) -> Cell | None:
    """The first of two values after a label and the contact label beside it, or None unless
    exactly two values follow before the row's next label (one reading only)."""
    values: list[Cell] = []
    for cell in cells[contact + 1:]:
        text = squash(cell.clean)
        if not text:
            continue
        if _ANY_LABEL.match(text) or _CONTACT_LABEL.match(text) or any(p.match(text) for p, _ in _LABELS):
            break
        values.append(cell)
    return values[0] if len(values) == 2 else None


def _spaced_value(printed: str, label: str) -> re.Match[str] | None:
    """``项目名称 value``: the label, spaces, the value.  The label is compared by its key, so a
    traditional print (``項目名稱 法律援助經費``) reads like the simplified one."""
    spaced = re.match(r"^(\S+)[ \u3000]+(\S.*)$", printed)
    return spaced if spaced is not None and squash(spaced.group(1)) == label else None


def _repeats_label(cell: Cell, label: Cell) -> bool:
    """A merged label cell's copy (or the label typed again beside itself) is not its value."""
    return cell.continuation or same_text(cell.clean, label.clean)


_BARE_YEAR = re.compile(r"^20\d{2}$")


def _find_year(chunk: FormChunk) -> Value[int]:
    rows = chunk.rows[:12]
    if any(is_funds_line(r) for r in rows):
        # a self-evaluation report keeps the print's order: a date below its indicator header is an
        # indicator's actual, not the form's year
        head = level_header_at(rows)
        rows = rows[:head] if head is not None else rows
    candidates = ([chunk.title_row] if chunk.title_row else []) + rows
    if chunk.title_row is not None:  # 财政项目支出绩效自评表 | (2022 | 年度): the year split over cells
        cells = [c for c in chunk.title_row.cells if c.clean]
        m = _YEAR_PATTERNS[0].search(" ".join(c.clean for c in cells))
        if m and len(cells) > 1:
            return traced(chunk.title_row, cells[1:], int(m.group(1)))
        if len(cells) > 1 and _BARE_YEAR.match(cells[0].clean) and cells[1].clean.startswith("年"):
            return traced(chunk.title_row, cells[:1], int(cells[0].clean))  # 2020 | 年度项目支出绩效自评表
    for pattern in _YEAR_PATTERNS:
        for row in candidates:
            for cell in row.cells:
                m = pattern.search(cell.clean)
                if m and not (pattern is _YEAR_PATTERNS[-1] and _SENTENCE.search(cell.clean)):
                    return traced(row, [cell], int(m.group(1)))
    return Value[int]()


# ``207101天津市河北区人民法院 | 单位:万元``: a 项目库 export names the unit (after its budget
# code) without a label, in front of the money unit on the row under the title
_MONEY_UNIT_CELL = re.compile(r"^(?:金额)?单位[:：](?:万元|元)$")
_NOT_A_UNIT = re.compile(r"[表：:，,。；;|]|^\d+(?:\.\d+)?$|^\d{4}年")


def _unit_before_money_unit(chunk: FormChunk) -> Value[str]:
    """The unit named by the only cell before a lone money-unit cell in the form's first rows
    (not a title, a label, a sentence, a figure or a year)."""
    for row in chunk.rows[:4]:
        printed = [c for c in row.cells if c.clean]
        if len(printed) != 2 or not _MONEY_UNIT_CELL.match(squash(printed[1].clean)):
            continue
        text = squash(printed[0].clean)
        if 4 <= len(text) <= 40 and not _NOT_A_UNIT.search(text) and not _ANY_LABEL.match(text):
            return text_value(row, printed[0])
    return Value[str]()


_UNIT_LABEL = re.compile(r"^(金额单位|单位)[:：]?$")


def _find_money_unit(chunk: FormChunk) -> Value[MoneyUnit]:
    unit_re = re.compile(r"(?:单位|金额单位)\s*[:：]\s*(万元|元)|[（(]\s*(万元|元)\s*[)）]")
    for row in chunk.rows[:25]:
        for k, cell in enumerate(row.cells):
            m = unit_re.search(squash(cell.clean))  # traditional script read by its key: （萬元）
            if m:
                return traced(row, [cell], _money_unit(m.group(1) or m.group(2)))
            nxt = row.cells[k + 1] if k + 1 < len(row.cells) else None
            if nxt is not None and _UNIT_LABEL.match(squash(cell.clean)) and squash(nxt.clean) in ("万元", "元"):
                return traced(row, [nxt], _money_unit(squash(nxt.clean)))  # 金额单位: | 万元 printed as two cells
    return _unit_of_amounts(chunk)


_AMOUNT_UNIT = re.compile(r"^\d[\d,]*(?:\.\d+)?(万元|元)$")


def _money_unit(word: str) -> MoneyUnit:
    """The unit patterns here match only 万元 or 元; this names which with its closed type."""
    return "万元" if word == "万元" else "元"


def _unit_of_amounts(chunk: FormChunk) -> Value[MoneyUnit]:
    """No unit line: the unit printed with the funds amounts (``资金总额 | 10000万元``)."""
    for row in chunk.rows[:25]:
        if not row.cells or fund_role(squash(row.cells[0].clean)) is None:
            continue
        for cell in row.cells[1:]:
            m = _AMOUNT_UNIT.match(squash(cell.clean))
            if m:
                return traced(row, [cell], _money_unit(m.group(1)), confidence=0.8)
    return Value[MoneyUnit]()
