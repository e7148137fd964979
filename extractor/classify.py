"""Decide a form's type from its title, falling back on its header vocabulary.

Titles are the strongest evidence (项目支出绩效自评表, 部门整体支出绩效目标申报表 …); a form whose
title was lost (truncated excerpts start mid-table) is typed by the column headers it prints.
"""

from __future__ import annotations

import re

from extractor.values import squash
from extractor.vocab.forms import (
    DEPT_RUBRIC_WORDS,
    NOT_TITLE_RE,
    PROJECT_RUBRIC_WORDS,
    SCORE_SHEET_WORDS,
    SELF_EVAL_STRONG_WORDS,
    SELF_EVAL_WORDS,
    STATED_POINTS_RE,
    TARGET_GOAL_WORDS,
    TARGET_WORDS,
    TITLE_RE,
)
from schemas.common import FormType


def is_title(text: str) -> bool:
    t = squash(text)
    return 4 <= len(t) <= 70 and bool(TITLE_RE.search(t)) and not NOT_TITLE_RE.search(t)


def classify_title(title: str) -> FormType | None:
    """Form type named by a title, or None when the title does not say."""
    t = squash(title)
    dept = bool(re.search(r"部门|整体|单位（?\)?整体", t)) and "项目" not in t.replace("部门预算项目", "项目")
    if re.search(r"打分表|评分表|得分表|评价指标体系", t):
        return "project_score_sheet" if "项目" in t and not dept else "dept_score_sheet"
    if "目标" in t and re.search(r"申报表|目标表|审批表|审核表|公开表", t) and "自评" not in t:
        return "dept_target" if dept else "project_target"
    if "自评" in t or "评价" in t:
        return "dept_self_eval" if dept else "project_self_eval"
    return None


def refine_by_body(form_type: FormType, title: str, cells: list[str]) -> FormType:
    """A score-sheet title that names neither a department nor a project (义务教育公用经费绩效评价
    指标体系及评分表) is typed by its rubric: 项目决策 / 项目过程 … make it a project's sheet."""
    t = squash(title)
    rubric = "".join(squash(c) for c in cells)
    if form_type == "dept_score_sheet" and not re.search(r"部门|整体|单位", t) and _is_project_rubric(rubric):
        return "project_score_sheet"
    return form_type


def classify_vocabulary(cells: list[str], *, title: str = "") -> tuple[FormType, float]:
    """Form type from header words when the title is missing or silent; with a confidence."""
    text = "".join(squash(c) for c in cells)  # spaced-out labels (一 级 指 标) count too
    named = _SHEET_NAMED.search(text)
    if named is not None:  # a score sheet's title run into its first header row
        return ("project_score_sheet" if named.group(1).startswith("项目") else "dept_score_sheet"), 0.7
    rubric = _is_project_rubric(text) or _is_rubric(text, DEPT_RUBRIC_WORDS)
    if sum(w in text for w in SCORE_SHEET_WORDS) >= 2 or rubric:
        kind: FormType = "project_score_sheet" if _is_project_rubric(text) else "dept_score_sheet"
        return kind, 0.8
    # a unit's name (单位名称, 预算（单位）名称) or 整体绩效目标 without a project name: a department's form
    dept = "整体" in title or "部门（单位）名称" in text or \
        bool(_DEPT_WORDS.search(text)) and "项目名称" not in text
    if _is_target(text):
        return ("dept_target" if dept else "project_target"), 0.6
    if any(w in text for w in SELF_EVAL_WORDS):
        return ("dept_self_eval" if dept else "project_self_eval"), 0.7
    if any(w in text for w in TARGET_WORDS):
        return ("dept_target" if dept else "project_target"), 0.6
    return "project_self_eval", 0.3


_DEPT_WORDS = re.compile(r"单位[)）]?名称|整体绩效目标")
_SHEET_NAMED = re.compile(r"(部门整体|整体支出|项目支出|项目)[^。，,；;]{0,16}?(评分表|打分表|得分表)")


def _is_project_rubric(text: str) -> bool:
    """Two 一级 headings of the project rubric (项目决策 / 项目管理 …) and a points column (or
    labels stating their points, where a PDF text layer lost the header): a project score
    sheet, whatever its other headers say."""
    return _is_rubric(text, PROJECT_RUBRIC_WORDS)


def _is_rubric(text: str, words: tuple[str, ...]) -> bool:
    rubric = sum(w in text for w in words) >= 2
    points = bool(re.search(r"分值|权重|得分|评分标准|评价要点|指标解释", text)) or \
        len(STATED_POINTS_RE.findall(text)) >= 3
    return rubric and points


def _is_target(text: str) -> bool:
    """A target declaration whose title is not one of the known families (重庆 项目绩效目标审批表 …).

    It prints 指标值 and the goals it sets, and nothing that reports a result; a bare 得分 or
    完成值 alone does not make it a self-evaluation when the goals are there and no result is."""
    if any(w in text for w in SELF_EVAL_STRONG_WORDS):
        return False
    goals = sum(w in text for w in TARGET_GOAL_WORDS)
    return goals >= 2 and any(w in text for w in TARGET_WORDS) and "得分" not in text
