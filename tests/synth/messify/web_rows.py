"""A form copied from a government web page with one table ROW per line, its cells run together.

What some sites give when a self-evaluation's table is selected and pasted (the lead's central
transfer-payment pages, dev 37's words): the site's lines first (breadcrumbs, 索引号, 发布机构,
``时间:… | 来源:…``), then the title, then each row of the table on a line of its own with the
row's cells printed against each other, no separator (``地方主管部门某局资金使用单位某局``,
``年度资金总额:30003000100%``), runs of blank lines between rows (longer under the indicator
header), some rows indented by one space, a rowspan label printed once, and words an author broke
inside their cell with a ``<br>``: the funds caption before its bracket (``项目资金`` /
``(万元)…``), the indicator header inside 一级指标 (``绩效指标一级`` / ``指标`` / ``二级指标…``), a
level word before its 指标 (``经济效益`` / ``指标…``); a ``……`` placeholder row among the
indicators.  In two thirds of the documents the project forms speak the transfer payment's words
(``transfer_words``).

Gold: figures of one row printed against each other lose their boundary, as in run-together text
(``layout_shapes.run_together``): they leave the gold unless exactly one cut obeys the column
rules (``fused_pairs.certain_run``), and a form with a lost figure expects no findings.  A break
inside a word, a blank line or an indent loses nothing (labels compare without whitespace).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

from tests.synth.messify import site_footer
from tests.synth.messify.base import Rows, Sheet, drop_damaged, number_of
from tests.synth.messify.fused_pairs import certain_run, certain_total
from tests.synth.messify.web_lines import _navigation
from tests.synth.messify.web_rows_site import bare_cells, row_gap, site_header, site_style

_ENDS_NUMERIC = re.compile(r"[\d.]$")
_STARTS_NUMERIC = re.compile(r"^[\d.]")
_MERGED_COLUMNS = 2  # the label columns (caption, 一级, 二级) whose repeats are vertical merges
_SLOT = re.compile(r"指标\d+$")  # a pre-printed slot label (Fushun's 指标1 on every row) is no merge
_CAPTION_BRACKET = re.compile(r"^(\S{2,8}?)([（(](?:万元|元)[)）])")
_LEVEL1_HEADER = re.compile(r"一\s*级(?=\s*指\s*标)")
_LEVEL_WORD = re.compile(r"^(\S{2,8}?)(指标)")
_LEVEL_WORDS = ("产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
                "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标")

# the transfer payment's words for the national template's (squashed text → printed text)
_HEADER_LABELS = {"项目名称": "转移支付(项目)名称", "主管部门": "地方主管部门", "实施单位": "资金使用单位"}
_FUNDS_WORDS = {"全年预算数": "全年预算数(A)", "全年预算数(A)": "全年预算数(A)", "全年执行数": "全年执行数(B)",
                "全年执行数(B)": "全年执行数(B)", "执行率": "预算执行率(B/A)", "执行率(B/A)": "预算执行率(B/A)"}
_FUND_LABELS = {"年度资金总额": "年度资金总额:", "年度资金总额：": "年度资金总额:",
                "其中：当年财政拨款": "其中:中央补助", "其中：本年财政拨款": "其中:中央补助"}
_GOAL_WORDS = {"年度总体目标": "总体目标完成情况", "预期目标": "总体目标", "年初设定目标": "总体目标",
               "实际完成情况": "全年实际完成情况", "年度总体目标完成情况综述": "全年实际完成情况"}
_INDICATOR_WORDS = {"年度指标值": "指标值", "实际完成值": "全年实际完成值", "全年实际值": "全年实际完成值",
                    "偏差原因分析及改进措施": "未完成原因和改进措施",
                    "未完成原因及拟采取的改进措施": "未完成原因和改进措施"}
_CENTRAL_DEPTS = ("财政部", "教育部", "人力资源社会保障部", "农业农村部", "交通运输部", "水利部")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def transfer_words(sheet: Sheet, rng: random.Random) -> None:
    """Project self-evaluations in a central transfer payment's words: the title
    ``…中央财政补助资金绩效目标自评表``, 转移支付(项目)名称, a 中央主管部门 row above 地方主管部门 and
    资金使用单位, funds headed 全年预算数(A) / 全年执行数(B) / 预算执行率(B/A) with
    ``年度资金总额:`` and ``其中:中央补助``, goals headed 总体目标完成情况 / 总体目标 / 全年实际完成情况,
    indicators headed 指标值 / 全年实际完成值 / 未完成原因和改进措施.  Gold: title and fund labels
    follow the print, 其中:中央补助 is the central level's share (``central_provincial``, as sample
    37's 中央财政资金); no department (two levels' 主管部门 are printed, neither is the form's)."""
    for k, part in enumerate(sheet.parts):
        if part.rows is None or part.form is None:
            continue
        form = sheet.forms[part.form]
        if form.get("schema_name") != "project_self_eval":
            continue
        header = form.setdefault("header", {})
        title = header.get("title")
        if isinstance(title, str) and title.endswith("项目支出绩效自评表"):
            lead = re.match(r"\d{4}\s*年度?", title)  # the year before the title stays; a 部门预算 lead goes
            new = (lead.group(0) if lead else "") + "中央财政补助资金绩效目标自评表"
            for prose in sheet.parts[max(0, k - 1): k]:
                prose.prose = [new if line.strip() == title else line for line in prose.prose]
            if any(line == new for p in sheet.parts[max(0, k - 1): k] for line in p.prose):
                header["title"] = new
        labels: dict[str, str] = {}
        central = None
        for r, row in enumerate(part.rows):
            for c, text in enumerate(row):
                key = _squash(text)
                if key in _HEADER_LABELS and c + 1 < len(row):
                    row[c] = _HEADER_LABELS[key]
                    if key == "主管部门":
                        central = r
                elif key in _FUND_LABELS:
                    labels[text] = row[c] = _FUND_LABELS[key]
                elif key in _GOAL_WORDS:
                    row[c] = _GOAL_WORDS[key]
                elif key in _INDICATOR_WORDS:
                    row[c] = _INDICATOR_WORDS[key]
            if any(_squash(t) == "全年执行数" or _squash(t) == "全年执行数(B)" for t in row):
                part.rows[r] = [_FUNDS_WORDS.get(_squash(t), t) for t in row]
        if central is not None:
            width = len(part.rows[central])
            part.rows.insert(central, ["中央主管部门", rng.choice(_CENTRAL_DEPTS)] + [""] * (width - 2))
            header.pop("department", None)
        for entry in form.get("funds") or []:
            if entry.get("label") in labels:
                entry["label"] = labels[entry["label"]]
                if "中央" in entry["label"]:
                    entry["role"] = "central_provincial"  # the central level's share, as the reader files it


