"""Two things a run-together row's name may open with that are not its name: the stock text the
table's last column prints on every row, and a 二级 word printed without 指标.

Some county templates fill 未完成原因及改进措施 with one stock text on every row (达成预期指标, 已完成,
无, 按计划完成); run together it sits between a row's figures and the next row's name, so every
name after the first of its stretch opens with it (``达成预期指标监控维护率``).  The text is learnt
from the table's own rows, never listed: a prefix most names of the table share, confirmed where a
stretch ends with it alone (the last row's reason before the next 一级 word).  The same templates
print 二级 words bare (产出数量, 社会效益, 满意度) glued to the group's first name; such a word is
read only under its own 一级 word and only in a table that prints no ``…指标`` 二级 word at all.
"""

from __future__ import annotations

import re
from collections import Counter

from extractor.layouts.fused.lexicon import scrambled
from extractor.vocab.units import MEASURE_UNITS

# bare 二级 words under the 一级 word their group belongs to (longer words first)
BARE_LEVEL2: dict[str, tuple[str, ...]] = {
    "产出": ("产出数量", "产出质量", "产出时效", "产出成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度": ("服务对象满意度", "满意度"),
}
_LEVEL1_WORDS = ("产出指标", "效益指标", "满意度指标")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_MAX_STOCK = 10
_MIN_ROWS = 3  # rows that must print the text
_SHARE = 0.5  # of the table's rows, at least
_SENTENCE_END = re.compile(r"[。；;!！]")  # a row's own reason sentence: the next name opens after it
_SURE = 0.8  # of the rows: printed so often it needs no other confirmation
_SLOT = re.compile(r"指标\d")  # a numbered name (``指标1：``) opens with its slot, never a stock text
_AFTER_VALUES = 0.75  # of its prints: right after a row's figure, unit or date (``≦130万元达成预期指标``)
_VALUE_END = re.compile(r"(?:[\d%‰前底末]|" + "|".join(sorted(MEASURE_UNITS, key=len, reverse=True)) + r")$")
_NOT_AFTER = re.compile(r"[\d:：(（]")  # what follows a slot word (``指标1：``), never a stock text


def learn_stock(names: list[str], tails: list[str], text: str, rows: int, firsts: tuple[str, ...] = ()
                ) -> str | None:
    """The stock text the rows of a table end with, or None.  ``names``: the names of rows that
    follow another row of their stretch (the stock text opens them); ``tails``: texts a stretch
    ended with after its last row's figures; ``text``: the table's stretches; ``rows``: how many
    rows they were cut into; ``firsts``: the names of the rows that open a stretch (after a 一级 or
    二级 word: the stock text of the row before stands before that word).  A candidate opens two
    names or more, is printed in half the rows or more, and is confirmed: a stretch ends with it,
    it is printed twice in a row (a row whose actual cell prints it too), it is printed in four
    rows of five, or it opens three names or more and (nearly) every name not printed after a
    reason sentence, but no stretch's first name, or three in four of its prints follow a row's
    figure, unit or date (a first cut that left units opening the names: ``万元达成预期指标…``).
    A text that opens no name is the stock text
    where a stretch ends with it alone and it follows the rows' figures
    (``_ends_stretch_after_rows``)."""
    need = max(_MIN_ROWS, int(rows * _SHARE + 0.999))
    confirmed = set(tails)
    candidates: set[str] = {t for t in tails if 0 < len(t) <= _MAX_STOCK and _HAN.fullmatch(t)}
    for n in names:
        if _SLOT.match(n):
            continue
        candidates.update(n[:size] for size in range(1, min(_MAX_STOCK, len(n) - 1) + 1)
                          if _HAN.fullmatch(n[:size]) and not n.startswith("指标"))
    opening_counts, plain_counts, plain = _prefix_counts(names)
    best: str | None = None
    best_key = (0, 0)
    for word in sorted(candidates):  # sorted: a set's order changes with the hash seed
        opens = opening_counts[word]
        if opens < 2:
            # a stretch ends with it alone and it follows rows' figures (``≥96%已完成``): a table whose
            # rows the first cut could not part (its stock text glued to qualitative targets)
            if _ends_stretch_after_rows(word, tails, text, need) and (len(word), text.count(word)) > best_key:
                best, best_key = word, (len(word), text.count(word))
            continue
        printed = text.count(word)
        # every name but those after a reason sentence opens with it (one in four may be mis-cut; none for
        # one character), and no stretch's first name does: a word many names share fails one or the other
        others = plain - plain_counts[word]
        opening = (opens >= _MIN_ROWS and others <= (opens // 4 if len(word) > 1 else 0)
                   and not any(f.startswith(word) for f in firsts))
        if len(word) == 1 and not (opening or word in confirmed):
            continue
        sure = (word in confirmed or word * 2 in text or printed >= rows * _SURE or opening
                or (word not in MEASURE_UNITS and _after_values(text, word) >= printed * _AFTER_VALUES))
        # the longest wins, then the most printed; of equals the first in sorted order, so the result
        # never depends on the set's iteration order
        if opens >= 2 and printed >= need and sure and (len(word), printed) > best_key:
            best, best_key = word, (len(word), printed)
    return best


def _after_values(text: str, word: str) -> int:
    """How many of ``word``'s prints follow a row's figure, unit or date: a cell after the values
    (a name follows values too, but one name is not printed in half the rows)."""
    return sum(1 for m in re.finditer(re.escape(word), text) if _VALUE_END.search(text, 0, m.start()))


def _ends_stretch_after_rows(word: str, tails: list[str], text: str, need: int) -> bool:
    """A text no name opens with (the first cut glued it to the rows' targets, ``持续改善已完成``)
    is the stock text still where a stretch ends with it alone, it is printed in half the rows or
    more, and twice or more right after a figure (``≥96%已完成``)."""
    return word in tails and len(word) > 1 and text.count(word) >= need and _printed_after_rows(text, word)


def _prefix_counts(names: list[str]) -> tuple[Counter[str], Counter[str], int]:
    """Per prefix of at most ``_MAX_STOCK`` characters: the names it opens with more after it (not a
    figure, colon or bracket), and the names without a reason sentence that start with it; and
    how many names print no reason sentence.  Counted once, so the candidates (up to ten per name)
    are not each compared with every name: 1,000 names took 16 s that way."""
    opening: Counter[str] = Counter()
    starting: Counter[str] = Counter()
    plain = 0
    for n in names:
        is_plain = not _SENTENCE_END.search(n)
        plain += is_plain
        for size in range(1, min(_MAX_STOCK, len(n)) + 1):
            if len(n) > size and not _NOT_AFTER.match(n, size):
                opening[n[:size]] += 1
            if is_plain:
                starting[n[:size]] += 1
    return opening, starting, plain


def bare_level2(name: str, level1: str | None) -> tuple[int, str, str] | None:
    """Where the bare 二级 word ``name`` opens with under ``level1`` (its group's word) ends, the
    word and the group's 一级 word; or None.  A name may instead open with a 一级 word OCR'd out of
    order (``产标指出产出数量…``: its characters in another order, ``lexicon.scrambled``), which
    the scan does not read: then the bare word of that group after it."""
    if level1 and (word := _bare_word(name, 0, level1)):
        return len(word), word, level1
    for size in range(3, 7):
        found = scrambled(name[:size], _LEVEL1_WORDS)
        if found is not None and "指" in name[:size]:
            word = _bare_word(name, size, found)
            return (size + len(word), word, found) if word else None
    return None


def _bare_word(name: str, start: int, level1: str) -> str | None:
    for head, words in BARE_LEVEL2.items():
        if head in level1 or (head == "效益" and "效果" in level1):
            return next((w for w in words if name.startswith(w, start) and len(name) >= start + len(w) + 2), None)
    return None


_AFTER_FIGURE_REACH = 600  # characters before a title searched for the last table's stock text


def stock_before_title(t: str, lead: int, year: int) -> int:
    """Where a title's lead starts once the last table's stock text is cut from it: the lead
    found after that table's last figure (``…93%达成预期指标青山区…2024年度…表``) opens with the
    text the table printed three times or more, twice or more right after a figure (this one
    included), in the 600 characters before.
    ``lead`` is the lead's start, ``year`` where its year starts; the lead keeps two characters."""
    start = lead
    reach = max(0, lead - _AFTER_FIGURE_REACH)
    while True:
        found = next((start + size for size in range(min(_MAX_STOCK, year - start - 2), 0, -1)
                      if _printed_after_rows(t[reach:start + size], t[start:start + size])), None)
        if found is None:
            return start
        start = found


def _printed_after_rows(window: str, word: str) -> bool:
    if not _HAN.fullmatch(word):
        return False
    after_figure = len(re.findall(r"(?<=[\d%])" + re.escape(word), window))
    return window.count(word) >= _MIN_ROWS and after_figure >= 2
