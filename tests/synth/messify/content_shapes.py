"""Shapes that change what the document says around or inside its forms: traditional
characters with inline pinyin, funds-block variants, header labels and titles in other
provinces' words.

Each edits the ``Sheet`` (rows and gold together) and prints it as tab-separated rows, so the
only difficulty a family adds is its own.
"""

from __future__ import annotations

import copy
import random
import re
from typing import Any

import opencc

from tests.synth.messify.base import Sheet, drop_values, forget_findings, number_of, tsv_text
from tests.synth.messify.declaration import declaration
from tests.synth.messify.funds_tree import hierarchy

_S2T = opencc.OpenCC("s2t")
PINYIN = {"项目名称": "xiàng mù míng chēng", "主管部门": "zhǔ guǎn bù mén", "实施单位": "shí shī dān wèi",
          "一级指标": "yī jí zhǐ biāo", "二级指标": "èr jí zhǐ biāo", "三级指标": "sān jí zhǐ biāo",
          "年初预算数": "nián chū yù suàn shù", "分值": "fēn zhí", "得分": "dé fēn"}  # fmt: skip


# one syllable per character, from the labels above and the words of generated values
CHAR_PINYIN = {ch: syl for word, sound in PINYIN.items() for ch, syl in zip(word, sound.split(), strict=True)} | {
    "标": "biāo", "业": "yè", "学": "xué", "产": "chǎn", "数": "shù", "资": "zī", "金": "jīn", "效": "xiào",
    "益": "yì", "质": "zhì", "成": "chéng", "本": "běn", "工": "gōng", "作": "zuò", "完": "wán"}  # fmt: skip

# enumerations, not printed text; a measure's unit is one too (萬元 is the unit 万元, as money_unit is)
_KEEP = ("schema_name", "role", "operator", "money_unit", "completion", "unit")


def _convert(value: Any) -> Any:
    """Every string of a gold value in traditional characters; a digest of a long text is kept,
    since long texts stay printed as they were."""
    if isinstance(value, str):
        return _S2T.convert(value)
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        if "$text" in value:
            return value
        return {k: (v if k in _KEEP else _convert(v)) for k, v in value.items()}
    return value


def traditional(sheet: Sheet, rng: random.Random) -> str:
    """Traditional characters throughout, with pinyin in brackets after some labels
    (``項目名稱(xiàng mù míng chēng)``, as some sites' converters print it) and, in half the
    documents, after single characters of any cell (``學(xué)校``: labels and values alike, 30 %
    of the characters the table knows); the gold keeps no pinyin (a mirror's artefact).  Texts
    over 30 characters stay simplified: their gold is a digest of the simplified text."""
    sheet.forms = [_convert(form) for form in sheet.forms]
    ruby = rng.random() < 0.5  # some mirrors print a syllable after single characters (學(xué)校)

    def cell(text: str) -> str:
        if len(text) > 30:
            return text
        out = _S2T.convert(text)
        sound = PINYIN.get(text.replace(" ", ""))
        if sound and rng.random() < 0.6:
            return f"{out}({sound})"
        if ruby and len(out) == len(text):
            out = "".join(t + (f"({CHAR_PINYIN[s]})" if s in CHAR_PINYIN and rng.random() < 0.3 else "")
                          for s, t in zip(text, out, strict=True))
        return out

    for part in sheet.parts:
        part.prose = [line if len(line) > 30 else _S2T.convert(line) for line in part.prose]
        if part.rows is not None:
            part.rows = [[cell(t) for t in row] for row in part.rows]
    return tsv_text(sheet.parts)


_FUNDS_HEADS = {"年初预算数": "initial_budget", "年初预算": "initial_budget", "全年预算数": "budget",
                "调整后预算数": "budget", "预算数": "budget", "全年执行数": "executed", "执行数": "executed",
                "实际支出": "executed",
                "分值": "weight", "权重": "weight", "执行率": "rate", "得分": "score"}  # fmt: skip


def _funds_header(rows: list[list[str]], form: dict[str, Any]) -> tuple[int, dict[int, str]] | None:
    """The funds block's header row and which gold field each of its columns holds."""
    labels = {f["label"] for f in form.get("funds") or []}
    for r, row in enumerate(rows[:-1]):
        if not any(t in labels for t in rows[r + 1]):
            continue
        cols: dict[int, str] = {}
        for c, text in enumerate(row):
            plain = text.replace(" ", "")
            key = next((v for k, v in _FUNDS_HEADS.items() if k in plain), None)
            if key:
                cols[c] = key
        if cols:
            return r, cols
    return None


