"""The seed documents' forms, transcribed by hand from their printed numbers, validated.

Each form is built in the test from the figures the seed prints (shared/seeds/*.txt), not from
an extractor's output, and the genuine inconsistencies found by reading the seeds are asserted
by code and field.  Forms whose arithmetic holds must raise no error.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from extractor.validate import validate_form
from extractor.validate.plain import record_from_plain

_OPS = {"≥": "≥", "≧": "≥", ">=": "≥", "≤": "≤", "≦": "≤", "<=": "≤", "=": "=", "═": "=",
        ">": ">", "<": "<", "≅": "≈"}
_MEASURE = re.compile(r"^(>=|<=|[≥≧≤≦=═><≅])?\s*(-?\d+(?:\.\d+)?)\s*(\S{0,4})$")


def m(text: str) -> dict[str, Any]:
    """A measure as an extractor would normalise the printed cell."""
    match = _MEASURE.match(text.strip())
    if not match:
        return {"operator": "qualitative", "text": text}
    op, value, unit = match.groups()
    out: dict[str, Any] = {"value": value, "text": text}
    if op:
        out["operator"] = _OPS[op]
    if unit:
        out["unit"] = unit
    return out


def ind(l1: str, l2: str, name: str, target: str | None, actual: str | None,
        weight: str | None, score: str | None = None, reason: str | None = None,
        completion: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"level1": l1, "level2": l2, "name": name}
    for key, value in (("target", target), ("actual", actual)):
        if value is not None:
            row[key] = m(value)
    for key, value in (("weight", weight), ("score", score), ("deviation_reason", reason),
                       ("completion", completion)):
        if value is not None:
            row[key] = value
    return row


def fund(role: str, label: str, *, initial: str | None = None, budget: str | None = None,
         executed: str | None = None, weight: str | None = None, rate: str | None = None,
         score: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"role": role, "label": label}
    for key, value in (("initial_budget", initial), ("budget", budget), ("executed", executed),
                       ("weight", weight), ("rate", rate), ("score", score)):
        if value is not None:
            row[key] = value
    return row


def findings_of(plain: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(f.code, f.fields[0], f.severity) for f in validate_form(record_from_plain(plain))}


def errors_of(plain: dict[str, Any]) -> set[tuple[str, str]]:
    return {(code, field) for code, field, sev in findings_of(plain) if sev == "error"}


# --- seed 000 (云阳县信访办) -------------------------------------------------------------------

SEED000_PROJECT = {
    "schema_name": "project_self_eval",
    "funds": [
        fund("total", "年度资金总额", initial="10", budget="10", executed="10", weight="10",
             rate="100", score="10"),
        fund("fiscal", "其中：当年财政拨款", initial="10", budget="10", executed="10"),
    ],
    "indicators": [
        ind("产出指标", "数量指标", "指标1：处理各级各类信访件", "≤500件", "≤500件", "15", "15"),
        ind("产出指标", "数量指标", "指标2：接听群众咨询、投诉、建议", "≤1000条", "≤1000条", "15", "15"),
        ind("产出指标", "质量指标", "指标1：保证网络正常运行和维护", "全年信访网络正常运行",
            "全年信访网络正常运行", "10", "10"),
        ind("产出指标", "时效指标", "指标1：租用网络及网络维护时间", "=12个月", "=12个月", "10", "10"),
        ind("产出指标", "成本指标", "指标1：租用网络及网络维护费用", "≤10万元", "≤10万元", "10", "10"),
        ind("效益指标", "经济效益", "指标1：保障重点信访人员稳控工作", "信访接待开支逐年减少",
            "信访接待开支逐年减少", "10", "10"),
        ind("效益指标", "社会效益", "指标1：信访工作更快更好开展", "信访工作影响力逐年提升",
            "信访工作影响力逐年提升", "10", "10"),
        ind("效益指标", "社会效益", "指标2：让数据多跑路", "网上信访占比逐年上升",
            "网上信访占比逐年上升", "10", "10"),
        ind("满意度指标", "服务对象满意度指标", "指标1：受益群体满意度", "≥95%", "≥95%", "10", "10"),
    ],
    "totals": {"weight": "100", "score": "100"},
}

SEED000_DEPT = {
    "schema_name": "dept_self_eval",
    "funds": [
        fund("total", "年度资金总额", initial="494.65", budget="458.55", executed="459.62"),
        fund("basic", "其中：基本支出", executed="378.71"),
        fund("project", "项目支出", executed="80.91"),
    ],
    "indicators": [
        ind("产出指标", "数量指标", "指标1：全年接访信访群众", "≤10000人次", "≤10000人次", "10", "10"),
        ind("产出指标", "数量指标", "指标2：全年劝返到市进京信访群众", "≤500人次", "≤500人次", "10", "10"),
        ind("产出指标", "质量指标", "指标1：信访矛盾纠纷化解、重点人员稳控", "信访问题化解率逐年提高",
            "信访问题化解率逐年提高", "10", "10"),
        ind("产出指标", "质量指标", "指标1：到市进京信访群众劝返率", "≥90%", "≥90%", "10", "10"),
        ind("产出指标", "时效指标", "指标1：2021年信访矛盾化解时间", "-12个月", "-12个月", "10", "10"),
        ind("产出指标", "成本指标", "指标1：信访矛盾化解经费", "≤50万元", "≤50万元", "10", "10"),
        ind("效益指标", "经济效益指标", "指标1：信访人员缠访、闹访支出", "逐年下降", "逐年下降", "15", "15"),
        ind("效益指标", "社会效益指标", "指标1：信访重点人员稳控、保障社会稳定", "逐年上升", "逐年上升",
            "15", "15"),
        ind("满意度指标", "服务对象满意度指标", "指标1：信访群众满意度", "≥95%", "≥95%", "10", "10"),
    ],
    "totals": {"weight": "100", "score": "10"},
}


def test_seed000_project_weights_exceed_printed_total() -> None:
    """Indicators weigh 100 on top of the 10-point budget row, yet 总分 prints 100 / 100."""
    assert findings_of(SEED000_PROJECT) == {
        ("TOTAL_WEIGHT_MISMATCH", "totals.weight", "error"),
        ("TOTAL_SCORE_MISMATCH", "totals.score", "error"),
    }


def test_seed000_dept_total_score_printed_as_10() -> None:
    assert findings_of(SEED000_DEPT) == {
        ("TOTAL_SCORE_MISMATCH", "totals.score", "error"),
        ("EXECUTED_OVER_BUDGET", "funds[total].executed", "warning"),
    }


# --- seed 001 (昌吉州信访局, four projects; arithmetic holds) -------------------------------

def _seed001(funds: list[dict[str, Any]], rows: list[tuple[Any, ...]], score: str) -> dict[str, Any]:
    return {"schema_name": "project_self_eval", "funds": funds,
            "indicators": [ind(*row) for row in rows],
            "totals": {"weight": "100", "score": score}}


SEED001 = [
    _seed001(
        [fund("total", "年度资金总额", initial="66", budget="66", executed="66", weight="10",
              rate="100", score="10"),
         fund("fiscal", "其中：当年财政拨款", initial="66", budget="66", executed="66", rate="100")],
        [("产出指标", "数量指标", "信访大厅正常运转（月）", "12", "12", "5", "5", "/"),
         ("产出指标", "数量指标", "对相关部门单位培训、开展业务指导（次）", "≧2", "3", "5", "5", "/"),
         ("产出指标", "数量指标", "选派成员单位业务骨干进驻联合接访大厅联合接访（人）", "≧2", "5", "5", "5"),
         ("产出指标", "数量指标", "律师开展法律咨询服务（次）", "≥48", "48", "5", "5", "/"),
         ("产出指标", "质量指标", "信访案件督办进度", "100%", "100%", "10", "10", "/"),
         ("产出指标", "时效指标", "攻坚事项化解工作完成时间节点", "2020年12月底前完成", "2020年11月30日",
          "10", "10", "/"),
         ("产出指标", "成本指标", "完成目标任务资金保障（万元）", "66", "66", "10", "10", "/"),
         ("效益指标", "社会效益指标", "全州信访形势平稳可控", "100%", "100%", "15", "15", "/"),
         ("效益指标", "可持续影响指标", "保障工作平稳进行（年）", "≥1", "1", "15", "15", "/"),
         ("满意度指标", "服务对象满意度指标", "上访群众满意度率", "100%", "99%", "10", "9.9", "/")],
        "99.9",
    ),
    _seed001(
        [fund("total", "年度资金总额", initial="8.75", budget="8.75", executed="8.75", weight="10",
              rate="100.00", score="10"),
         fund("carry_over", "上年结转资金", initial="8.75", budget="8.75", executed="8.75",
              rate="100.00"),
         fund("other", "其他资金", initial="0")],
        [("产出指标", "数量指标", "拨付特殊疑难信访补助金（次）", "≧1", "5", "10", "10"),
         ("产出指标", "数量指标", "解决无责任主体的信访事项完成（次）", "≧4", "5", "10", "10"),
         ("产出指标", "质量指标", "信访案件信访工作进度", "100%", "100%", "10", "10"),
         ("产出指标", "时效指标", "工作完成时间节点", "=12月", "12月", "10", "10"),
         ("产出指标", "成本指标", "完成目标任务资金保障（万元）", "8.75", "8.75", "10", "10"),
         ("效益指标", "社会效益指标", "全州信访形势平稳可控", "100%", "100%", "15", "15"),
         ("效益指标", "可持续影响指标", "长期保障工作平稳进行", "100%", "100%", "15", "15"),
         ("满意度指标", "服务对象满意度指标", "开展信访工作群众满意度", "100%", "99%", "10", "9.9", "/")],
        "99.9",
    ),
    _seed001(
        [fund("total", "年度资金总额", initial="6", budget="14.62", executed="14.62", weight="10",
              rate="100.00", score="10"),
         fund("fiscal", "其中：当年财政拨款", initial="6", budget="14.62", executed="14.62",
              rate="100.00"),
         fund("carry_over", "上年结转资金", initial="0"),
         fund("other", "其他资金", initial="0")],
        [("产出指标", "数量指标", "为社区所辖小区安置垃圾箱（个）", "≥10", "15", "5", "5"),
         ("产出指标", "数量指标", "为社区所辖小区安置健身器材（个）", "≥20", "20", "5", "5"),
         ("产出指标", "数量指标", "为社区所辖小区安置休闲座椅（张）", "≥10", "40", "5", "5"),
         ("产出指标", "数量指标", "为社区所辖小区添置宣传栏", "≥10", "10", "5", "5"),
         ("产出指标", "数量指标", "表彰优秀党员及联户长（名）", "≥10", "20", "5", "5"),
         ("产出指标", "数量指标", "协调解决居民出行问题（件）", "≥1", "1", "5", "5"),
         ("产出指标", "质量指标", "承诺的办实事好事完结率（%）", "100%", "100%", "5", "5"),
         ("产出指标", "时效指标", "工作完成时间节点", "2020年12月底前", "2020年12月25日", "5", "5"),
         ("产出指标", "成本指标", "完成目标任务资金保障（万元）", "6", "14.8", "10", "10"),
         ("效益指标", "社会效益指标", "改善民生面貌、社会风气、百姓生活水平", "提高", "100%", "15", "15"),
         ("效益指标", "可持续影响指标", "保障访惠聚工作平稳进行（年）", "持续", "100%", "15", "15"),
         ("满意度指标", "服务对象满意度指标", "居民满意度率", "≥98%", "98%", "10", "10")],
        "100",
    ),
    _seed001(
        [fund("total", "年度资金总额", initial="35", budget="35", executed="26.61", weight="10",
              rate="76", score="7.6"),
         fund("fiscal", "其中：当年财政拨款", initial="35", budget="35", executed="26.61", rate="76")],
        [("产出指标", "数量指标", "开展“三访”调研", "≥3次", "3", "5", "5"),
         ("产出指标", "数量指标", "接访大厅升级改造", "=1次", "1", "5", "5"),
         ("产出指标", "数量指标", "主要领导接访下访次数", "≥8次", "12", "5", "5"),
         ("产出指标", "数量指标", "邀请专家讲解政策法规", "≥2", "2", "5", "5"),
         ("产出指标", "质量指标", "网上信访信息系统升级进度", "100%", "100%", "10", "10"),
         ("产出指标", "时效指标", "攻坚事项化解工作完成时间节点", "2020年12月31日", "2020年11月30日",
          "10", "10"),
         ("产出指标", "成本指标", "完成目标任务资金保障（万元）", "35", "26.61", "10", "7.6"),
         ("效益指标", "社会效益指标", "全州信访形势平稳可控", "100%", "100%", "15", "15"),
         ("效益指标", "可持续影响指标", "保障工作平稳进行（年）", "=1", "1", "15", "15"),
         ("满意度指标", "服务对象满意度指标", "上访群众满意度率", "≥90%", "99%", "10", "10")],
        "95.2",
    ),
]


@pytest.mark.parametrize("index", range(4))
def test_seed001_projects_add_up(index: int) -> None:
    assert errors_of(SEED001[index]) == set()


@pytest.mark.parametrize("index", range(4))
def test_seed001_raises_nothing_at_all(index: int) -> None:
    """满意度率 100% against 99% scores 9.9: with no operator printed, 100% is no verdict."""
    assert findings_of(SEED001[index]) == set()


# --- seed 002 (峨边县信访局: score sheet + three project tables) ------------------------------

def _item(l1: str, l2: str, name: str, weight: str, score: str | None) -> dict[str, Any]:
    row = {"level1": l1, "level2": l2, "name": name, "weight": weight}
    return row | ({"score": score} if score is not None else {})


_MGMT, _USE = "部门预算项目绩效管理", "绩效结果应用"
SEED002_SHEET = {
    "schema_name": "dept_score_sheet",
    "items": [
        _item(_MGMT, "目标管理", "目标制定", "10", "10"),
        _item(_MGMT, "目标管理", "目标制定", "10", "10"),
        _item(_MGMT, "目标管理", "目标实现", "10", "10"),
        _item(_MGMT, "目标管理", "目标实现", "10", "10"),
        _item(_MGMT, "动态调整", "支出控制", "10", "10"),
        _item(_MGMT, "动态调整", "及时处置", "5", "5"),
        _item(_MGMT, "动态调整", "执行进度", "5", "3"),
        _item(_MGMT, "完成结果", "资金结余率（低效无效率）", "5", "5"),
        _item(_MGMT, "完成结果", "违规记录", "5", "5"),
        _item(_USE, "内部应用", "预算挂钩", "10", "10"),
        _item(_USE, "信息公开", "自评公开", "10", "10"),
        _item(_USE, "整改反馈", "问题整改", "5", "5"),
        _item(_USE, "整改反馈", "应用反馈", "5", "5"),
        _item("扣分项", "", "", "10", None),
    ],
    "groups": [
        {"level": 1, "name": _MGMT, "stated_weight": "70"},
        {"level": 2, "name": "目标管理", "stated_weight": "40"},
        {"level": 2, "name": "动态调整", "stated_weight": "15"},
        {"level": 2, "name": "完成结果", "stated_weight": "10"},
        {"level": 1, "name": _USE, "stated_weight": "30"},
        {"level": 2, "name": "内部应用", "stated_weight": "10"},
        {"level": 2, "name": "信息公开", "stated_weight": "5"},
        {"level": 2, "name": "整改反馈", "stated_weight": "10"},
        {"level": 1, "name": "扣分项", "stated_weight": "10"},
    ],
    "totals": {"score": "98"},
}


def _seed002_project(amount: str) -> dict[str, Any]:
    return {
        "schema_name": "project_self_eval",
        "funds": [fund("total", "年度资金总额", budget=amount, executed=amount, rate="100"),
                  fund("central_provincial", "其中：中省补助资金"),
                  fund("county", "县级预算资金", budget=amount, executed=amount, rate="100"),
                  fund("other", "其他资金")],
        "indicators": [
            ind("投入与管理", "投入管理", "预算执行率", "=100", "100", None, completion="100%"),
            ind("投入与管理", "实施管理", "供应商资质符合程度", "符合", "100%", None, completion="0"),
            ind("产出指标", "时效指标", "完成该项工作的时限要求", "2023年12月底",
                "已在2023年12月全面完成该项工作。", None, completion="100%"),
        ],
    }


def test_seed002_sheet_group_subtotals_contradict_rows() -> None:
    """动态调整（15分） heads 10 + 5 + 5; 信息公开（5分） heads a 10-point row."""
    assert findings_of(SEED002_SHEET) == {
        ("GROUP_SUBTOTAL_MISMATCH", "groups[2].stated_weight", "error"),
        ("GROUP_SUBTOTAL_MISMATCH", "groups[6].stated_weight", "error"),
    }


@pytest.mark.parametrize("amount", ["32", "0.89", "1.62"])
def test_seed002_project_tables_are_clean(amount: str) -> None:
    assert findings_of(_seed002_project(amount)) == set()


# --- seed 003 (秀山县信访办: one department and four project target tables) -------------------

def _target(schema: str, amount: str, rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    return {"schema_name": schema,
            "funds": [fund("total", "年度资金总额", budget=amount),
                      fund("fiscal", "其中：财政拨款", budget=amount)],
            "indicators": [ind(l1, l2, name, target, None, weight)
                           for l1, l2, name, target, weight in rows]}


SEED003 = [
    {"schema_name": "dept_target",
     "funds": [fund("total", "预算支出总额", budget="675.08"),
               fund("basic", "基本支出", budget="509.54"),
               fund("project", "项目支出", budget="165.54")],
     "indicators": [ind(*row, None, w) for *row, w in [
         ("产出指标", "数量指标", "县领导公开接待、下访量", "≥200次", "15"),
         ("产出指标", "数量指标", "疑难信访案件息访、息诉率", "≥95%", "15"),
         ("产出指标", "质量指标", "信访活跃人员稳控率", "≥95%", "10"),
         ("产出指标", "质量指标", "信访视频调度、视频会议及时转播到位率", "≥95%", "10"),
         ("产出指标", "时效指标", "信息经费按时到位率", "≥98%", "15"),
         ("效益指标", "社会效益指标", "维护全县信访稳定程度", "良", "15"),
         ("可持续发展能力", "可持续发展能力", "重点人员（活跃人员）吸附在当地平稳情况", "良", "10"),
         ("满意度指标", "服务对象满意度指标", "责任单位群众满意率", "≥95%", "10")]]},
    _target("project_target", "100", [
        ("产出指标", "数量指标", "县领导公开接访服务量", "≥200次", "10"),
        ("产出指标", "数量指标", "信访事项协调处置量", "≥300次", "5"),
        ("产出指标", "数量指标", "县级领导及各单位参与市、县级信访稳定调度次数", "≥100次", "10"),
        ("产出指标", "数量指标", "下访、约访、调查、督查量", "≥180次", "10"),
        ("产出指标", "质量指标", "信访接待各项设施设备", "较好", "5"),
        ("产出指标", "质量指标", "人身安全等安保服务", "好", "5"),
        ("产出指标", "时效指标", "各类信访事项协调及时率", "≥100%", "5"),
        ("产出指标", "时效指标", "涉访社会安全稳定处置及时性", "好", "10"),
        ("产出指标", "成本指标", "差旅标准执行", "=100%", "10"),
        ("效果指标", "经济效益指标", "为全县经济社会发展保驾护航情况", "良好", "5"),
        ("效果指标", "社会效益指标", "当年全县信访稳定社会和谐平稳", "较好", "10"),
        ("效果指标", "社会效益指标", "维护市、县社会良好形象情况", "好", "5"),
        ("效果指标", "可持续影响指标", "有序推进阳光信访、法治信访、责任信访", "较好", "5"),
        ("效果指标", "服务对象满意度指标", "信访事项按期受理率、办结率、满意度", "较好", "5")]),
    _target("project_target", "20", [
        ("产出指标", "数量指标", "办结案件数量", "≥3个", "10"),
        ("产出指标", "数量指标", "使用(单位)数量", "≥3个", "5"),
        ("产出指标", "数量指标", "案件办结率", "≥95%", "20"),
        ("产出指标", "质量指标", "补助合格率", "=100%", "10"),
        ("产出指标", "时效指标", "补助按时到位率", "≥98%", "15"),
        ("产出指标", "成本指标", "划拨资金使用率", "=100%", "10"),
        ("效果指标", "经济效益指标", "促进全县经济社会和谐平稳", "较好", "10"),
        ("效果指标", "社会效益指标", "三到位一处理", "≥98%", "10"),
        ("效果指标", "服务对象满意度指标", "满意度", "≥95%", "10")]),
    _target("project_target", "30", [
        ("产出指标", "数量指标", "涉稳人员情报信息及时率", "≥98%", "15"),
        ("产出指标", "质量指标", "活跃人员稳控率", "≥95%", "20"),
        ("产出指标", "时效指标", "信息经费按时到位率", "≥98%", "10"),
        ("效果指标", "经济效益指标", "政治敏感度感知情况", "较好", "15"),
        ("效果指标", "社会效益指标", "维护全县信访稳定程度", "较好", "15"),
        ("效果指标", "可持续影响指标", "重点人员(活跃人员)吸附在当地平稳情况", "较好", "15"),
        ("效果指标", "服务对象满意度指标", "责任单位群众满意率", "≥95%", "10")]),
    _target("project_target", "5.544", [
        ("产出指标", "数量指标", "移动专项租线数量", "=28个", "5"),
        ("产出指标", "数量指标", "移动专项租线租赁年限", "=2年", "10"),
        ("产出指标", "质量指标", "使用质量及效果", "较好", "15"),
        ("产出指标", "时效指标", "视频会议、视频调度及时转播到", "≥95%", "10"),
        ("产出指标", "成本指标", "租赁平均成本", "≅165元/月", "15"),
        ("效果指标", "经济效益指标", "信访移动专线网络安全性", "较好", None),
        ("效果指标", "社会效益指标", "移动专项租线用户数量", "=28个", "5"),
        ("效果指标", "可持续影响指标", "移动专项租线使用率", "=100%", "15"),
        ("效果指标", "服务对象满意度指标", "", "≥96%", "15")]),
]


@pytest.mark.parametrize("index", range(4))
def test_seed003_target_tables_reach_100(index: int) -> None:
    assert findings_of(SEED003[index]) == set()


def test_seed003_last_target_table_misses_a_weight() -> None:
    """信访移动专项租线: one row has no 权重 and the rest add to 90, not 100."""
    assert findings_of(SEED003[4]) == {
        ("INDICATOR_NO_WEIGHT", "indicators[5].weight", "error"),
        ("WEIGHTS_NOT_PROFILE_TOTAL", "totals.weight", "error"),
    }


# --- seed 004 (抚顺市信访局, Fushun department self-evaluation) -------------------------------

_RULE_DIFF = ("差异率=0，得满分；差异率（绝对值）>0时，每增加5%（含）扣减0.5分，减至0分为止。")
_RULE_OWN = ("差异率≤0，得满分；差异率>0时，每增加5%（含）扣减0.5分，减至0分为止。")
_RULE_PAYABLE = "应缴财政款=0，得满分，应缴财政款≠0，得0分"
_RULE_CASH = "变动率≤0，得满分；变动率>0时，每增加5%（含）扣减0.5分，减至0分为止。"


def _rule(l1: str, l2: str, name: str, rule: str, actual: str, weight: str, score: str,
          reason: str | None = None) -> dict[str, Any]:
    row = ind(l1, l2, name, None, actual, weight, score, reason)
    return row | {"target": {"operator": "qualitative", "text": rule}}


SEED004 = {
    "schema_name": "dept_self_eval",
    "staff_count": 25,
    "funds": [
        fund("income", "年度部门预算收入小计", initial="636.34", budget="890.85"),
        fund("fiscal", "1.财政拨款收入", initial="636.34", budget="890.85"),
        fund("expenditure", "年度部门预算支出小计", initial="636.34", budget="890.85",
             executed="890.85", rate="140"),
        fund("basic", "一、基本支出", initial="513.72", budget="625.53", executed="625.53",
             rate="121.76"),
        fund("line_item", "1.工资福利支出", initial="366.09", budget="442.62", executed="442.62",
             rate="120.90"),
        fund("line_item", "2.商品和服务支出", initial="117.72", budget="110.75", executed="110.75",
             rate="94.08"),
        fund("line_item", "3.对个人和家庭的补助", initial="29.91", budget="71.85", executed="71.85",
             rate="240.22"),
        fund("line_item", "4.资本性支出", budget="0.31", executed="0.31", rate="100"),
        fund("project", "二、项目支出", initial="122.62", budget="265.32", executed="265.32",
             rate="216.38"),
        fund("line_item", "1.履职保障类项目支出", initial="122.62", budget="265.32",
             executed="265.32", rate="216.38"),
    ],
    "tasks": [
        {"name": "重点工作一", "project": "信访工作", "initial_budget": "43.62", "budget": "43.62",
         "executed": "43.62", "rate": "100"},
        {"name": "重点工作二", "project": "建设视频信访系统", "initial_budget": "33", "budget": "34",
         "executed": "34", "rate": "103.03"},
        {"name": "重点工作三", "initial_budget": "46", "budget": "46", "executed": "46", "rate": "100"},
        *({"name": f"重点工作{n}", "budget": a, "executed": a, "rate": "100"}
          for n, a in (("四", "2"), ("五", "103.7"), ("六", "11"), ("七", "5.05"), ("八", "19.88"),
                       ("九", "0.07"))),
        {"name": "合计", "initial_budget": "122.62", "budget": "265.32", "executed": "265.32",
         "rate": "100"},
    ],
    "indicators": [
        ind("履职效能", "重点工作履行情况", "重复信访治理台账化解", "≥80%", "≥80%", "10", "10",
            completion="完成"),
        ind("履职效能", "重点工作履行情况", "每季度组织一次涉访重点风险排查识别", "≥4", "≥4", "10", "10"),
        ind("履职效能", "整体工作完成情况", "不生大规模聚集", "=0", "0", "4", "4"),
        ind("履职效能", "整体工作完成情况", "不发生涉访个人极端行为", "=0", "0", "3", "3"),
        ind("履职效能", "整体工作完成情况", "不发生因信访问题引发的负面炒作", "=0", "0", "3", "3"),
        ind("履职效能", "基础管理", "及时办理群众来信", "及时", None, "10", "10", completion="完成"),
        _rule("预算执行", "预算执行效率", "财政拨款收入预决算差异率", _RULE_DIFF, "40%", "5", "1",
              "信访案件补助资金为追加预算"),
        _rule("预算执行", "预算执行效率", "公用经费预算差异率", _RULE_OWN, "-5.66", "5", "5"),
        ind("管理效率", "预算编制管理", "按时编制", "及时", None, "2", "2"),
        ind("管理效率", "预算监督管理", "编制绩效管理", "适用", None, "2", "2"),
        ind("管理效率", "预算收支管理", "按预算执行", "确保", None, "2", "2"),
        _rule("管理效率", "财务管理", "应缴财政款及时性", _RULE_PAYABLE, "0", "2", "2"),
        _rule("管理效率", "资产管理", "货币资金变动率", _RULE_CASH, "-73.99", "2", "2"),
        ind("运行成本", "成本控制成效", "三公经费变动控制率", "≤10%", "0", "5", "5"),
        _rule("运行成本", "成本控制成效", "应缴财政款及时性", _RULE_PAYABLE, "0", "5", "5"),
        ind("社会效应", "政治效益", "信访安全保障工作", "确保", None, "5", "5"),
        ind("社会效应", "社会效益", "争创“人民满意窗口”", "确保", None, "4", "4"),
        ind("社会效应", "社会效益", "争创“人民满意接访员”", "确保", None, "3", "3"),
        ind("社会效应", "社会效益", "寻找最美信访干部活动", "确保", None, "3", "3"),
        ind("社会效应", "服务对象满意度", "服务群众满意度", "≥80%", "≥80%", "5", "5"),
        ind("可持续性", "体制机制改革", "坚持和完善领导包案制度", "提高", None, "5", "5"),
        ind("可持续性", "体制机制改革", "完善领导干部接访下访机制", "提高", None, "5", "5"),
    ],
    "totals": {"score": "96"},
}


def test_seed004_rates_computed_against_initial_budget() -> None:
    """Fushun prints 执行数 / 年初预算数 (140%, 121.76%, …) where 全年预算数 gives 100%."""
    assert findings_of(SEED004) == {
        ("EXEC_RATE_WRONG_BASE", path, "error")
        for path in (
            "funds[expenditure].rate", "funds[basic].rate", "funds[line_item].rate",
            "funds[line_item#2].rate", "funds[line_item#3].rate", "funds[project].rate",
            "funds[line_item#5].rate", "tasks[1].rate",
        )
    }


def test_seed004_wrong_base_message_names_the_cause() -> None:
    finding = next(f for f in validate_form(record_from_plain(SEED004))
                   if f.fields[0] == "funds[expenditure].rate")
    assert finding.printed == "140%" and finding.derived == "100%"
    assert "636.34" in finding.message_en and "年初预算数" in finding.message_zh
    assert finding.profile == "national"


def test_seed004_stated_rule_is_rederived() -> None:
    """差异率 40% at 0.5 per 5% of 5 points leaves 1; printing 2 is a rule mismatch."""
    plain = {**SEED004, "indicators": [dict(row) for row in SEED004["indicators"]],
             "totals": {"score": "97"}}
    plain["indicators"][6]["score"] = "2"
    codes = {(code, field) for code, field, _ in findings_of(plain)}
    assert ("SCORE_RULE_MISMATCH", "indicators[6].score") in codes
    assert not any(code == "TOTAL_SCORE_MISMATCH" for code, _ in codes)
