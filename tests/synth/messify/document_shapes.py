"""Shapes of the document around its forms: excerpts cut off mid-table, narrative-only
reports, a notice / 基础数据表 / site navigation before the form, columns the readers do not
expect (指标方向, 计算符号, an Excel date serial for the filling date), and several projects'
tables under one title.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Part, Sheet, tsv_text

ROW_LOCAL = {"EXEC_RATE_MISMATCH", "BUDGET_SCORE_MISMATCH", "INDICATOR_SCORE_OVER_WEIGHT"}
_STATED = re.compile(r"[（(]\d+(?:\.\d+)?分[）)]$")


def _names(cell: str, name: object) -> bool:
    """The cell prints the row's name: alone, or with the points a score sheet states after it
    (``绩效目标合理性（5分）`` names 绩效目标合理性)."""
    return bool(cell) and isinstance(name, str) and (cell == name or _STATED.sub("", cell) == name)


def _cut_row(row: list[str], names: list[str | None], rng: random.Random) -> list[str] | None:
    """An indicator row cut off inside a cell after its name (``工程竣工验收合格率 | 1`` for
    ``… | 100% | 100% | 5 | 5``, sample 58): the cells up to a random one after the name, that one
    cut to a prefix; None when the row prints no name with a cell after it."""
    at = next((k for k, t in enumerate(row) if any(_names(t, n) for n in names)), None)
    later = [k for k, t in enumerate(row) if at is not None and k > at and t.strip()]
    if not later:
        return None
    end = rng.choice(later[:-1] or later)  # never the whole row: at least one cell after it is lost
    text = row[end].strip()
    return row[:end] + [text[: rng.randint(1, max(1, len(text) - 1))]]


def truncated(sheet: Sheet, rng: random.Random) -> str:
    """The excerpt stops inside a form's indicator rows: later forms and rows are gone, so are
    the totals; only findings a printed row raises by itself stay expected.  In half the
    documents the first row lost is printed in part, cut inside a cell after its name (sample
    58): the gold keeps none of it; in 30 % of those the cut row is the table's first indicator
    row, so nothing earlier shows which figures a row prints (sample 02)."""
    tables = sheet.tables()
    part = rng.choice(tables)
    assert part.rows is not None and part.form is not None
    form = sheet.forms[part.form]
    rows = form.get("indicators") or form.get("items") or []
    names = [r.get("name") for r in rows]
    printed_at = [next((i for i, row in enumerate(part.rows) if any(_names(t, n) for t in row)), None)
                  for n in names]
    placed = [i for i in printed_at if i is not None]
    # at least one indicator row printed, at least one lost
    cut = len(part.rows) - 1 if len(placed) < 2 else rng.randint(placed[0] + 1, placed[-1])
    partial = _cut_row(part.rows[cut], names, rng) if rng.random() < 0.5 else None
    first = printed_at[0] if printed_at and form.get("indicators") else None
    if partial and rng.random() < 0.3 and first is not None:  # a one-row excerpt: the first indicator row is cut
        cut = first
        partial = _cut_row(part.rows[cut], names, rng)
    part.rows = part.rows[:cut] + ([partial] if partial else [])
    key = "indicators" if form.get("indicators") else "items"
    kept = [k for k, at in enumerate(printed_at) if at is not None and at < cut]
    if key in form:
        form[key] = [rows[k] for k in kept]
    form.pop("totals", None)
    if "groups" in form:
        printed = {t for row in part.rows for t in row}
        form["groups"] = [g for g in form["groups"] if any(t.startswith(g["name"]) and "分" in t for t in printed)]
        form["groups"] = [g for g in form["groups"] if _group_complete(g, rows, kept)]
        if not form["groups"]:
            del form["groups"]
    index = sheet.parts.index(part)
    sheet.parts = sheet.parts[: index + 1]
    sheet.forms = sheet.forms[: part.form + 1]
    new_index = {old: new for new, old in enumerate(kept)}
    findings = []
    for f in sheet.findings:
        if f["form"] != part.form:
            if f["form"] < part.form:
                findings.append(f)
            continue
        if f["code"] not in ROW_LOCAL:
            continue
        fld = f["field"]
        if fld.startswith(f"{key}["):
            at = int(fld[len(key) + 1: fld.index("]")])
            if at not in new_index:
                continue
            f = {**f, "field": f"{key}[{new_index[at]}]{fld[fld.index(']') + 1:]}"}
        findings.append(f)
    sheet.findings = findings
    return tsv_text(sheet.parts)


def _group_complete(group: dict[str, Any], rows: list[dict[str, Any]], kept: list[int]) -> bool:
    """A group's stated weight stays in the gold only when all its rows were printed (its
    heading alone cannot be checked)."""
    level = "level1" if group.get("level", 1) == 1 else "level2"
    members = [k for k, r in enumerate(rows) if r.get(level) == group["name"]]
    return bool(members) and all(k in kept for k in members)


def narrative_only(sheet: Sheet, rng: random.Random) -> str:
    """A report in prose that quotes the forms' figures and names them but prints no table:
    gold has no form."""
    lines: list[str] = []
    for part in sheet.parts:
        if part.rows is None:
            lines += [line for line in part.prose if len(line) > 20 and not line.endswith("表")]
            continue
        assert part.form is not None
        form = sheet.forms[part.form]
        header = form.get("header", {})
        if header.get("title"):  # the form is only named, the way reports point at an annex
            lines.append(f"自评情况详见附件《{header['title']}》（略）。")
        subject = header.get("project_name") or header.get("unit_name") or "本单位"
        total = next((f for f in form.get("funds") or [] if f.get("role") == "total"), {})
        unit = header.get("money_unit", "万元")
        if total.get("budget") or total.get("initial_budget"):
            lines.append(f"一、资金情况。{subject}全年预算{total.get('budget') or total.get('initial_budget')}{unit}，"
                         f"实际支出{total.get('executed', '0')}{unit}，预算执行率{total.get('rate', '100')}%。")
        done = []
        for ind in (form.get("indicators") or [])[:6]:
            actual = (ind.get("actual") or {}).get("text") or (ind.get("target") or {}).get("text")
            if isinstance(ind.get("name"), str) and actual:
                done.append(f"{ind['name'].split('：')[-1]}{actual}")
        if done:
            lines.append("二、绩效目标完成情况。" + "；".join(done) + "。")
        score = (form.get("totals") or {}).get("score")
        if score:
            lines.append(f"三、自评结论。经综合评价，自评得分{score}分，评价等级为“{rng.choice(('优', '良'))}”。")
        lines.append("四、存在的问题及改进措施。" + rng.choice(("部分项目实施进度偏慢，下一步将加强调度。",
                                                       "绩效目标设置还不够细化，今后将进一步量化指标。")))
    sheet.parts = [Part(prose=lines)]
    sheet.forms = []
    sheet.findings = []
    return "\n".join(lines) + "\n"


NAVIGATION = ["首页 > 政务公开 > 财政预决算 > 绩效评价", "当前位置：首页 >> 信息公开 >> 财政资金",
              "【字体：大 中 小】 【打印本页】 【关闭窗口】", "发布时间：2021-07-12 来源：本站 浏览次数：318"]
NOTICE = ["关于{place}{year}年度预算绩效自评结果的公示",
          "根据《中华人民共和国预算法》和预算绩效管理有关规定，现将{year}年度绩效自评结果予以公示，公示期为5个工作日。",
          "如有异议，请在公示期内向{place}财政局反映。联系电话：0731-1234567。"]
BASICS = [["基础数据表"], ["单位名称", "编制人数", "实有人数", "年末资产总额（万元）"],
          ["{place}", "42", "39", "1265.30"], ["填表说明：本表数据为年末数。"]]


def preamble(sheet: Sheet, rng: random.Random) -> str:
    """Site navigation, a notice or a 基础数据表 before the first form (and navigation after the
    last); none of it is a form and the gold is unchanged."""
    header = sheet.forms[0].get("header", {}) if sheet.forms else {}
    place = (header.get("unit_name") or header.get("department") or "某县")[:6]
    year = str(header.get("year") or 2021)
    kind = rng.choice(("navigation", "notice", "basics"))
    fill = {"place": place, "year": year}
    if kind == "navigation":
        sheet.parts.insert(0, Part(prose=rng.sample(NAVIGATION, 3)))
        sheet.parts.append(Part(prose=["上一篇：无", "下一篇：关于开展预算执行检查的通知", NAVIGATION[2]]))
    elif kind == "notice":
        sheet.parts.insert(0, Part(prose=[line.format(**fill) for line in NOTICE]))
    else:
        rows = [[cell.format(**fill) for cell in row] for row in BASICS]
        sheet.parts.insert(0, Part(rows=rows))
    return tsv_text(sheet.parts)


def _sign_as_nature(form: dict[str, Any], name: str, sign: str) -> None:
    """A 计算符号 column prints the operator apart, as 指标性质 does: the gold's nature is the
    sign, for a form that prints no 指标性质 of its own."""
    for ind in form.get("indicators") or []:
        if ind.get("name") == name and not ind.get("nature"):
            ind["nature"] = sign


def extra_columns(sheet: Sheet, rng: random.Random) -> str:
    """Columns the readers skip: a 指标方向 (正向/反向) column after the indicator name, a
    计算符号 column, a 指标描述 / 绩效指标描述 column (the name again or a sentence about it:
    samples 60, 61), a 优秀□ 良好□ … choice row under the table (half the forms, sample 61) and
    the filling date printed as an Excel serial (44561)."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        if "items" in sheet.forms[part.form]:
            continue  # a score sheet's rubric has no target to direct or compare
        head = next((r for r, row in enumerate(part.rows) if any("三级指标" in t.replace(" ", "") for t in row)), None)
        if head is None:
            continue
        col = next(c for c, t in enumerate(part.rows[head]) if "三级指标" in t.replace(" ", "")) + 1
        added = rng.choice(("指标方向", "计算符号", "指标描述", "绩效指标描述"))
        ops = {i.get("name"): i.get("nature") or (i.get("target") or {}).get("operator")
               for f in sheet.forms for i in f.get("indicators") or []}  # the glyph 指标性质 prints, if it does
        for r, row in enumerate(part.rows):
            if r < head:
                row.insert(col, "")
            elif r == head:
                row.insert(col, added)
            else:
                filled = any(t.strip() for t in row[col:]) and not any(
                    t.replace(" ", "") in ("总分", "合计") for t in row)
                op = next((ops[t] for t in row if t in ops), None)
                sign = op if op and op not in ("qualitative", "定性") else "—"
                name = row[col - 1]
                if name.replace(" ", "") == "三级指标":  # the header's second row (年度 / 指标值) repeating its labels
                    row.insert(col, "")
                    continue
                if added.endswith("指标描述"):  # the name again (sample 60) or a sentence (61)
                    text = rng.choice((name, f"完成{name}相关工作", f"{name}达到年度计划要求")) if name else ""
                else:
                    text = rng.choice(("正向", "正向", "反向")) if added == "指标方向" else sign
                row.insert(col, text if filled else "")
                if added == "计算符号" and filled and text != "—":
                    _sign_as_nature(sheet.forms[part.form], name, text)
        if rng.random() < 0.5:  # a choice field under the table (项目库 declarations, sample 61)
            choice = ["最近年度绩效评价情况", "优秀□ 良好□ 合格□ 不合格□ 未评价□"]
            part.rows.append(choice + [""] * (len(part.rows[0]) - 2))
        part.rows.append(["填报日期", str(rng.randint(43466, 45657))] + [""] * (len(part.rows[0]) - 2))
    return tsv_text(sheet.parts)