NOTES = ("预算执行率=预算执行数/调整后预算数，未达到90%的需说明原因。", "项目按计划实施，资金已全部拨付到位。")


def funds_variants(sheet: Sheet, rng: random.Random) -> str:
    """One funds-block variant per form (a target form's ``资金情况`` rows: ``_target_funds``):
    amounts written with their unit (``85.47万元``),
    amounts inside the label cells (``其中：财政拨款 85.47万元`` with the figure cells empty: the
    gold drops those figures, they belong to no column with certainty), a single budget
    column (年初预算数 only: the other columns are not printed and leave the gold), or a
    原因说明 column after the figures with a sentence in the total row (no field: gold as is)."""
    blocks: list[tuple[list[list[str]], dict[str, Any], int, dict[int, str]]] = []
    trees: list[tuple[list[list[str]], dict[str, Any], list[list[str]], list[dict[str, Any]]]] = []
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        form = sheet.forms[part.form]
        found = _funds_header(part.rows, form)
        if found is not None:
            blocks.append((part.rows, form, *found))
        if found is None:
            if form.get("schema_name") == "project_target" and form.get("funds"):
                trees.append((part.rows, form, [list(r) for r in part.rows], copy.deepcopy(form["funds"])))
                _target_funds(part.rows, form, rng)
            continue
        head, cols = found
        unit = form.get("header", {}).get("money_unit", "元")
        labels = {f["label"]: f for f in form["funds"]}
        variant = rng.choice(("with_unit", "in_label", "single_column", "note"))
        money = [c for c, k in cols.items() if k in ("initial_budget", "budget", "executed")]
        body = [r for r in range(head + 1, len(part.rows)) if any(t in labels for t in part.rows[r])]
        if variant == "note":  # a 原因说明 column after the figures, a sentence in the total row
            width = max(len(part.rows[r]) for r in [head, *body])
            for r in [head, *body]:
                part.rows[r] += [""] * (width - len(part.rows[r])) + [""]
            part.rows[head][-1] = "原因说明"
            part.rows[body[0]][-1] = rng.choice(NOTES)
        elif variant == "with_unit":
            for r in body:
                for c in money:
                    if number_of(part.rows[r][c]) is not None:
                        part.rows[r][c] += unit
        elif variant == "in_label":
            for r in body:
                row = part.rows[r]
                label_col = next(c for c, t in enumerate(row) if t in labels)
                c = money[0]
                if number_of(row[c]) is None or row[label_col] == "年度资金总额":
                    continue
                drop_values(form, row, {c})
                entry = labels[row[label_col]]
                row[label_col] = f"{row[label_col]} {row[c]}{unit}"
                entry["label"] = row[label_col]
                row[c] = ""
            forget_findings(sheet, part.form)
        else:
            keep = next((c for c, k in cols.items() if k == "initial_budget"), None)
            if keep is None:
                keep = next(c for c, k in cols.items() if k == "budget")
            gone = [c for c in cols if c != keep]
            for r in [head, *body]:
                drop_values(form, part.rows[r], set(gone))
                for c in gone:
                    part.rows[r][c] = ""
            for entry in form["funds"]:
                for key in [k for k in entry if k not in ("role", "label", cols[keep])]:
                    del entry[key]
            forget_findings(sheet, part.form)
    for rows, form, head, cols in blocks:  # drawn after every variant: their draws stay as they were
        if rng.random() < 0.35:
            _score_formula(rows, form, head, cols, rng)
    tree = random.Random(rng.random())  # drawn last: the other forms print as they did
    for rows, form, before, funds in trees:
        trial = {**form, "funds": funds}  # a hierarchy of sources instead (funds_tree), from the rows as they were
        if tree.random() < 0.5 and hierarchy(before, trial, tree):
            rows[:], form["funds"] = before, trial["funds"]
    return tsv_text(sheet.parts)


SCORE_FORMULAS = ("得分（{w}分*执行率）", "得分 ({w}分*执行率)", "得分（{w}分×执行率）")


