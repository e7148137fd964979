"""Header and row-label vocabulary of the form families, with the synonyms seen across provinces.

Each table column is recognised by what its header says, never by where it sits: Sichuan prints
年初预算/调整后预算数/预算执行数/预算执行率/权重/得分, 衔接资金 forms put 分值 before 年度指标值, Hubei
has 年初目标值(A)/实际完成值(B).  Patterns are tried in order; the first match names the field.
"""

from __future__ import annotations

import re

from extractor.vocab.key import drop_ruby, squash
from schemas.common import FundRole

# funds block columns → FundsRow field
FUNDS_COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^得分"), "score"),  # 得分（20分*执行率）: the formula names the rate, the column is the score
    (re.compile(r"^执行率权重"), "weight"),  # Chongqing department forms: 执行率 | 执行率权重 | 执行率得分
    (re.compile(r"^执行率得分"), "score"),
    (re.compile(r"执行率|执行进度|使用比例"), "rate"),
    (re.compile(r"年初(预算|计划)"), "initial_budget"),
    # 年度预算数 is Sichuan's group label, not a column
    (re.compile(r"全年.{0,4}预算|调整后预算|(?<!年度)预算数|预算金额|全年 ?预算|计划数|预算\(A\)"), "budget"),
    (re.compile(r"执行数|全年执行|支出数|使用金额|决算数|实际支出"), "executed"),
    (re.compile(r"^(分值|权重|执行率权重)"), "weight"),
    (re.compile(r"^得分|执行率得分"), "score"),
]

# the FundsRow fields that hold money amounts, in column order
MONEY_FIELDS = ("initial_budget", "budget", "executed")

# indicator table columns → Indicator field
INDICATOR_COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(一级(?!预算)|指标类型$|指标类别$)"), "level1"),  # 一级/二级指标, 指标类别: both levels in one cell;
    # not Hunan's 一级预算单位名称 (a unit label, sample 45)
    (re.compile(r"^二级"), "level2"),
    (re.compile(r"^(三级|目标指标|指标名称|指标内容|具体指标)"), "name"),
    (re.compile(r"偏差|未完成原因|原因分析|改进措施|原因说明|^原因$"), "deviation_reason"),
    (re.compile(r"指标方向|方向性"), "direction"),  # 正向/反向: read by no one, but no longer taken for 指标性质
    # a sentence about the indicator (绩效指标描述, samples 60/61): read by no one, but a column
    (re.compile(r"指标描述|指标说明|指标解释"), "description"),
    (re.compile(r"指标性质|运算符|计算符号"), "nature"),
    (re.compile(r"度量单位|计量单位"), "unit"),
    (re.compile(r"实际完成值|实际值|完成值|业绩指标|实际完成|完成情况"), "actual"),
    (re.compile(r"完成率|完成程度|完成比例"), "completion"),
    (re.compile(r"指标值|目标值|预期指标|预期实现值|绩效标准|年度目标|指标 ?值|^年度数值$"), "target"),
    (re.compile(r"^(得分|指标得分|自评得分|单项指标得分|折算得分)"), "score"),
    (re.compile(r"^(分值|权重|指标权重|指标分值)"), "weight"),
    (re.compile(r"^备注$"), "remark"),  # a declaration page's last column, empty: read by no one
]

# funds row labels → FundsRow.role
FUND_ROLES: list[tuple[re.Pattern[str], FundRole]] = [
    (re.compile(r"上年结转|结转资金|结余结转"), "carry_over"),
    (re.compile(r"中省|中央|省级|上级|^自治区"), "central_provincial"),  # 自治区: the provincial level
    (re.compile(r"县级|本级|市级|区级|地方资金|地方财政|^旗县"), "county"),  # 旗县: the county level (Inner Mongolia)
    (re.compile(r"专户"), "special_account"),
    (re.compile(r"单位资金|自有资金"), "unit_funds"),
    # 其他: a declaration page's label; a bare 其他 may be an export's 其他资金 cut at a space
    (re.compile(r"其他资金|其他收入|^其他[:：]$"), "other"),
    (re.compile(r"政府性基金|国有资本经营"), "line_item"),  # budgets beside the general one (广西 公开表)
    (re.compile(r"财政拨款|财政资金|财政补助|一般公共预算"), "fiscal"),
    (re.compile(r"基本支出"), "basic"),
    (re.compile(r"项目支出"), "project"),
    (re.compile(r"资金总额|总额|合计|总计|年度资金|总金额|年度金额|^预算数[:：]?$"), "total"),
]

