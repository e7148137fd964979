"""OCR look-alike slips in label words, folded back for matching only.

A scan read back by OCR misreads a few characters of the labels forms print: 目 as two Latin
letters (``项Fl名称``, ``项E1``), 位 split in two (``单f立``), 门 as ``n`` (``主管部n``), and
characters for their look-alikes (``顼目``, ``贫金``, ``万兀``, ``预匏``, ``指杨``, ``得份``).  The
table is bounded and every slip but the two characters no form prints (顼, 匏) needs the label
character beside it, so no word of a form's own reads as another; it is folded into the
matching key (``squash``) only, so values keep what was printed (a level word printed ``顼目产出``
stays ``顼目产出``).
"""

from __future__ import annotations

import re

# printed → meant, one character for one (a reader that keeps each character's source offset folds
# these too: ``same_length``); each needs its neighbour where the printed character is one forms use
# elsewhere (贫 in 扶贫, 份 in 月份 and 份额, 杨 in a name, n in a code)
_SAME_LENGTH: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"顼"), "项"),  # 顼 is in no form's vocabulary
    (re.compile(r"(?<![扶脱])贫(?=金)"), "资"),
    (re.compile(r"兀"), "元"),  # 万兀, (兀): 兀 is in no form's vocabulary
    (re.compile(r"匏"), "算"),
    (re.compile(r"(?<=[指目])杨"), "标"),
    (re.compile(r"(?<=[得总])份(?![额数])"), "分"),  # never 市场份额, 问卷总份数
    (re.compile(r"(?<=部)n(?![A-Za-z])"), "门"),
)
# two printed characters for one (目 as two Latin letters, 位 split in two): the key only
_SHORTER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=项)(?:Fl|FI|F1|E1|El)"), "目"),
    (re.compile(r"(?<=单)f立"), "位"),
)
_TRIGGERS = frozenset("顼FEf贫兀匏杨份n")
_LABEL_SPAN = 16  # a label opens its cell: a longer text is folded over its first characters only


def unslip(key: str) -> str:
    """``key`` (a squashed text) with the look-alike slips of its label words folded back; a
    text of more than ``_LABEL_SPAN`` characters only in its opening ones (a label printed
    before its value in one cell), so a sentence's own characters are never touched."""
    if not _TRIGGERS.intersection(key):
        return key
    head, tail = (key, "") if len(key) <= _LABEL_SPAN else (key[:_LABEL_SPAN], key[_LABEL_SPAN:])
    for pattern, meant in _SAME_LENGTH + _SHORTER:
        head = pattern.sub(meant, head)
    return head + tail


def same_length(text: str) -> str:
    """``text`` with the one-for-one slips folded back everywhere (顼目, 贫金, 万兀, 指杨, 得份, 部n),
    for readers matching vocabulary on a run-together text whose characters keep their offsets;
    they cut values from the printed characters."""
    if not _TRIGGERS.intersection(text):
        return text
    for pattern, meant in _SAME_LENGTH:
        text = pattern.sub(meant, text)
    return text


# a figure one of whose digits a scan read as the letter it looks like (9O, l5, 1Z.5, 8B%)
_SLIPPED_FIGURE = re.compile(r"[\dOolIZB]{1,9}(?:\.[\dOolIZB]{1,4})?%?")


def is_slipped_figure(key: str) -> bool:
    """A cell (its squashed key) that prints a figure with a digit misread as a letter: it stands
    where a figure stands, so readers place it as one, but it is no number and is never read."""
    return (bool(_SLIPPED_FIGURE.fullmatch(key)) and any(ch.isdigit() for ch in key)
            and any(ch.isalpha() for ch in key))
