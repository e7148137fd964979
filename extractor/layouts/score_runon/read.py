"""Read a score sheet whose text ran together: labels carrying their points, texts, scores.

PDF text and document-sharing mirrors print a sheet as one stream: ``投入(20分)目标设定(5分)绩效
目标合理性(2分)部门所设立的…相符性情况。符合国家法律法规…计0.5分。2绩效指标明确性(3分)…``.
Where the header names no 分值 column the points live only in the labels, and that is what makes
the stream readable: every ``名称(N分)`` is a tree label; labels printed back to back are a branch
(一级, 二级, then the item, the last of the run); the text up to the next label is the item's
columns in header order, and its score is the figure at the end of that text (or at its start,
where the header has no text columns).  An item whose text breaks off at the end of the excerpt
is not read: its score is lost with the cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from extractor.grid import Cell
from extractor.rules.cells import traced_span
from extractor.segment.types import FormChunk, Row
from schemas.common import Value
from schemas.dept_score_sheet import ScoreGroup, ScoreItem

# header words in a run-together header, with the column each names
_HEADER_WORD = re.compile(r"一级指\s*标|二级指\s*标|三级指\s*标|指标解释|指标说明|评分标准|计分标准|评价要点|"
                          r"自评得分|自评分|得分|指标分值|分值|权重|扣分原因(?:和其他说明)?|备注")
_TEXT_COLUMNS = {"指标解释": "description", "评价要点": "description", "指标说明": "criteria",
                 "评分标准": "criteria", "计分标准": "criteria"}
_WEIGHT_WORDS = ("指标分值", "分值", "权重")
_LABEL = re.compile(r"([^\d。；;，,、:：()（）|]{2,40}?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_MARKER = re.compile(r"(^|\n)\d{1,2}、")  # a mirror's page-chunk markers at line starts
_TRAILING = re.compile(r"(?:^|(?<=[。；;.\s]))(\d+(?:\.\d+)?)\s*$")
_LEADING = re.compile(r"^\s*(\d+(?:\.\d+)?)(?!\d)")


@dataclass(slots=True)
class Stream:
    """The chunk's text after its header, with the cell under every character (provenance)."""

    text: str
    owners: list[tuple[Row, Cell]]
    columns: list[str]  # text columns of the header in order (description, criteria)
    preamble: Stream | None = None  # the text before the header (title, 填报单位)

    def value(self, start: int, end: int, value: object, confidence: float = 0.9) -> Value[Any]:
        return traced_span(self.owners, start, end, value, confidence=confidence)


def run_on_stream(chunk: FormChunk) -> Stream | None:
    """The text after a run-together header that names no 分值 column; None when there is none."""
    chars: list[str] = []
    owners: list[tuple[Row, Cell]] = []
    for row in chunk.rows:
        for cell in row.cells:
            if not cell.clean or cell.continuation:
                continue
            text = _MARKER.sub(r"\1", cell.clean)
            chars.extend(text)
            owners.extend([(row, cell)] * len(text))
            chars.append("\n")
            owners.append((row, cell))
    text = "".join(chars)
    start = text.find("一级指")
    if start < 0:
        return None
    pos, words = start, []
    for m in _HEADER_WORD.finditer(text, start):
        if text[pos:m.start()].strip():
            break
        words.append(re.sub(r"\s", "", m.group(0)))
        pos = m.end()
    if len(words) < 3 or any(w in text[:pos] for w in _WEIGHT_WORDS):
        return None  # a 分值 column (in this header run or a header line above it): not ours
    columns = [_TEXT_COLUMNS[w] for w in words if w in _TEXT_COLUMNS]
    return Stream(text[pos:], owners[pos:], columns, Stream(text[:start], owners[:start], []))


_TITLE = re.compile(r"(\d{4}\s*年度?)?[^。，,；;:：\n《》()（）]{0,30}?(评分表|打分表|得分表)")
_UNIT = re.compile(r"填报单位[（(]?盖章?[)）]?\s*[:：]\s*([^\s:：|]{2,30}?)\s*(?=一级指|$)")