def _score_formula(rows: list[list[str]], form: dict[str, Any], head: int, cols: dict[int, str],
                   rng: random.Random) -> None:
    """The 得分 column's header states how the score is reckoned (隆阳, sample 29):
    ``得分（20分*执行率）`` naming the total row's points, or ``得分（分值×执行率）``; where it
    names the points, in half the forms the 分值 column is left out (the header states the
    total row's weight, which the gold keeps; other rows' weights leave it)."""
    score = next((c for c, k in cols.items() if k == "score"), None)
    weight = next((c for c, k in cols.items() if k == "weight"), None)
    if score is None or not rows[head][score].strip():
        return  # the score column was not printed (a single budget column)
    total = next((f for f in form["funds"] if f.get("role") == "total"), None)
    points = total.get("weight") if total else None
    if points is None or weight is None or not rows[head][weight].strip():
        rows[head][score] = "得分（分值×执行率）"
        return
    rows[head][score] = rng.choice(SCORE_FORMULAS).format(w=points)
    if rng.random() < 0.5:
        labels = {f["label"] for f in form["funds"]}
        body = [r for r in range(head + 1, len(rows)) if any(t in labels for t in rows[r])]
        for r in body:
            if rows[r][weight].strip() and total is not None and total["label"] not in rows[r]:
                drop_values(form, rows[r], {weight})
        for r in [head, *body]:
            del rows[r][weight]


# a target form's funds labels and captions as other provinces print them (samples 43, 60, 62,
# 63, 69): (label, role) per generated role; the extra rows print no amount
TARGET_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "total": (("年度资金总额：", "total"), ("年度金额", "total"), ("预算数", "total"), ("合计", "total"),
              ("项目资金总额：", "total")),
    "fiscal": (("其中：财政拨款", "fiscal"), ("一般公共预算拨款", "fiscal"), ("其中：财政资金", "fiscal"),
               ("其中：中央补助", "central_provincial"), ("中央及省级补助", "central_provincial")),
    "other": (("其他资金", "other"), ("地方资金", "county"), ("市本级", "county")),
}
TARGET_EXTRA = (("上年结转资金", "carry_over"), ("政府性基金预算拨款", "line_item"),
                ("国有资本经营预算拨款", "line_item"))
TARGET_CAPTIONS = ("资金情况（万元）", "预算规模及资金用途", "资金金额", "项目资金（万元）", "资金来源")


