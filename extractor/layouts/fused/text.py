"""The matching text of a run-together form, with a map back to the printed characters.

Whitespace is dropped (``分 值得 分`` is ``分值`` ``得分`` in a fused header) and so are the page
markers that document-sharing sites insert at line starts (``\\n2、``, numbered 1、2、3、 in order)
and the pinyin some mirrors print after characters (``項(xiàng)目``); every kept character remembers
its offset in the source text, so each value keeps a span.  Vocabulary is matched on the text in
simplified characters (``text``), values are cut from the printed ones (``printed``): the two are
the same length, one character for one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from extractor.layouts.fused.lexicon import FUNDS_HEADER, INDICATOR_HEADER, match_at
from extractor.rules.run_text import counted_markers
from extractor.vocab.key import drop_ruby, ruby_spans, simplified

_MARKER = re.compile(r"(?:^|\n)[ \t]*(\d{1,2})、")
_FOLD = {"：": ":", "（": "(", "）": ")", "％": "%", "，": ","}
# OCR slips of the label words scanned forms print (rubric-style county prints on sharing sites):
# 万兀 for 万元, 预匏 for 预算 (兀 and 匏 are never a form's own characters).  项Fl for 项目 is not read
# back: doing so lowered the held-out half (fused 0.628 -> 0.603, precision down)
_OCR_FOLD = {"兀": "元", "匏": "算"}


@dataclass(slots=True)
class CleanText:
    """``text[i]`` was printed at ``offsets[i]`` of the source (plus ``base``); ``markers[i]`` is
    the source span of a page marker cut out just before ``text[i]`` (``i`` may be ``len(text)``):
    a figure printed against it may have lent it a digit, while whitespace is a cell border."""

    text: str
    offsets: list[int]
    markers: dict[int, tuple[int, int]] = field(default_factory=dict)
    raw: str = ""  # the printed characters of ``text`` (traditional where the source is); "" when the same
    # positions before which the source printed whitespace (a cell border); a gap in ``offsets`` that is
    # not here held a page marker or a mirror's inline pinyin (``項(xiàng)目``), which borders nothing
    spaces: frozenset[int] = frozenset()

    @property
    def printed(self) -> str:
        return self.raw or self.text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of ``text[start:end]``."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def _marker_spans(text: str) -> list[tuple[int, int]]:
    """Line-start ``N、`` markers that count up from 1 (a site's page chunks), not list items;
    where the text has none at line starts, the same count printed inside the running text.  A
    download site's numbered tips (``1、PDF文件下载后…`` ``2、本站不支持迅雷下载…``, short lines before
    the form's long run-together line) are a list, not pages: the count is then looked for in the
    text after them."""
    spans: list[tuple[int, int]] = []
    expected = 1
    for m in _MARKER.finditer(text):
        if int(m.group(1)) != expected:
            continue
        spans.append((m.start(1), m.end()))
        expected += 1
    if len(spans) < 2:
        return _inline_marker_spans(text)
    after = _list_end(text, spans)
    if after is None:
        return spans
    return [(a + after, b + after) for a, b in _inline_marker_spans(text[after:])]


_LIST_LINE = 120  # a tip of a site's numbered list fits a line; a page of a form run together does not
_FORM_LINE = 300  # the form run together on one line


def _list_end(text: str, spans: list[tuple[int, int]]) -> int | None:
    """Where a preamble's numbered list ends (the end of its last numbered line), when every
    numbered line is short and lines longer than them all follow, together a form's length (the
    form run together on one line or over a few);
    ``None`` when the numbered lines are the text's page chunks."""
    ends = [text.find("\n", b) for _, b in spans]
    ends = [len(text) if e < 0 else e for e in ends]
    if any(e - a > _LIST_LINE for (a, _), e in zip(spans, ends, strict=True)):
        return None
    rest = text[ends[-1]:]
    longest = max(e - a for (a, _), e in zip(spans, ends, strict=True))
    # the form on one line, or over a few long lines (a page's paragraphs): longer than every tip
    if sum(len(line) for line in rest.splitlines() if len(line) > longest) <= _FORM_LINE:
        return None
    return ends[-1]