_YEAR_LINE = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$")


def untitled(sheet: Sheet, rng: random.Random) -> str:
    """Several projects' tables under one title: each form that follows a form of its own type
    loses its title (and a year line under it) with probability 0.8, as pages listing projects
    print them; in three documents of ten the excerpt starts under the first form's title too,
    its header rows (项目名称 …) first.  The gold loses that title, and the year when nothing
    else prints it outside a sentence.  Half the forms that lose their year print a
    项目实施内容 row whose sentence opens with the year (``2022年，我街道按照…``, samples 58, 63):
    a year in a sentence is not the form's year.  Half the excerpts cut under their title print
    six to eight 项目库 declaration rows under 项目名称 (sample 61).  Four project tables in ten
    print a numbered group subtitle under their title (``3.…-2023中央绩效目标表``, sample 60)."""
    previous: str | None = None
    yearless: list[tuple[list[list[str]], int]] = []
    cut_before = rng.random() < 0.3  # the excerpt starts under the first form's title
    for k, part in enumerate(sheet.parts):
        if part.rows is None or part.form is None:
            continue
        form = sheet.forms[part.form]
        kind = form.get("schema_name")
        header = form.get("header") or {}
        title = header.get("title")
        first = previous is None
        if isinstance(title, str) and (kind == previous and rng.random() < 0.8 or first and cut_before):
            before = sheet.parts[k - 1] if k > 0 and sheet.parts[k - 1].rows is None else None
            if before is not None:
                before.prose = [line for line in before.prose if line.strip() != title and
                                not _YEAR_LINE.match(line.strip())]
            part.rows = [row for row in part.rows if title not in row]
            del header["title"]
            year = header.get("year")
            lines = before.prose if before is not None else []  # 预算年度：2019 above the table prints it too
            if year is not None and not any(_prints_year(t, year) for row in [*part.rows, lines] for t in row):
                del header["year"]
                yearless.append((part.rows, int(year)))
        previous = kind
    for rows, year in yearless:  # drawn after the titles' draws, which stay as they were
        if rng.random() < 0.5:
            _content_row(rows, year, rng)
    first_table = next((p for p in sheet.parts if p.rows is not None), None)
    if cut_before and first_table is not None and rng.random() < 0.5:
        _declaration_rows(first_table.rows or [], rng)
    for part in sheet.tables():  # drawn after every earlier draw, which stays as it was
        if part.form is not None and rng.random() < 0.4:
            _group_subtitle(part.rows or [], sheet.forms[part.form], rng)
    return tsv_text(sheet.parts)


