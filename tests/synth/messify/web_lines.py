"""A form copied from a government web page: an HTML table pasted as text, one cell per line.

What the browser gives when a page's table is selected and pasted into a text box (dev 35, and
the held-out pastes the lead described): the site's navigation first (breadcrumbs, 索引号,
发布机构, 成文日期, ``时间:… | 来源:…``), then the title, then every cell of the table on a line
of its own, in row order, with blank lines between cells.  An empty cell (``&nbsp;``) prints as
a space-only line or as one more blank line; cells are indented; a long cell wraps over two
lines with no blank line between; a row of text cells sometimes prints as one line with nothing
between its cells (``地方主管部门X资金使用单位Y``); and a header's words wrap inside their cell
(``项目资金`` / ``(万元)``).  Row breaks are not printed.  Nothing is lost from the gold: every
value is printed whole (a wrap or a joined row adds or removes only whitespace, which labels
and texts compare without).
"""

from __future__ import annotations

import random
import re
from typing import Any

from extractor.classify import is_title
from tests.synth.messify import sichuan_page, site_footer, web_cells, web_funds, web_goals, web_points
from tests.synth.messify.base import Rows, Sheet, number_of

_NAVIGATION = (
    "首页 > 政务公开 > 财政信息 > 预算绩效", "您所在的位置：首页 > 信息公开 > 部门预决算", "logo",
    "索引号：{code}/2023-{n}", "发布机构：{place}财政局", "成文日期：{year}-08-17",
    "时间:{year}-08-17 | 来源:{place}财政局", "【字体：大 中 小】", "打印本页 关闭窗口", "分享到：",
)
_FOOTER = ("上一篇：无", "下一篇：{place}关于开展预算执行检查的通知", "主办单位：{place}人民政府 网站标识码：{code}")
_WRAP_MIN = 8  # a text cell this long may hold a line break
_MERGED_COLUMNS = 2  # the label columns (caption, 一级, 二级) whose repeats are vertical merges
_JOIN_MAX = 40  # a row of text cells this short in all may print as one line


def _navigation(sheet: Sheet, rng: random.Random) -> tuple[list[str], list[str]]:
    """The page's lines above the form and below it (none of them a form)."""
    header = sheet.forms[0].get("header", {}) if sheet.forms else {}
    place = str(header.get("unit_name") or header.get("department") or "某县")[:6]
    fill = {"place": place, "year": str(header.get("year") or 2022), "code": str(rng.randint(11000, 99999)),
            "n": str(rng.randint(100, 9999))}
    top = [line.format(**fill) for line in rng.sample(_NAVIGATION, rng.randint(2, 6))]
    bottom = [line.format(**fill) for line in rng.sample(_FOOTER, rng.randint(0, 2))]
    return top, bottom


def _joinable(row: list[str]) -> bool:
    """A row of short text cells (labels and their values) that may print as one line."""
    cells = [t.strip() for t in row if t.strip()]
    return (len(cells) >= 4 and sum(len(t) for t in cells) <= _JOIN_MAX
            and all(number_of(t) is None and not any(ch.isdigit() for ch in t) for t in cells))


_BREAKS = re.compile(r"(?<=[。；;，,：:])(?=\S)|(?=[(（])|(?<=\D)(?=\d[.、])")


def _wrap(text: str, rng: random.Random) -> list[str]:
    """A long cell over two lines where its author broke it (a ``<br>`` inside the cell): before
    a bracket (``项目资金`` / ``(万元)``), after a comma, colon or full stop, or before a numbered
    item; a visual wrap of the browser is no line break in the copied text."""
    cuts = [m.start() for m in _BREAKS.finditer(text) if 2 <= m.start() <= len(text) - 2]
    if not cuts:
        return [text]
    cut = rng.choice(cuts)
    return [text[:cut], text[cut:]]


# the words of a declaration form (项目支出目标申报表) and a special fund's self-evaluation printed on
# web pages: level words ending in 值, 年度数值 over the targets, funds labels with a colon
_LEVEL_END = re.compile(r"^(产出|效益|满意度|成本|数量|质量|时效|经济效益|社会效益|生态效益|可持续影响|"
                        r"服务对象满意度)指标$")
_TARGET_WORDS = {"年度指标值": "年度数值"}  # a lone 指标值 may sit under a merged 年度
_FUND_LABELS = {"年度资金总额": ("资金总额:", "年度资金总额:"), "年度资金总额：": ("资金总额:",),
                "其中：财政拨款": ("财政拨款:",), "其中：当年财政拨款": ("财政拨款:", "其中:中央补助"),
                "其他资金": ("其他:", "其他资金:")}  # fmt: skip
