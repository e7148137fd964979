"""The type of a form known only by its rows: an excerpt that lost its title and header.

A tail of a table (``truncated_top``, or run together on one line) prints no title and no
header words, so the segmenter's guess from vocabulary is its default, a project
self-evaluation.  What the excerpt prints still says two things with certainty:

- a department's form: an indicator only a department sets is printed (三公经费控制率,
  履职效能 …), whether or not its row could be read — a row left unread (name and target glued)
  still prints its words;
- a self-evaluation or a target form: a self-evaluation reports what happened (actuals, scores,
  a 总分 row, closing rows 评价结论 …); a tail that prints rows but none of these is a target
  form's.

The form keeps its ``EXTRACT_FORM_TYPE_UNCERTAIN`` finding: no title names it.
"""

from __future__ import annotations

import re

from extractor.vocab.forms import DEPT_INDICATOR_RE

SELF_EVAL_OF = {"project_target": "project_self_eval", "dept_target": "dept_self_eval"}
DEPT_OF = {"project_target": "dept_target", "project_self_eval": "dept_self_eval"}
_DEFAULT = "project_self_eval"
# a self-evaluation's total or closing rows, wherever a run-together print glued them
_EVALUATED = re.compile(r"总分|合计|总计|总评价得分|综合得分|自评得分|评价结论|存在问题|改进措施|自评结论")
# an indicator table's level words: the excerpt is a table's rows, not prose
_LEVEL_WORDS = re.compile(r"(?:产出|效益|效果|满意度|数量|质量|时效|成本)指标")
_PROJECT_NAMED = re.compile(r"项目名称|项目支出名称")  # a project's form, whatever indicators it sets
_UNTYPED = 0.5  # below this the segmenter's type is a guess from its words (no title)


def headless_type(guess: str | None, columns: set[str], texts: list[str], closed: bool = False) -> str:
    """A form whose rows were read with no header above them: a self-evaluation when they print
    actuals or scores or the excerpt its closing rows (``closed``), a target form when they print
    neither; a department's when an indicator only a department sets is printed among ``texts``
    (the rows' printed cells), else the guess from its words."""
    guess = guess or _DEFAULT
    if any(DEPT_INDICATOR_RE.search(t) for t in texts):
        guess = DEPT_OF.get(guess, guess)
    evaluated = bool(columns & {"actual", "score"}) or closed
    if evaluated:
        return SELF_EVAL_OF.get(guess, guess)
    return next((t for t, e in SELF_EVAL_OF.items() if e == guess), guess)


def unread_type(guess: str | None, confidence: float, texts: list[str]) -> str:
    """An untitled form none of whose rows was read: a department's when a department-only
    indicator is printed and no project is named; when typed by no header words either
    (``confidence`` below 0.5), a target form's when the text prints an indicator table's level
    words but no total and no closing row (a self-evaluation's tail prints them); else the guess."""
    guess = guess or _DEFAULT
    if guess not in DEPT_OF.values() and guess not in DEPT_OF:
        return guess
    text = "".join("".join(t.split()) for t in texts)
    if DEPT_INDICATOR_RE.search(text) and not _PROJECT_NAMED.search(text):
        guess = DEPT_OF.get(guess, guess)
    if confidence >= _UNTYPED:
        return guess
    if _EVALUATED.search(text):
        return SELF_EVAL_OF.get(guess, guess)
    if _LEVEL_WORDS.search(text):
        return next((t for t, e in SELF_EVAL_OF.items() if e == guess), guess)
    return guess
