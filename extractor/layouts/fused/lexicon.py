"""Words that structure a run-together form, as patterns over its matching text (no whitespace).

Only words that form templates print as headers or row labels are listed; each names the field or
role it opens.  A column header may carry a short parenthetical (``(A)``, ``(B/A)``, ``(%)``,
``(分)``); OCR sometimes garbles it (``全年(If整)预算数``), so it is matched loosely.

Why a vocabulary of its own beside ``extractor/vocab.py``: those patterns classify one cell's
whole text (anchored, generous synonyms such as 完成情况 or 计划数), while these are searched for
*inside* a stream with no cell boundaries, where a generous synonym cuts a name or a goal in two
(计划数 inside 完成计划数的90%).  So this list holds only words that the templates print as
labels, each with the field or role it opens, and stays narrower on purpose.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import permutations

_PAREN = r"(?:\([^()]{0,6}\))?"


def _words(pairs: list[tuple[str, str]], paren: str = _PAREN) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(f"(?:{p}){paren}"), f) for p, f in pairs]


# a funds header may state its rule in its bracket: 得分(20分*执行率) (Hubei, sample 20)
_RULE_PAREN = r"(?:\([^()]{0,10}\))?"


# funds block column headers → FundsRow field (longer words first: 执行率权重 before 执行率)
FUNDS_HEADER = _words([
    (r"年初预算数?", "initial_budget"),
    (r"全年(?:\([^()]{0,4}\))?预算数?|调整后预算数?|预算数", "budget"),  # 预算数(A) 执行数(B): Hubei
    (r"全年执行数?|预算执行数|执行数", "executed"),
    (r"执行率权重", "weight"),
    (r"执行率得分", "score"),
    (r"预算执行率|执行率", "rate"),
    (r"分值|权重", "weight"),
    (r"得分", "score"),
], _RULE_PAREN)

# the 一级 header cell OCR'd out of order (``级一标指二级指标``, dev sample 20's scan): its characters
# in any order, only right before 二级指标
LEVEL1_HEADER_SCRAMBLED = "(?:" + "|".join(sorted({"".join(p) for w in ("一级指标", "指标类型")
                                                   for p in permutations(w)})) + ")(?=二级指标)"

# indicator table column headers → field (``adjusted``, ``coef`` and ``core`` have no schema field
# of their own: 调整指标值, 得分系数, 是否核心指标)
INDICATOR_HEADER = _words([
    (r"一级指标|指标类型|" + r"评价指标(?=评价内容|二级指标|三级指标|指标名称)|" + LEVEL1_HEADER_SCRAMBLED,
     "level1"),  # 指标类型: 浙江 项目库
    # (sample 61); 评价指标 only before the next column: 绩效评价指标 is also a title's and a sentence's word
    (r"二级指标|评价内容", "level2"),  # 评价内容: a 绩效评价指标表's 二级 column (Hebei, sample 15)
    (r"三级指标|指标名称|指标内容|(?<=二级指标)绩效标准", "name"),  # 指标内容: a project-library declaration
    # (dev 10); 绩效标准 after 二级指标: a cost composition's template names its indicators so
    (r"指标说明", "explain"),  # a stock phrase between the name and its target (``EXPLAIN``)
    (r"计量单位|度量单位", "unit"),
    (r"指标性质|计算符号|运算符号", "nature"),  # 计算符号 / 运算符号: the operator (Chongqing targets)
    (r"调整指标值", "adjusted"),
    (r"年初指标值|年度指标值|年初目标值|年度目标值|指标值|目标值|当年预期实现值", "target"),  # 当年预期…: a
    # target form printing its cost composition (``COST_BLOCK``)
    (r"全年实际完成值|全年实际值|实际完成值|全年完成值|完成值|实际值", "actual"),
    (r"得分系数", "coef"),
    (r"得分计算方法|计分方法", "method"),  # a county template's column before 得分: empty, a formula text
    # or the completion in per cent (``100``); no schema field, read only to keep its figure out of 得分's
    (r"指标权重|参考分值|分值|权重", "weight"),  # 参考分值: a rubric's weight column
    (r"指标得分|得分", "score"),
    (r"是否核心指标", "core"),
    (r"(?:偏差|未完成)?原因(?:分析)?(?:[及和](?:拟采取的)?改进(?:措施)?)?", "deviation"),  # 原因: Sichuan;
    # 未完成原因和改进措施: a county special fund's form
    (r"(?<=得分\(分\))说明|(?<=得分)说明", "deviation"),  # a Chongqing department form's last column
    (r"备注", "remark"),  # an empty last column (sample 15); free text, never read
])
# what a 指标说明 column prints (sample 15: ``享受资助人数达到预计值2100``): a stock phrase or nothing;
# only these phrases are read, so the name before them ends where they begin
EXPLAIN = re.compile(r"达到(?:预计|目标|预期)值")

# Header words as printed, for recognising an OCR-scrambled header cell (``年成值全完值``).
SCRAMBLE_WORDS: dict[str, str] = {
    "全年完成值": "actual", "实际完成值": "actual", "年初指标值": "target", "年度指标值": "target",
    "调整指标值": "adjusted", "计量单位": "unit", "指标性质": "nature", "得分系数": "coef",
    "指标权重": "weight", "指标得分": "score", "参考分值": "weight",  # 考值参分: a rubric's, OCR'd
}
# words a qualitative target opens with (显著提升, 良好, 健全完善, 逐年提升, 按时完成 …): where a name and
# its text target ran together with nothing between them, the cut before one of them reads best
QUALITATIVE_STARTS = ("显著", "明显", "良好", "健全", "逐年", "稳步", "有效", "较好", "全部", "持续", "不断", "优良",
                      "优秀", "达到", "符合")  # not 及时 / 合格 / 稳定 / 满意: names hold 及时率, 社会稳定程度 …
NATURE_WORDS = ("定量指标", "定性指标", "正向指标", "反向指标", "定量", "定性", "正向", "反向")

# header labels → Header field (None: a label whose value is not read, it only ends the one before)
_LABEL_WORDS: list[tuple[str, str | None]] = [
    (r"项目名称|转移支付\(项目\)名称|专项(?:资金)?名称", "project_name"),  # a transfer payment's header;
    # 专项资金名称 / 县级主管部门: a county special fund's self-evaluation (县级专项资金绩效目标自评表)
    # a transfer payment names the central and the local department: neither is the form's 主管部门
    (r"中央主管部门|地方主管部门", None),
    # a sign-off (主管部门审核意见单位公章:年月 日) printed before the title on a download site's copy:
    # no 主管部门 (``SIGN_OFF`` tells a title before it from the form's own)
    (r"主管部门(?:审核|审批|审覈)?意见", None),
    # a project-library declaration (项目绩效目标表 (2021年度) 填报单位(盖章):…): the filer, the
    # department's code and the term name no header field
    (r"主管部门编码|填报单位(?:\(盖章\))?:|项目起止时间", None),
    # 主管部门及代码 | 510101某局: the code is the label's, not the department's name
    (r"(?:项目|县级|区级|市级)?主管部门(?:及代码(?::?\[?\d{6,18}\]?)?)?|主管单位", "department"),  # 项目主管部门: 广西;
    # a code glued after the name instead (主管部门及代码某局116422) stays in the value: no border prints
    (r"(?:项目)?实施单位|项目单位|单位名称|部门\(单位\)名称:?|预算\(单位\)名称:?|部门名称|资金使用单位", "unit_name"),
    (r"项目负责人(?:及电话)?|(?<!项目)负责人及电话|部门联系人|联系人|联系电话|财政处室|填报日期|"
     r"项目类别|项目属性|项目类型|预算年度:?|单位:(?=万元|元)|"
     r"收入构成|财政供养人员数量", None),  # 收入构成 | 金额 | 占比 | 支出构成 …: a Hubei target's funds,
    # 财政供养人员数量: a Fushun form's staff count after its unit name; neither is read
]
# an OCR'd copy reads a label's 门 as the Latin n it looks like (主管部n, 部n联系人: dev 42's scan),
# 目 as two Latin letters (项Fl名称, 项E1) and 位 split in two (单f立); labels are matched with either
# (the one-for-one slips, 顼目 贫金 指杨 得份, are folded in the matching text: vocab/slips.py)
OCR_LOOKALIKES = {"门": "[门n]", "目": "(?:目|Fl|FI|F1|E1|El)", "位": "(?:位|f立)"}
_LOOKBEHIND = re.compile(r"\(\?<[!=][^)]*\)")


def _ocr_tolerant(pattern: str) -> str:
    """``pattern`` with each look-alike character an alternative of it and what OCR makes of it;
    a lookbehind stays as written (it must keep a fixed width)."""
    out, pos = [], 0
    for m in _LOOKBEHIND.finditer(pattern):
        out += [OCR_LOOKALIKES.get(ch, ch) for ch in pattern[pos:m.start()]] + [m.group(0)]
        pos = m.end()
    return "".join(out + [OCR_LOOKALIKES.get(ch, ch) for ch in pattern[pos:]])


LABELS: list[tuple[re.Pattern[str], str | None]] = [(re.compile(_ocr_tolerant(p)), f) for p, f in _LABEL_WORDS]
# the Fushun template's own sections: its run-together forms have a reader of their own (layouts/fushun)
FUSHUN_SECTIONS = ("年度主要任务", "分解目标评价")
TOTAL_LABEL = re.compile(r"(?:自评总分|总分|合计|总计)" + _PAREN + r":?")
# 预算执行情况(万元)(20分): Hubei templates state the block's unit and points (sample 20)
FUNDS_SECTION = re.compile(
    r"(?:总体资金情况|项目资金|资金情况|部门预算执行情况|预算执行情况|年度资金情况|年度预算安排)" + _PAREN + _PAREN
)
FUND_ROW = re.compile(
    r"(?:其中:?)?(?:年度资金总额|年度财政资金总额|年度总金额|资金总额|中央和省级资金|市县级资金|中央补助(?:资金)?|"
    r"(?:当年|本年)?财政拨款(?:资金)?|财政资金|上年结转(?:资金)?|其他资金|中央、省、市补助|县级资金|"
    r"财政专户管理资金|单位资金|基本支出|项目支出):?"
)
# 年度绩效目标 / 绩效目标 stand for 总体目标 in other provinces' target forms; never the 绩效目标 of a title
# (…绩效目标表, 申报表, 自评表, 公开表) or of a score sheet's criterion (绩效目标合理性)
# (a transfer payment's caption 总体目标完成情况 before its 总体目标 column)
GOALS_SECTION = re.compile(r"总体目标完成情况(?=总体目标)|年度总体目标|当年绩效目标|总体目标|整体绩效目标|"
                           r"(?:年度)?绩效目标(?![表申自公合明])")
# the goal words of target forms, whose one goal text has no 预期/实际 columns (a self-evaluation's
# 年度总体目标 without them is a cut or garbled header: its text is not read as one goal)
TARGET_GOAL_WORDS = frozenset({"总体目标", "整体绩效目标", "年度绩效目标", "绩效目标"})
# a project-library declaration's two goal texts (长期目标 | 年度目标) under 项目绩效目标: run together,
# the cut between them is not printed, so neither is read
TWO_TERM_GOALS = re.compile(r"长期目标年度目标")
# a transfer payment's goal block: 总体目标完成情况 | 总体目标 | 全年实际完成情况 (the caption, then the columns)
GOAL_EXPECTED = re.compile(r"预期目标|年初设定目标|年初绩效目标|总体目标(?=(?:全年)?实际完成(?:情况|目标))")
# 全年…: a county fund's; 实际完成目标: Sichuan's
GOAL_ACTUAL = re.compile(r"(?:年度总体目标)?完成情况综述|(?:全年目标|全年)?实际完成情况|实际完成目标")
GOAL_OTHER = re.compile(r"全年\(调整\)绩效目标|调整后绩效目标")
# ``保障绩效目标实现措施``: a target form's caption over the header (a cost composition's template)
INDICATOR_SECTION = re.compile(r"(?:部门整体绩效情况)?(?:年度)?绩效指标(?:保障绩效目标实现措施)?")
# a project-library declaration prints its indicator table twice, 长期绩效指标 then 年度绩效指标: the
# year's is the form's, the long-term table is skipped to it
LONG_TERM_TABLE = re.compile(r"长期绩效指标")
YEAR_TABLE = re.compile(r"年度绩效指标")
_STATED_POINTS = r"(?:\(\d+(?:\.\d+)?分\))?"  # a level's subtotal printed after it: 产出指标(50分)
# a rubric's framework names head the groups of rubric-style county prints (项目产出, 项目效益; 项目决策 /
# 项目管理 only with their points: a name may start 项目管理制度…)
LEVEL1 = re.compile(r"(?:(?:(?:产出|效益|效果|满意度|成本)指标(?!\d{1,2}:)|项目(?:产出|效益))" + _STATED_POINTS
                    + r"|项目(?:决策|管理|过程)\(\d+(?:\.\d+)?分\))")  # 项目过程: the 2013 framework's
# a note some county templates print after a 二级 word (数量指标(必填硬性指标)): no part of the word
LEVEL_NOTE = re.compile(r"[(（](?:必填|选填|非必填|核心|约束性|硬性)[^()（）\d]{0,6}[)）]")
LEVEL2 = re.compile(
    r"(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|经济成本|社会成本|生态环境成本)指标"
    + r"(?!\d{1,2}:)" + _STATED_POINTS  # 产出数量指标1:…: a bare 二级 word before a numbered name (``stock``)
    + f"(?:{LEVEL_NOTE.pattern})?"
)
# the 二级 words a rubric prints under its framework groups (``财务管理财务制度有效性7一…``,
# ``产出数量养护里程…``): looked for only inside a group headed by a framework name, and only the
# names no criterion's name starts with (资金到位 is the start of 资金到位率, so it is left out)
RUBRIC_LEVEL1 = re.compile(r"项目(?:决策|管理|过程)\(\d+(?:\.\d+)?分\)|项目(?:产出|效益)" + _STATED_POINTS)
RUBRIC_LEVEL2 = re.compile(
    r"项目立项|项目目标|绩效目标|决策过程|资金投入|投入管理|资金管理|财务管理|业务管理|组织实施|项目实施|"
    r"产出数量|产出质量|产出时效|产出成本|经济效益|社会效益|生态效益|可持续影响|满意度"
)
# an empty template row (``指标1:`` with nothing after it: the next slot, a level word, the total);
# ``指标1:项目成本控制`` is a numbered name, read as the row's name
_SLOT_NAME = r"指标\d{1,2}:"
EMPTY_SLOT = re.compile(
    f"{_SLOT_NAME}(?=$|{_SLOT_NAME}|…|{LEVEL1.pattern}|{LEVEL2.pattern}|{TOTAL_LABEL.pattern})|……|…"
)
# a project target form's cost composition before its goal (项目预算成本构成 | 成本构成 | 金额 |
# 测算(公式)依据 | 前两年实际执行数 … 合计): its items and 合计 are funds rows, read by ``fused.cost``
COST_BLOCK = re.compile(r"项目预算成本构成|成本构成(?=金额)")
NOTE = re.compile(r"注:|备注|说明:|评价结论|存在问题")
MONEY_UNIT = re.compile(r"\((万元|元)\)")
YEAR = re.compile(r"\((20\d{2})年度?\)")
# what a title may print before its form word: a place or the unit before the year
# (``南江县2023年部门整体…``, ``重庆市梁平区林业局2023年度部门整体…``), the project after it
# (``2020年度长江禁捕项目自评表``), or words alone (``。衔接资金项目…``); only Han words, and
# only after a sentence end, a unit line or the start of the text, so a cell or sentence before
# the title is never taken into it
_LEAD = r"(?:[\u4e00-\u9fff]{1,24}?)?(20\d{2})年度?(?:[\u4e00-\u9fff]{1,16}?)?|[\u4e00-\u9fff]{1,12}"
# …日: a unit line's date, or a sign-off's blank one (主管部门审核意见单位公章:年月 日)
TITLE_LEAD = re.compile(f"(?:^|(?<=。)|(?<=单位:万元)|(?<=单位:元)|(?<=\\d日)|(?<=年月日))({_LEAD})$")
# after the last form's closing figure (``总分10097.68金水区社会福利院2023年衔接资金…``) only a lead
# naming its year: 总分's figures are the last a form prints, but Han words alone after a figure
# may end its last cell (``合计12甲工程``); never a date's 日 (``填报日期:2024年1月6日项目支出…``)
TITLE_LEAD_AFTER_FIGURE = re.compile(
    r"(?<=[\d%])(?![年月日号])([\u4e00-\u9fff]{1,24}?(20\d{2})年度?(?:[\u4e00-\u9fff]{1,16}?)?)$"
)
# the words after a year line in brackets, before the form word: ``(2020年度)衔接资金项目…``
TITLE_AFTER_YEAR = re.compile(r"(?<=年度\))([\u4e00-\u9fff]{1,12})$")
TITLE_LEAD_REACH = 48  # characters before the form word searched for a lead
TITLE_YEAR = re.compile(r"(20\d{2})年")  # the year a title prints, anywhere in it
# what a form may print just above its title: the year in brackets, a unit line with its date
# (``(2023年度)单位名称:青山区价格认证中心填报日期:2024年1月6日项目支出绩效自评表``)
TITLE_ABOVE = re.compile(
    r"(?:\((?P<year>20\d{2})年度?\))?"
    r"(?:(?:单位名称|填报单位(?:\(盖章\))?):(?P<unit>[^:]{2,30}?)填报日期:20\d{2}年\d{1,2}月\d{1,2}日)?$"
)
TITLE_ABOVE_REACH = 60
# a sign-off line a download site's copy prints at the top (主管部门审核意见单位公章:年月 日): a title
# (the file's name again) before it opens a form only where no title of the form's own follows
SIGN_OFF = re.compile(r"主管部门(?:审核|审批|审覈)?意见|单位负责人签字|(?:财政部门)?审核意见:")
SIGN_OFF_REACH = 300



def match_at(
    patterns: list[tuple[re.Pattern[str], str]], text: str, pos: int, seen: list[str] | tuple[str, ...] = ()
) -> tuple[int, str] | None:
    """The longest pattern matching at ``pos``: (end, field).

    A funds header prints 执行率 before 执行率权重 / 执行率得分, so while no rate column has been
    seen, ``执行率得分`` reads as 执行率 | 得分 (分值 | 执行率 | 得分 run together).
    """
    hits = [(m.end(), f) for pattern, f in patterns if (m := pattern.match(text, pos)) and m.end() > pos]
    if "rate" not in seen and any(f == "rate" for _, f in hits):
        hits = [h for h in hits if h[1] == "rate"]
    return max(hits, default=None)


def scrambled(word: str, vocabulary: dict[str, str] | tuple[str, ...]) -> str | None:
    """The vocabulary word whose characters ``word`` prints in another order (an OCR reading a
    merged cell column by column), allowing one stray character; None when none fits."""
    have = Counter(word)
    for candidate in vocabulary:
        need = Counter(candidate)
        if len(candidate) >= 3 and 0 <= len(word) - len(candidate) <= 1 and not need - have:
            return vocabulary[candidate] if isinstance(vocabulary, dict) else candidate
    return None
