"""Pieces of an indicator header that a PDF text layer split or a spaced print's close-up glued.

A one-line stream prints its header words as they fall (``年度 / 指标值``, ``绩 / 效 / 指 / 标``,
``年初目标值(A)``) or, where the print spaced them out (``一 级 指 标 二 级 指 标``), closed up into
one cell (``绩效指标一级指标二级指标三级指标``).  Both are header words, never a row's value or name:
the stream readers (the scrambled layout, ``rules/levels_stream``) skip them alike.
"""

from __future__ import annotations

import re

from extractor.values import squash

HEADER_PHRASES = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                  "偏差原因分析及改进措施", "绩效指标", "年初目标值", "未完成原因分析", "全年实际值",
                  "未完成原因及拟采取的改进措施")
_COLUMN_MARK = re.compile(r"[（(][A-Z][)）]$")  # 年初目标值(A), 实际完成值(B)
# whole header cells of the columns some templates add (指标性质 / 度量单位, 运算符号, 权重, 原因): a
# cell made only of these words is a header cell; their pieces are not (原 / 因 may be a name's)
_COLUMN_WORDS = ("指标性质", "指标值", "度量单位", "计量单位", "运算符号", "计算符号", "权重", "原因")
_PHRASE_RUN = re.compile("^(?:" + "|".join(HEADER_PHRASES + _COLUMN_WORDS) + ")+$")
# the indicator header's first cell, alone or closed up with the words after it
HEAD = re.compile(r"^(绩效指标)?一级指标")


def is_header_fragment(text: str) -> bool:
    """A piece of a header phrase the PDF split (年度 / 指标值, 绩 / 效 / 指 / 标), or header phrases
    that a spaced print's close-up glued into one cell (``绩效指标一级指标二级指标三级指标``)."""
    key = _COLUMN_MARK.sub("", squash(text))
    return bool(key) and (any(key in phrase for phrase in HEADER_PHRASES) or bool(_PHRASE_RUN.match(key)))