def _inline_marker_spans(text: str) -> list[tuple[int, int]]:
    """``1、`` ``2、`` … counting up through a run-together text (a site's page chunks cut into a
    table copied without line breaks, even inside a figure: ``54、4.39``).  The count is followed
    from one marker to the next; a list item (``1、…2、…``) of a goal text would count too, which
    costs only its number.  One marker alone is not taken for a page count.  Numbered choices
    (``项目类别1、上级专项☑2、本级专项□``) are cut out of the text first: their numbers follow each
    other a few characters apart, a page holds far more."""
    masked = _CHOICES.sub(lambda m: "#" * len(m.group(0)), text)
    spans = counted_markers(masked)
    if len(spans) == 1 and _between_headers(text, *spans[0]):
        return spans
    return spans if len(spans) >= 2 else []


_HEADER_WORDS = [*INDICATOR_HEADER, *FUNDS_HEADER]
_HEADER_REACH = 8  # the longest column header word a marker may follow (``全年实际完成值``)


def _between_headers(text: str, start: int, end: int) -> bool:
    """A lone ``1、`` printed between two column headers (``指标类型1、二级指标``): a short form run
    together holds one page marker only, and there it is no list item (a column header is never
    numbered), so it is cut out like a counted one; elsewhere one marker alone stays text.  Pinyin
    and whitespace around it (a mirror's print) are looked through."""
    before = _plain(text[max(0, start - _HEADER_SPAN):start])
    after = _plain(text[end:end + _HEADER_SPAN])
    if match_at(_HEADER_WORDS, after, 0) is None:
        return False
    edge = len(before)
    return any((hit := match_at(_HEADER_WORDS, before, k)) is not None and hit[0] == edge
               for k in range(max(0, edge - _HEADER_REACH), edge))


_HEADER_SPAN = 40  # characters looked at on each side of the marker (pinyin included)


def _plain(text: str) -> str:
    return simplified(re.sub(r"\s+", "", drop_ruby(text)))


# a run of numbered choices: 1、 then 2、 (and 3、…) each within a short option's reach of the one before
_CHOICES = re.compile(r"1、[^、\d]{1,12}?2、(?:[^、\d]{1,12}?3、)?")


def _fold(ch: str) -> str:
    if ch in _FOLD:
        return _FOLD[ch]
    norm = unicodedata.normalize("NFKC", ch)
    return norm if len(norm) == 1 else ch


def matching(printed: str, offsets: list[int], markers: dict[int, tuple[int, int]],
             spaces: frozenset[int] = frozenset()) -> CleanText:
    """``printed`` (characters as the source prints them, each at its source offset) with its
    matching text beside it."""
    text = simplified(printed)
    return CleanText(text, offsets, markers, raw=printed if text != printed else "", spaces=spaces)


def clean_text(text: str, base: int = 0) -> CleanText:
    """Whitespace, page markers and inline pinyin removed; full-width punctuation folded one
    character for one; traditional characters simplified in ``text``, kept in ``printed``."""
    skip = _marker_spans(text)
    ruby = ruby_spans(text)
    r = 0
    out: list[str] = []
    offsets: list[int] = []
    markers: dict[int, tuple[int, int]] = {}
    spaces: set[int] = set()
    k = 0
    i = 0
    while i < len(text):
        if k < len(skip) and i == skip[k][0]:
            markers[len(out)] = (base + skip[k][0], base + skip[k][1])
            i = skip[k][1]
            k += 1
            continue
        while r < len(ruby) and ruby[r][1] <= i:
            r += 1
        if r < len(ruby) and ruby[r][0] == i:
            i = ruby[r][1]
            continue
        ch = text[i]
        if not ch.isspace() and ch != "\u3000":
            out.append(_OCR_FOLD.get(ch) or _fold(ch))
            offsets.append(base + i)
        else:
            spaces.add(len(out))
        i += 1
    return matching("".join(out), offsets, markers, frozenset(spaces))


def without_markers(text: str) -> str:
    """``text`` with its page markers cut out and nothing else changed: the claim asks whether
    column headers touch, and a short form's one marker may stand between two of them
    (``一级指标1、二级指标``)."""
    spans = _marker_spans(text)
    if not spans:
        return text
    bounds = [0, *(k for span in spans for k in span), len(text)]
    return "".join(text[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True))