GROUP_WORDS = ("业务经费", "专项业务费", "运行维护经费", "业务装备及辅助事务外包")
TITLE_ENDINGS = ("绩效目标表", "中央绩效目标表", "绩效自评表", "绩效目标申报表")


def _group_subtitle(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> None:
    """A numbered subtitle naming a group of projects under the form's title, in the table's
    second row (``3.法院办案业务、业务装备及审判辅助事务外包-2023中央绩效目标表``, sample 60).  The
    gold keeps the title above, which names the form."""
    header = form.get("header") or {}
    title, year = header.get("title"), header.get("year")
    if not isinstance(title, str) or not rows or title not in rows[0] or not isinstance(year, int) or \
            form.get("schema_name") not in ("project_target", "project_self_eval"):
        return
    ending = next((e for e in TITLE_ENDINGS[::-1] if title.endswith(e)), None)
    if ending is None:
        return
    owner = str(header.get("department") or header.get("unit_name") or "")[:8]
    label = f"{rng.randint(1, 9)}{rng.choice(('.', '、', '．'))}{owner}{rng.choice(GROUP_WORDS)}-{year}{ending}"
    rows.insert(1, [label, *[""] * (len(rows[0]) - 1)])


# a project library declaration's header rows (项目库 申报表, sample 61): contacts, classification
# choices and plans between 项目名称 and the first funds or indicator row; no gold field
DECLARATION_ROWS = (("项目联系人", "王建国", "联系电话", "0571-8861234"),
                    ("对应一级项目", "城市基础设施配套费", "项目功能科目", "其他城乡社区支出"),
                    ("项目类型", "其他运转类：□专项运转类 □信息化维护类 特定目标类：□重大活动类 □基建类"),
                    ("项目属性", "新增□ 延续□ 往年备选□", "重要程度", "重要工作□ 一般工作□"),
                    ("项目口径", "经常性□ 阶段性□ 一次性□", "项目期限", "全年"),
                    ("立项依据", "根据历年支出情况及相关管理办法"),
                    ("主要内容", "按标段组织日常养护、维修及配套设施更新"),
                    ("项目实施计划", "按季度组织实施并开展检查验收"))  # fmt: skip


def _declaration_rows(rows: list[list[str]], rng: random.Random) -> None:
    """Between six and eight declaration rows under the 项目名称 row of an excerpt that starts
    under its title, so the header labels sit far above the first body row."""
    at = next((r for r, row in enumerate(rows) if any(t.replace(" ", "") == "项目名称" for t in row)), None)
    if at is None:
        return
    width = len(rows[at])
    chosen = sorted(rng.sample(range(len(DECLARATION_ROWS)), rng.randint(6, 8)))
    extra = [list(DECLARATION_ROWS[k][:width]) + [""] * max(0, width - len(DECLARATION_ROWS[k])) for k in chosen]
    rows[at + 1:at + 1] = extra


SENTENCE = re.compile(r"[，,。；;]")
CONTENTS = ("按照年度工作计划组织实施，完成项目建设任务。", "对辖区内相关设施开展维修改造，资金按进度拨付到位。",
            "完成年度采购及安装工作；组织验收并投入使用。")


def _prints_year(text: str, year: int) -> bool:
    """Whether a cell prints the form's year as a year of its own, not inside a sentence."""
    return str(year) in text and not SENTENCE.search(text)


def _content_row(rows: list[list[str]], year: int, rng: random.Random) -> None:
    """A 项目实施内容 row under the 项目名称 row, its sentence opening with a year (the form's or
    the one before) that is not printed as the form's year."""
    at = next((r for r, row in enumerate(rows) if any(t.replace(" ", "") == "项目名称" for t in row)), None)
    if at is None or len(rows[at]) < 2:
        return
    stated = f"{year - rng.choice((0, 0, 1))}年，{rng.choice(CONTENTS)}"
    rows.insert(at + 1, ["项目实施内容", stated, *[""] * (len(rows[at]) - 2)])