def _printed(rows: Rows) -> list[list[tuple[int, str]]]:
    """Each row's printed cells as (column, text): stripped, empty ones left out, a label the rows
    repeat under a vertical merge (a rowspan cell) printed once; a slot label ``指标1`` printed on
    every row is each row's own cell."""
    out: list[list[tuple[int, str]]] = []
    above: list[str] = []
    for row in rows:
        cells = [(c, t.strip()) for c, t in enumerate(row) if t.strip()
                 and not (c <= _MERGED_COLUMNS and c < len(above) and t.strip() == above[c].strip()
                          and number_of(t) is None and not _SLOT.match(t.strip()))]
        above = row
        out.append(cells)
    return out


def _fuse(sheet: Sheet, form: int, rows: Rows, printed: list[list[tuple[int, str]]]) -> None:
    """Drop from the gold every figure fused with a neighbour in its row whose cut is not certain."""
    damaged: dict[int, set[int]] = {}
    runs: list[tuple[int, list[int]]] = []
    for r, cells in enumerate(printed):
        run: list[int] = []
        for (c1, t1), (c2, t2) in zip(cells, cells[1:], strict=False):
            if _ENDS_NUMERIC.search(t1) and _STARTS_NUMERIC.search(t2):
                damaged.setdefault(r, set()).update((c1, c2))
                if run and run[-1] == c1:
                    run.append(c2)
                else:
                    if run:
                        runs.append((r, run))
                    run = [c1, c2]
            elif run:
                runs.append((r, run))
                run = []
        if run:
            runs.append((r, run))
    for r, cols in runs:
        total = certain_total(sheet.forms[form], rows, damaged)
        if certain_run(sheet.forms[form], rows[r], cols, total, damaged.get(r, set())):
            damaged[r] -= set(cols)
    drop_damaged(sheet, form, rows, damaged)