_NAME_LABELS = {"项目名称": ("专项名称", "项目名称")}


def _leaf_rename(form: dict[str, Any], key: str, fields: tuple[str, ...], new: dict[str, str]) -> None:
    for entry in form.get(key) or []:
        for fld in fields:
            if isinstance(entry.get(fld), str) and entry[fld] in new:
                entry[fld] = new[entry[fld]]


def reword(sheet: Sheet, rng: random.Random) -> None:
    """The web templates' words, each drawn per document: in half the documents 一级/二级 words
    end in 值 (``产出值``, ``经济效益值``) and a target column says 年度数值; in half the funds
    labels carry a colon (``资金总额:``, ``财政拨款:``, ``其他:``) and some amounts their unit
    (``2.38  万元``); in a third 项目名称 reads 专项名称.  The gold's levels and labels follow the
    print; amounts keep their value."""
    values, colons, named = rng.random() < 0.5, rng.random() < 0.5, rng.random() < 1 / 3
    unit_share = rng.choice((0.0, 0.3)) if colons else 0.0
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        form = sheet.forms[part.form]
        levels: dict[str, str] = {}
        labels: dict[str, str] = {}
        # a header over two rows (年度指标值 over 指标性质 | 指标值 | 度量单位) keeps its words
        two_rows = any(t.replace(" ", "") in ("指标值", "指标性质") for row in part.rows for t in row)
        for row in part.rows:
            for k, text in enumerate(row):
                key = text.replace(" ", "")
                if values and _LEVEL_END.match(key):
                    levels[text] = row[k] = key[:-2] + "值"
                elif values and key in _TARGET_WORDS and not two_rows:
                    row[k] = _TARGET_WORDS[key]
                elif colons and key in _FUND_LABELS:
                    labels[text] = row[k] = rng.choice(_FUND_LABELS[key])
                elif named and key in _NAME_LABELS:
                    row[k] = rng.choice(_NAME_LABELS[key])
            if labels and any(t in labels.values() for t in row) and unit_share:
                amounts = [k for k, t in enumerate(row) if number_of(t) is not None and "%" not in t][:3]
                for k in amounts:  # the money columns (initial budget, budget, executed), not 分值
                    if rng.random() < unit_share:
                        row[k] = f"{row[k]}  万元"
        _leaf_rename(form, "indicators", ("level1", "level2"), levels)
        _leaf_rename(form, "funds", ("label",), labels)
        for group in form.get("groups") or []:
            if isinstance(group.get("name"), str) and group["name"] in levels:
                group["name"] = levels[group["name"]]


def _table_lines(rows: Rows, rng: random.Random, style: dict[str, float],
                 points_rng: random.Random | None = None, items: dict[str, list[str]] | None = None,
                 ) -> list[list[str]]:
    """Each printed cell of ``rows`` as its lines (a wrapped cell two); an empty cell as ``[]``
    (printed as a space-only line or a blank) or left out; with ``points_rng``, a 一级 cell's
    stated points as a cell of their own (``web_points.py``); a goal cell in ``items`` as its
    numbered items, a cell each (``web_goals.py``), drawing what the cell would have drawn."""
    cells: list[list[str]] = []
    above: list[str] = []
    for row in rows:
        # a label the rows repeat under a vertical merge (预算执行情况 on every funds row, 产出指标 on
        # each of its rows) is one rowspan cell on the page: printed once
        row, above = [t if k > _MERGED_COLUMNS or k >= len(above) or t.strip() != above[k].strip()
                      or number_of(t) is not None else "" for k, t in enumerate(row)], row
        if style["join"] and _joinable(row) and rng.random() < style["join"]:
            cells.append(["".join(t.strip() for t in row if t.strip())])
            continue
        last = max((k for k, t in enumerate(row) if t.strip()), default=-1)
        for k, text in enumerate(row):
            t = text.strip()
            if not t:
                if k < last or rng.random() < 0.5:
                    cells.append([])
                continue
            long_text = len(t) >= _WRAP_MIN and number_of(t) is None and not is_title(t)
            printed = _wrap(t, rng) if long_text and rng.random() < style["wrap"] else [t]
            if points_rng is not None and k <= _MERGED_COLUMNS and (apart := web_points.split_points(t, points_rng)):
                cells += [[apart[0]], [apart[1]]]
            elif items and t in items:
                cells += [[item] for item in items[t]]
            else:
                cells.append(printed)
    return cells


