"""An indicator row of a spaced web print whose name is too long to look like a spaced row.

A Sichuan declaration page copied as text prints each indicator row on one line, its cells one
space apart: ``数量指标 某某人数 63人``.  A spaced row needs three short words; a row whose name is a
long phrase (``数量指标 对符合条件的某某某某发放补贴 120人``, ``时效指标 某某、某某 2021年1月-12月``)
has two, so the line stayed one cell and the whole row became one name.  The row is certain where
the line opens with level words (一级 and/or 二级, or the block label 绩效指标 before them), then
holds exactly one more word (the name) and a target: a figure or measure (``120人``, ``≥90%``,
``12月底到位``) or a short worded target (``长期``).  A row under a 二级 printed once holds only
its name and target (``某某水平 逐步提高``): certain where the target is a predicate (a name is a
noun phrase).  Any other line stays as it was.
"""

from __future__ import annotations

import re

from extractor.vocab import is_level_word
from extractor.vocab.key import squash

_TOKEN = re.compile(r"[^ \u3000\xa0]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_FIGURE = re.compile(r"^[≥≤=><≧≦＝＞＜]{0,2}[-+]?\d")
_BLOCK_LABEL = "绩效指标"
_TEXT_TARGET_MAX = 8  # 长期, 逐步提高, 达到验收标准: a worded target is short
_LEVELS_MAX = 3  # 绩效指标 一级 二级
# how a worded target begins (长期, 健全, 明显提升, 持续改善, 达到验收标准): a predicate, which a
# name (a noun phrase) never is; a row of name and such a target needs no level word before it
_PREDICATE = re.compile(r"^(?:长期|明显|持续|逐年|逐步|达到|达成|有效|显著|稳步|不断|进一步|全面|健全|完善|良好|"
                        r"合格|达标|提升|提高|改善|增强|规范)")


def _level(token: str) -> bool:
    return squash(token) == _BLOCK_LABEL or is_level_word(token)


def level_name_target(text: str) -> list[tuple[str, int]] | None:
    """The cells of an indicator row ``level… name target`` printed one space apart, as
    (cell, offset) pairs; None for any other line."""
    tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
    if not 2 <= len(tokens) <= _LEVELS_MAX + 2:
        return None
    for (prev, start), (_, at) in zip(tokens, tokens[1:], strict=False):
        if at != start + len(prev) + 1:  # cells one space apart, nothing wider
            return None
    *levels, (name, _), (target, _) = tokens
    if not all(_level(t) for t, _ in levels) or _level(name) or _level(target):
        return None
    if not _HAN.search(name) or _FIGURE.match(name):
        return None
    worded = _HAN.search(target) is not None and not _FIGURE.match(target)
    if worded and (len(target) > _TEXT_TARGET_MAX or not (levels or _PREDICATE.match(target))):
        return None
    return tokens