LEVEL1_WORDS = ("产出指标", "效益指标", "效果指标", "满意度指标", "成本指标", "投入与管理", "投入指标",
                "过程指标", "决策指标", "管理指标", "履职效能", "管理效率", "运行成本", "社会效应", "可持续性")
LEVEL2_RE = re.compile(
    r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|可持续性?发展(影响)?|服务对象(或受益者)?满意度|满意度|"
    r"经济成本|社会成本|生态环境成本|投入管理|财务管理|实施管理|资产管理|项目管理)(指标|值)?"
)
# a web template's declaration form ends its level words in 值 (产出值, 经济效益值); Sichuan's
# declarations name theirs 项目完成指标 / 项目效益指标 (with 指标 only: 项目效益 alone is a rubric's)
LEVEL1_RE = re.compile(r"^(?:(产出|效益|效果|满意度|成本|投入与管理|投入|过程|决策|管理|产出与效益)(指标|值)?"
                       r"|项目(?:完成|效益)指标)")
# 二级 word → the 一级 it sits under on the national templates (tried in order)
LEVEL1_OF_LEVEL2: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(经济成本|社会成本|生态环境成本)"), "成本指标"),
    (re.compile(r"^(数量|质量|时效|成本)(指标|值)?$"), "产出指标"),
    (re.compile(r"^(经济效益|社会效益|生态效益|可持续影响|可持续发展)"), "效益指标"),
    (re.compile(r"^(服务对象满意度|满意度)"), "满意度指标"),
]

# Whole header cells as forms print them (the synonyms of the table in shared/DOMAIN.md and the
# labels above them), a unit bracket aside: what a header cell wrapped over two or three lines
# joins back into (segment/cell_wrap.py).
HEADER_WORDS = frozenset((
    "一级指标", "二级指标", "三级指标", "绩效指标", "年度绩效指标", "指标名称", "指标内容", "具体指标",
    "年初预算数", "年初预算", "全年预算数", "全年（调整）预算数", "调整后预算数", "预算数", "年度预算数",
    "全年执行数", "预算执行数", "执行数", "执行率", "预算执行率", "预算执行进度", "执行率权重",
    "年度指标值", "指标值", "年度数值", "年初目标值", "年度目标值", "年度目标指标值", "预期指标值", "年初指标值",
    "调整指标值", "当年预期实现值", "绩效标准", "实际完成值", "全年实际值", "完成值", "全年完成值",
    "全年实际完成值", "单项指标实际完成值", "分值", "权重", "指标权重", "指标分值", "得分", "指标得分",
    "自评得分", "自评打分", "单项指标得分", "折算得分", "单项指标折算得分", "计分标准", "评分标准",
    "指标解释", "指标说明", "评价要点", "扣分原因", "偏差原因分析及改进措施", "未完成原因分析",
    "未完成原因及拟采取的改进措施", "偏差大或目标未完成原因分析", "原因说明", "指标性质", "指标方向",
    "运算符号", "计算符号", "度量单位", "计量单位", "完成程度", "完成率", "是否核心指标", "得分系数",
    "项目资金", "资金情况", "年度预算安排", "年度预算申请", "年度部门（单位）整体收支情况", "年度主要任务",
    "工作名称", "对应项目", "名称", "年度资金总额", "年度总体目标", "预期目标", "实际完成情况",
))
_UNIT_TAIL = re.compile(r"[（(][^()（）]{1,8}[)）]$")  # （万元） (%) (分) after the word