def _line(cells: list[tuple[int, str]], style: dict[str, Any], rng: random.Random, body: bool) -> list[str]:
    """One row's printed line, broken where an author broke a word inside a cell."""
    text = "".join(t for _, t in cells)
    if not text:
        return []
    first = cells[0][1]
    m = _CAPTION_BRACKET.match(text)
    if m and rng.random() < style["caption"]:
        return [m.group(1), text[m.end(1):]]  # 项目资金 / (万元)全年预算数…
    m = _LEVEL1_HEADER.search(text)
    if m and rng.random() < style["header"]:
        rest = text[m.end():]
        word = re.match(r"\s*指\s*标", rest)
        assert word is not None
        return [text[:m.end()], rest[:word.end()], rest[word.end():]]  # 绩效指标一级 / 指标 / 二级指标…
    m = _LEVEL_WORD.match(first)
    if body and m and first in _LEVEL_WORDS and len(first) > len(m.group(2)) + 1 and len(cells) > 1 \
            and rng.random() < style["level"]:
        return [m.group(1), text[len(m.group(1)):]]  # 经济效益 / 指标…
    return [text]


def web_rows(sheet: Sheet, rng: random.Random,
             page: Callable[[Sheet, random.Random], None] | None = None) -> str:
    """The document as a web page pasted one table row per line (see the module docstring).  Per
    document: 1 or 1–3 blank lines between rows, 1–3 or 3–10 under the indicator header, a space
    before 30 % of the rows (or none), the caption, header and level words broken inside (0 or
    60 %, 0 or 60 %, 0 or 40 %), a ``……`` row among the indicators (a third of the documents); in
    half the documents the tight site template of ``web_rows_site`` (its header lines, its first rows
    with no blank between them, uneven gaps after).  ``page``: a template's own preparation of the
    rows and gold in place of the transfer payment's words (``transfer_page``)."""
    if page is not None:
        page(sheet, random.Random(rng.random()))
    elif rng.random() < 2 / 3:
        transfer_words(sheet, random.Random(rng.random()))
    style: dict[str, Any] = {
        "gap": rng.choice((1, 3)), "body_gap": rng.choice((3, 3, 10)), "indent": rng.choice((0.0, 0.3)),
        "caption": rng.choice((0.0, 0.6)), "header": rng.choice((0.0, 0.6)), "level": rng.choice((0.0, 0.4)),
        "dots": rng.random() < 1 / 3}
    site = site_style(random.Random(rng.random()))
    top, bottom = _navigation(sheet, rng)
    lines: list[str] = []

    def gap(most: int) -> None:
        lines.extend([""] * rng.randint(1, most))

    if site["site"]:
        lines += site_header(sheet, rng)
    else:
        for line in top:
            lines.append(line)
            gap(style["gap"])
    row_lines = 0
    for part in sheet.parts:
        for line in part.prose:
            if line.strip():
                lines.append(line.strip())
                gap(style["gap"])
        if part.rows is None:
            continue
        assert part.form is not None
        printed = _printed(part.rows)
        if site["bare"]:
            printed = [bare_cells(cells) for cells in printed]
        _fuse(sheet, part.form, part.rows, printed)
        body = False
        dots = style["dots"]
        for cells in printed:
            out = _line(cells, style, rng, body)
            if not out:
                continue
            if rng.random() < style["indent"]:
                out[0] = " " + out[0]
            lines += out
            row_lines += len(out)
            text = "".join(t for _, t in cells)
            if _LEVEL1_HEADER.search(text):
                body = True
            if site["site"]:
                lines.extend([""] * row_gap(site, row_lines, text, body, rng))
            else:
                gap(style["body_gap"] if body else style["gap"])
            if body and dots and rng.random() < 0.3:
                lines.append("……")
                gap(style["body_gap"])
                dots = False
    # half the pages print the site's footer right after the form (drawn without consuming the state)
    footer_rng = random.Random("site_footer:" + ",".join(map(str, rng.getstate()[1][:8])))
    if footer_rng.random() < 0.5:
        lines = site_footer.add_footer(lines, footer_rng)
    for line in bottom:
        lines.append(line)
        gap(style["gap"])
    return "\n".join(lines) + "\n"
