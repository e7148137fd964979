"""Decide a form's type from its title, falling back on its header vocabulary.

Titles are the strongest evidence (项目支出绩效自评表, 部门整体支出绩效目标申报表 …); a form whose
title was lost (truncated excerpts start mid-table) is typed by the column headers it prints.
"""

from __future__ import annotations

import re
from typing import get_args

from extractor.values import squash
from schemas.common import FormType

FORM_TYPES: tuple[FormType, ...] = get_args(FormType)

# A line is a form title when it names one of the form families and is short enough to be a title.
TITLE_RE = re.compile(
    r"(绩效自评(明细)?表|绩效自评打分表|绩效评价?评分表|评分表|打分表|绩效目标(申报|自评)?表|"
    r"项目自评表|整体绩效自评表|绩效评价指标表|绩效自评结果表|目标申报表|绩效目标表)"
)
NOT_TITLE_RE = re.compile(r"(清单|目录|说明$|报告$|。|；)")


def is_title(text: str) -> bool:
    t = squash(text)
    return 4 <= len(t) <= 70 and bool(TITLE_RE.search(t)) and not NOT_TITLE_RE.search(t)


def classify_title(title: str) -> FormType | None:
    """Form type named by a title, or None when the title does not say."""
    t = squash(title)
    dept = bool(re.search(r"部门|整体|单位（?\)?整体", t)) and "项目" not in t.replace("部门预算项目", "项目")
    if re.search(r"打分表|评分表", t):
        return "dept_score_sheet"
    if "目标" in t and re.search(r"申报表|目标表", t) and "自评" not in t:
        return "dept_target" if dept else "project_target"
    if "自评" in t or "评价" in t:
        return "dept_self_eval" if dept else "project_self_eval"
    return None


_SELF_EVAL_WORDS = ("实际完成值", "全年实际值", "完成值", "得分", "全年执行数", "执行率", "实际完成情况")
_TARGET_WORDS = ("指标值", "权重", "指标性质", "绩效指标值", "年度目标")
_SCORE_SHEET_WORDS = ("计分标准", "评分标准", "自评打分", "指标解释", "评价要点", "扣分原因", "指标分值")


def classify_vocabulary(cells: list[str], *, title: str = "") -> tuple[FormType, float]:
    """Form type from header words when the title is missing or silent; with a confidence."""
    text = "".join(cells)
    if sum(w in text for w in _SCORE_SHEET_WORDS) >= 2:
        return "dept_score_sheet", 0.8
    dept = "整体" in title or "部门（单位）名称" in text or "单位名称" in text and "项目名称" not in text
    if any(w in text for w in _SELF_EVAL_WORDS):
        return ("dept_self_eval" if dept else "project_self_eval"), 0.7
    if any(w in text for w in _TARGET_WORDS):
        return ("dept_target" if dept else "project_target"), 0.6
    return "project_self_eval", 0.3