def is_header_word(key: str) -> bool:
    """A whole header cell (``squash``-ed), its unit bracket aside; brackets of either width
    (``squash`` keeps full-width ones, PDF text often prints 全年(调整)预算数)."""
    key = key.replace("(", "（").replace(")", "）")
    return key in HEADER_WORDS or _UNIT_TAIL.sub("", key) in HEADER_WORDS


TOTAL_ROW_RE = re.compile(r"^(总分|合计|总计|总评价得分|自评总分|综合得分|部门整体自评得分)")
SUBTOTAL_RE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


def match_column(text: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    t = squash(text)  # traditional script and inline pinyin read like the simplified header word
    if not t:
        return None
    for pattern, name in table:
        if pattern.search(t):
            return name
    return None


# A label that ends in total wording names the total whatever source it mentions
# (Hubei 年度财政资金总额 is the form's total, not its fiscal row); 其中… rows are parts.
_TOTAL_LABEL_END = re.compile(r"(资金总额|总额|合计|总计|总金额)[:：]?$")


_BRACKET_TAIL = re.compile(r"^(.+?)[（(].*$")
_PERIOD_LABEL = re.compile(r"(实施期|实施期限|起止时间)[:：]?$")


def fund_role(label: str) -> FundRole | None:
    """The source a funds label names; a label naming a source before a bracket names that one,
    whatever the bracket adds (``其他资金(包括以前年度结转资金)`` is other, not carry-over: sample 37)."""
    t = squash(label)
    if _PERIOD_LABEL.search(t):
        return None  # 项目支出实施期 | 2023.07-2024.01: a term, whatever source word it starts with
    head = _BRACKET_TAIL.match(t)
    if head and (role := _role_of(head.group(1))) is not None:
        return role
    return _role_of(t)


def _role_of(t: str) -> FundRole | None:
    if _TOTAL_LABEL_END.search(t) and not t.startswith("其中"):
        return "total"
    for pattern, role in FUND_ROLES:
        if pattern.search(t):
            return role
    return None


def split_subtotal(text: str) -> tuple[str, str | None]:
    """``产出指标(50分)`` → (``产出指标``, ``50``); text without a stated subtotal → (text, None).
    A mirror's inline pinyin (``部門管(guǎn)理（45分(fēn)）``) is dropped first."""
    text = drop_ruby(text)
    m = SUBTOTAL_RE.search(text)
    if not m:
        return text.strip(), None
    name = (text[: m.start()] + text[m.end():]).strip()
    return name, m.group(1)


# what may follow a level word in its heading cell (服务对象满意度指标等, 可持续发展能力, 时效性); a verdict
# that opens with one (效果明显, 质量合格, 满意度较高) is a value, never a heading
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_LEVEL_SUFFIXES = frozenset({"", "等", "类", "性", "方面", "能力", "管理", "效率", "影响", "情况"})


def is_level(pattern: re.Pattern[str], text: str) -> bool:
    """A 一级/二级 word, allowing a short suffix (服务对象满意度指标等) but not a longer name that
    merely starts like one (项目管理制度健全性), nor a verdict that does (效果明显)."""
    word = squash(split_subtotal(text)[0])
    m = pattern.match(word)
    if m is None:
        return False
    rest = word[m.end():]
    # a numbered or lettered heading (管理1, 产出A) keeps its mark: a verdict is words
    return rest in _LEVEL_SUFFIXES or (len(rest) <= 2 and not _HAN_RE.search(rest))


def is_any_level(text: str) -> bool:
    """A 一级 or 二级 word, as ``is_level`` allows it."""
    return is_level(LEVEL1_RE, text) or is_level(LEVEL2_RE, text)


def is_level_word(text: str) -> bool:
    """Exactly a 一级 or 二级 heading (a stated subtotal such as (50分) aside)."""
    word = squash(split_subtotal(text)[0])
    return bool(LEVEL1_RE.fullmatch(word) or LEVEL2_RE.fullmatch(word))