def _target_funds(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> None:
    """A target form's ``资金情况 | 年度资金总额： | … | 100`` rows printed one of three ways:
    ``words`` (labels, roles and caption in other provinces' words, a blank 上年结转 / 政府性基金
    row, 50 %: labels after the first in the caption's column), ``pairs`` (every label and its
    amount side by side on the caption's row, sample 60), ``label_line`` (each amount on a line
    of its own under its label, sample 43) or ``in_label`` (``年度资金总额：553.38万元`` in the
    label's cell, sample 65).  The gold follows the labels and roles; every
    amount stays printed, so none leaves it."""
    funds = form["funds"]
    labels = {f["label"]: f for f in funds}
    body = [r for r, row in enumerate(rows) if any(t in labels for t in row)]
    if len(body) != len(funds) or body != list(range(body[0], body[0] + len(body))):
        return
    start, width = body[0], max(len(rows[r]) for r in body)
    caption = rows[start][0]
    printed: list[tuple[str, str]] = []  # (label, amount) in print order
    for r in body:
        row = rows[r]
        label = next(t for t in row if t in labels)
        printed.append((label, next((t for t in row[::-1] if number_of(t) is not None), "")))
    variant = rng.choice(("words", "pairs", "label_line", "in_label"))
    if variant == "words":
        caption = rng.choice(TARGET_CAPTIONS)
        new: list[dict[str, Any]] = []
        lines: list[tuple[str, str]] = []
        for (_, amount), entry in zip(printed, funds, strict=True):
            if entry["role"] == "other" and rng.random() < 0.5:
                word, role = rng.choice(TARGET_EXTRA)
                new.append({"role": role, "label": word})
                lines.append((word, ""))
            word, role = rng.choice(TARGET_WORDS[entry["role"]])
            new.append({**entry, "role": role, "label": word})
            lines.append((word, amount))
        form["funds"] = new
        left = rng.random() < 0.5
        block = [[caption if k == 0 else "", word, *[""] * (width - 3), amount]
                 for k, (word, amount) in enumerate(lines)]
        if left:
            block = [block[0], *[[word, amount, *[""] * (width - 2)] for word, amount in lines[1:]]]
    elif variant == "pairs":
        cells = [caption, *[t for pair in printed for t in pair]]
        block = [cells + [""] * (width - len(cells))]
    elif variant == "in_label":  # 年度资金总额：553.38万元 in one cell (the gold label ends at the colon)
        unit = form.get("header", {}).get("money_unit", "万元")
        block = [list(rows[r]) for r in body]
        for row, (label, amount) in zip(block, printed, strict=True):
            if label.endswith(("：", ":")) and amount:
                row[row.index(label)] = f"{label}{amount}{unit}"
                row[len(row) - 1 - row[::-1].index(amount)] = ""
    else:
        block = []
        for k, (label, amount) in enumerate(printed):
            block.append([caption if k == 0 else "", label, *[""] * (width - 2)])
            if amount:
                block.append(["", amount, *[""] * (width - 2)])
    rows[start:start + len(body)] = block


# header labels as other provinces print them (广西 公开表: 项目主管部门 / 项目实施单位 / 年度绩效目标;
# 深圳: 项目单位, sample 58)
LABEL_SYNONYMS = {"主管部门": ("项目主管部门", "主管部门"), "实施单位": ("项目实施单位", "项目单位", "实施单位"),
                  "总体目标": ("年度绩效目标", "绩效目标", "总体目标"),
                  "整体绩效目标": ("年度绩效目标", "整体绩效目标"),
                  "一级指标": ("指标类型", "一级指标")}  # fmt: skip (指标类型: 浙江 项目库, sample 61)
TITLE_SYNONYMS = {"项目支出绩效目标表": ("项目绩效目标公开表", "预算项目绩效目标公开表"),
                  "绩效目标申报表": ("绩效目标公开表",)}  # fmt: skip


def labels(sheet: Sheet, rng: random.Random) -> str:
    """Header labels and target-form titles in the words other provinces print: each label of
    ``LABEL_SYNONYMS`` swapped with probability 0.7, a title's ending with probability 0.5 (the
    gold title follows the print).  The values beside the labels stay as they were."""
    relabel(sheet, rng)
    for k, part in enumerate(sheet.parts):
        if part.form is not None and k > 0 and sheet.parts[k - 1].rows is None and rng.random() < 0.3:
            _unit_before_money_unit(part.rows or [], sheet.parts[k - 1].prose, sheet.forms[part.form], rng)
    words = random.Random(rng.random())  # drawn last: the other forms print as they did
    for part in sheet.tables():
        form = sheet.forms[part.form or 0]
        if form.get("schema_name") == "project_target" and words.random() < 0.6:
            declaration(part.rows or [], form, words)  # a 项目支出 declaration's words (declaration.py)
    return tsv_text(sheet.parts)


def relabel(sheet: Sheet, rng: random.Random) -> None:
    """``labels``' rewording of ``sheet`` in place (``run_together`` prints it in half its
    documents): labels swapped at 0.7, target titles' endings at 0.5, gold titles follow."""
    swap = {label: rng.choice(words) for label, words in LABEL_SYNONYMS.items() if rng.random() < 0.7}
    retitle = {old: rng.choice(new) for old, new in TITLE_SYNONYMS.items() if rng.random() < 0.5}

    def title(text: str) -> str:
        for old, new in retitle.items():
            text = text.replace(old, new)
        return text

    for part in sheet.parts:
        part.prose = [title(line) for line in part.prose]
        if part.rows is None:
            continue
        part.rows = [[swap.get(t.replace(" ", ""), title(t)) for t in row] for row in part.rows]
    for form in sheet.forms:
        header = form.get("header") or {}
        if isinstance(header.get("title"), str):
            header["title"] = title(header["title"])
    for part in sheet.tables():
        if part.form is not None and rng.random() < 0.3:
            _transfer_labels(part.rows or [], sheet.forms[part.form], rng)
    for k, part in enumerate(sheet.parts):
        if part.form is not None and k > 0 and sheet.parts[k - 1].rows is None and rng.random() < 0.3:
            _unit_line(part.rows or [], sheet.parts[k - 1].prose, sheet.forms[part.form], rng)
    for part in sheet.tables():
        if part.form is not None and sheet.forms[part.form].get("schema_name") == "project_target" and \
                rng.random() < 0.4:
            _captioned_goal(part.rows or [], rng)
    return tsv_text(sheet.parts)


GOAL_LABELS = ("总体目标", "年度绩效目标", "绩效目标")
TERM_GOALS = ("项目实施期内完成全部建设内容，形成长效管护机制。", "通过三年实施，全面提升公共服务水平和群众满意度。")


def _captioned_goal(rows: list[list[str]], rng: random.Random) -> None:
    """A project target form's goal under a 项目绩效目标 caption (项目库 declarations, samples
    61, 63): ``项目绩效目标 | 绩效目标总体描述 | text``, or ``项目绩效目标 | 项目总目标 | 年度总体目标``
    with the term goal and the year's goal on the row below.  The gold goal is the year's text."""
    for r, row in enumerate(rows):
        cells = [t for t in row if t.strip()]
        if len(cells) != 2 or cells[0].replace(" ", "") not in GOAL_LABELS or len(row) < 3:
            continue
        text, pad = cells[1], [""] * (len(row) - 3)
        if rng.random() < 0.5:
            rows[r] = ["项目绩效目标", rng.choice(("绩效目标总体描述", "绩效目标 总体描述")), text, *pad]
        else:
            rows[r] = ["项目绩效目标", "项目总目标", "年度总体目标", *pad]
            rows.insert(r + 1, [rng.choice(TERM_GOALS), text, "", *pad])
        return


UNIT_LABELS = ("实施单位", "项目实施单位", "项目单位", "实施单位（盖章）", "资金使用单位")


def _unit_line(rows: list[list[str]], prose: list[str], form: dict[str, Any], rng: random.Random) -> None:
    """A project form's unit printed on a line of its own above the table with the date it was
    filled in (``单位名称:隆阳区土壤肥料工作站 填报日期:2023年3月20日``, sample 29) instead of as a
    label/value pair of the header rows.  The gold is as it was."""
    header = form.get("header") or {}
    unit, year = header.get("unit_name"), header.get("year")
    if not str(form.get("schema_name", "")).startswith("project") or not isinstance(unit, str):
        return
    for row in rows:
        at = next((c for c, t in enumerate(row) if t.replace(" ", "") in UNIT_LABELS), None)
        value = next((c for c in range(at + 1, len(row)) if row[c].strip()), None) if at is not None else None
        if at is None or value is None or row[value] != unit:
            continue
        row[at] = row[value] = ""
        colon = rng.choice(("：", ":"))
        filled = f"{(year or 2023) + 1}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        prose.append(f"单位名称{colon}{unit}{' ' * rng.randint(1, 4)}填报日期{colon}{filled}")
        return


MONEY_UNIT_LINE = re.compile(r"^(?:金额)?单位[：:](?:万元|元)$")


def _unit_before_money_unit(rows: list[list[str]], prose: list[str], form: dict[str, Any],
                            rng: random.Random) -> None:
    """A form's unit printed without its label in front of the money unit, on the first row under
    the title, in half the forms after its budget code (``207101天津市河北区人民法院 | 单位:万元``,
    项目库 exports, sample 60), instead of as a label/value pair of the header rows and a unit
    line above the table.  The gold's unit is the printed text, code included."""
    header = form.get("header") or {}
    unit = header.get("unit_name")
    money = next((line for line in prose if MONEY_UNIT_LINE.match(line.replace(" ", ""))), None)
    if not isinstance(unit, str) or money is None or not rows or "unit_name" not in header:
        return
    for row in rows[1:]:
        at = next((c for c, t in enumerate(row) if t.replace(" ", "") in UNIT_LABELS + ("单位名称",)), None)
        value = next((c for c in range(at + 1, len(row)) if row[c].strip()), None) if at is not None else None
        if at is None or value is None or row[value] != unit:
            continue
        row[at] = row[value] = ""
        if not any(t.strip() for t in row):
            rows.remove(row)
        prose.remove(money)
        printed = f"{rng.randint(100000, 999999)}{unit}" if rng.random() < 0.5 else unit
        rows.insert(1, [printed, money, *[""] * (len(rows[0]) - 2)])
        header["unit_name"] = printed
        return


# a central transfer payment's header (中央/上级转移支付, samples 36, 37, 62): the project is a
# 转移支付（项目）名称 or 专项名称, and the 主管部门 is named per level
TRANSFER_NAMES = ("转移支付（项目）名称", "转移支付(项目)名称", "专项名称")
_DEPT_LABELS = ("主管部门", "项目主管部门", "主管单位")


def _transfer_labels(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> None:
    """Print one form's header as a transfer payment's: 项目名称 becomes one of
    ``TRANSFER_NAMES``, the 主管部门 label 中央主管部门, and in half the forms a 地方主管部门 row
    follows it.  Which of the levels is the form's department is not printed, so the gold
    loses ``department``; the project name stays."""
    header = form.get("header") or {}
    if "department" not in header:
        return
    name = rng.choice(TRANSFER_NAMES)
    local = rng.random() < 0.5
    for r, row in enumerate(rows):
        labels = [t.replace(" ", "") for t in row]
        if "项目名称" in labels:
            row[labels.index("项目名称")] = name
        dept = next((c for c, t in enumerate(labels) if t in _DEPT_LABELS), None)
        if dept is not None:
            row[dept] = "中央主管部门"
            value = next((t for t in row[dept + 1:] if t.strip()), "")
            if local and value and len(row) > 1:
                rows.insert(r + 1, ["地方主管部门", value, *[""] * (len(row) - 2)])
            header.pop("department")
            return
