"""Orders OCR text boxes into printed lines and joins them into text.

The detector returns one box per run of text; a cell that wraps (``≥500人`` / ``次``,
``100.0`` / ``0%``) gives several, and a paragraph line with a wide gap (``填报单位：…`` ⟶
``单位：万元``) gives two.  Joining follows the PDF ingest's rules so that every format hands the
segmenter the same text: no space between CJK characters, a space between Latin words or numbers
set apart (and between any two boxes the detector kept apart), a tab for a wide gap inside a
paragraph line, and wrapped lines of a cell run on
(``100.0`` + ``0%`` is ``100.00%``).
"""

from __future__ import annotations

from itertools import pairwise

from extractor.ingest.ocr.engine import TextBox

# Gaps in box heights (a box is ~1.5 character heights: the PDF ingest's 2.5 and 0.25
# character widths).  Two boxes of one line were separated by the detector, so even between CJK
# characters a gap of half a box height is a printed space (``填表人：张三　　联系电话``).
TAB_GAP = 1.6  # a column gap, written as a tab in paragraph lines
SPACE_GAP = 0.5
LATIN_SPACE_GAP = 0.17  # between Latin letters or digits a narrower gap already separates words


def is_cjk(ch: str) -> bool:
    o = ord(ch[0])
    return 0x2E80 <= o <= 0x303F or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF


def reading_lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes grouped into lines (top to bottom), each sorted left to right.

    A box joins a line when it overlaps the line vertically by half its height: wrapped lines
    of one cell are ~1.4 heights apart, boxes of one line overlap almost fully even on a page
    left 0.1° off level.
    """
    lines: list[list[TextBox]] = []
    spans: list[tuple[float, float]] = []
    for box in sorted(boxes, key=lambda b: (b.cy, b.bbox[0])):
        y0, y1 = box.bbox[1], box.bbox[3]
        for k, (ly0, ly1) in enumerate(spans):
            overlap = min(y1, ly1) - max(y0, ly0)
            if overlap >= 0.5 * min(y1 - y0, ly1 - ly0):
                lines[k].append(box)
                spans[k] = (min(ly0, y0), max(ly1, y1))
                break
        else:
            lines.append([box])
            spans.append((y0, y1))
    order = sorted(range(len(lines)), key=lambda k: spans[k][0])
    return [sorted(lines[k], key=lambda b: b.bbox[0]) for k in order]


def line_text(line: list[TextBox], *, tabs: bool) -> str:
    """One printed line's text; ``tabs`` marks wide gaps (paragraph lines, not cells)."""
    parts = [line[0].text.strip()]
    for a, b in pairwise(line):
        gap = b.bbox[0] - a.bbox[2]
        height = max(1.0, min(a.height, b.height))
        left, right = parts[-1][-1:] or " ", b.text.strip()[:1] or " "
        if tabs and gap > TAB_GAP * height:
            parts.append("\t")
        elif gap > SPACE_GAP * height or (gap > LATIN_SPACE_GAP * height and not (is_cjk(left) or is_cjk(right))):
            parts.append(" ")
        parts.append(b.text.strip())
    return "".join(parts).strip()


def join_lines(texts: list[str]) -> str:
    """A cell's lines run on; only two Latin words meeting at the wrap keep a space."""
    out = ""
    for text in texts:
        if not text:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and text[0].isascii() and text[0].isalpha():
            out += " "
        out += text
    return out