def read_title_and_unit(stream: Stream) -> tuple[Value[Any], Value[Any]]:
    """The title and 填报单位 run into the text before the header, when printed there."""
    pre = stream.preamble
    if pre is None:
        return Value(), Value()
    titles = list(_TITLE.finditer(pre.text))
    title = (pre.value(titles[-1].start(), titles[-1].end(), re.sub(r"\s+", " ", titles[-1].group(0)).strip())
             if titles else Value())
    unit = _UNIT.search(pre.text)
    return title, (pre.value(unit.start(1), unit.end(1), unit.group(1)) if unit else Value())


def count_labels(stream: Stream) -> int:
    return len(_LABEL.findall(stream.text))


def whole_cell_labels(chunk: FormChunk) -> int:
    """Labels printed as cells of their own (a table's 一级/二级/三级 cells): a sheet with
    cells is the table reader's, however few figures it prints."""
    return sum(1 for row in chunk.rows for cell in row.cells
               if cell.clean and (m := _LABEL.match(cell.clean.strip())) is not None
               and m.end() == len(cell.clean.strip()))


def read_run_on(stream: Stream) -> tuple[list[ScoreItem], list[ScoreGroup]]:
    labels = list(_LABEL.finditer(stream.text))
    items: list[ScoreItem] = []
    groups: list[ScoreGroup] = []
    ctx: dict[str, Value[Any]] = {}
    run: list[re.Match[str]] = []
    for k, label in enumerate(labels):
        run.append(label)
        end = labels[k + 1].start() if k + 1 < len(labels) else len(stream.text)
        body = stream.text[label.end():end]
        if not body.strip() and k + 1 < len(labels):
            continue  # the next label continues the branch
        branch, run = run, []
        keys = ("level1", "level2")[-(len(branch) - 1):] if len(branch) > 1 else ()
        for key, m in zip(keys, branch[-3:-1], strict=False):
            name = _name(m)
            ctx[key] = stream.value(m.start(1), m.end(1), name)
            if key == "level1":
                ctx.pop("level2", None)
            groups.append(ScoreGroup(level=1 if key == "level1" else 2, name=name,
                                     stated_weight=stream.value(m.start(2), m.end(2), Decimal(m.group(2)))))
        item_label = branch[-1]
        item = _item(stream, item_label, label.end(), end, ctx, last=k + 1 == len(labels))
        if item is not None:
            items.append(item)
    return items, groups


def _item(stream: Stream, label: re.Match[str], start: int, end: int, ctx: dict[str, Value[Any]],
          *, last: bool) -> ScoreItem | None:
    weight = Decimal(label.group(2))
    body = stream.text[start:end]
    finder = _TRAILING if stream.columns else _LEADING
    m = finder.search(body.rstrip())
    score: Decimal | None = Decimal(m.group(1)) if m else None
    if last and score is None:
        return None  # the excerpt breaks off inside the item
    item = ScoreItem(level1=ctx.get("level1", Value[str]()), level2=ctx.get("level2", Value[str]()),
                     name=stream.value(label.start(1), label.end(1), _name(label)),
                     weight=stream.value(label.start(2), label.end(2), weight))
    if m is not None and score is not None:  # above its weight it is still the printed score: the validator says so
        item.score = stream.value(start + m.start(1), start + m.end(1), score)
    texts_end = start + m.start() if m is not None and stream.columns else end
    texts_start = start + m.end() if m is not None and not stream.columns else start
    _texts(stream, item, texts_start, texts_end)
    return item


def _texts(stream: Stream, item: ScoreItem, start: int, end: int) -> None:
    """The item's text columns: 指标解释 is its first sentence, 指标说明/评分标准 the rest."""
    raw = stream.text[start:end]
    if not raw.strip() or not stream.columns:
        return
    if len(stream.columns) == 1:
        setattr(item, stream.columns[0], stream.value(start, end, _clean(raw)))
        return
    cut = raw.find("。")
    if cut < 0:
        return  # no sentence boundary: the two columns cannot be told apart
    setattr(item, stream.columns[0], stream.value(start, start + cut + 1, _clean(raw[: cut + 1])))
    if raw[cut + 1:].strip():
        setattr(item, stream.columns[1], stream.value(start + cut + 1, end, _clean(raw[cut + 1:])))


def _name(m: re.Match[str]) -> str:
    return re.sub(r"\s", "", m.group(1))


def _clean(text: str) -> str:
    return text.replace("\n", "").strip()