def web_lines(sheet: Sheet, rng: random.Random) -> str:
    """The document as a web page pasted as text (see the module docstring).  Per document:
    1–3 blank lines between cells (or exactly one), empty cells as space-only lines (``&nbsp;``),
    as blanks or a mix, an indent of 0 or 4 spaces with some cells indented further, 0, 15 or
    30 % of long text cells wrapped, and in a third of the documents 40 % of the rows of short
    text cells run together on one line."""
    reword(sheet, random.Random(rng.random()))
    # the templates of web_cells.py, drawn per document from the state without consuming it (the
    # other parameters stay as they were drawn before these templates were added)
    cells_rng = random.Random("web_cells:" + ",".join(map(str, rng.getstate()[1][:8])))
    crumbs = web_cells.declaration_page(sheet, cells_rng) if cells_rng.random() < 0.5 else []
    # half the other target pages are Sichuan declarations printed row by row (sichuan_page.py)
    page_rng = random.Random("sichuan_page:" + ",".join(map(str, rng.getstate()[1][:8])))
    if not crumbs and page_rng.random() < 0.5 and (page := sichuan_page.declaration(sheet, page_rng)) is not None:
        return "\n".join(page) + "\n"
    if cells_rng.random() < 1 / 3:
        web_cells.special_fund(sheet, cells_rng)
    style = {"gap": rng.choice((1.0, 1.0, 3.0)), "space": rng.choice((0.0, 0.5, 1.0)),
             "wrap": rng.choice((0.0, 0.15, 0.3)), "join": 0.4 if rng.random() < 1 / 3 else 0.0}
    indent = rng.choice(("", "    "))
    # a third of the pages print the 一级 cells' points apart (drawn without consuming the state)
    points_draw = random.Random("web_points:" + ",".join(map(str, rng.getstate()[1][:8])))
    points_rng = points_draw if points_draw.random() < 1 / 3 else None
    # half the department self-evaluations print their sources glued to their amounts (web_funds.py)
    funds_rng = random.Random("web_funds:" + ",".join(map(str, rng.getstate()[1][:8])))
    for part in sheet.tables():
        if part.form is not None and part.rows is not None and funds_rng.random() < 0.5:
            web_funds.glue_sources(part.rows, sheet.forms[part.form], sheet.findings, part.form, funds_rng)
    # a third of the pages print the self-evaluations' goals as numbered items (web_goals.py)
    goals_rng = random.Random("web_goals:" + ",".join(map(str, rng.getstate()[1][:8])))
    items: dict[int, dict[str, list[str]]] = {}  # per table part: its goal cells' items
    for k, part in enumerate(sheet.parts):
        if part.form is not None and part.rows is not None and goals_rng.random() < 1 / 3:
            items[k] = web_goals.number_goals(part.rows, sheet.forms[part.form], goals_rng)
    top, bottom = _navigation(sheet, rng)
    if crumbs:
        top += crumbs
        bottom += web_cells.footer(crumbs[0].split(" > ")[1], cells_rng)
    lines: list[str] = []

    def gap() -> None:
        lines.extend([""] * rng.randint(1, int(style["gap"])))

    for line in top:
        lines.append(line)
        gap()
    for at, part in enumerate(sheet.parts):
        for line in part.prose:
            if line.strip():
                lines.append(indent + line.strip())
                gap()
        if part.rows is None:
            continue
        for cell in _table_lines(part.rows, rng, style, points_rng, items.get(at)):
            if not cell:
                lines.append(indent + rng.choice((" ", "\u00a0", "  ")) if rng.random() < style["space"] else "")
            else:
                deeper = " " * rng.choice((0, 0, 0, 1, 4)) if indent else ""
                lines += [indent + deeper + cell[0]] + cell[1:]
            gap()
    # half the pages print the site's footer right after the form (drawn without consuming the state)
    footer_rng = random.Random("site_footer:" + ",".join(map(str, rng.getstate()[1][:8])))
    if footer_rng.random() < 0.5:
        lines = site_footer.add_footer(lines, footer_rng)
    for line in bottom:
        lines.append(line)
        gap()
    if crumbs:
        lines = web_cells.decorate(lines, cells_rng)
    return "\n".join(lines) + "\n"
