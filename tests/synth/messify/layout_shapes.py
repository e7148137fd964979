"""Shapes that change how a table is printed, never what it says: run-together text, wrapped
cells, scrambled cell order, long space runs, pipe tables.

Each takes a ``Sheet`` and a seeded ``Random`` and returns the text; only run-together text
damages values (numbers fused with their neighbour or with a page marker cannot be split with
certainty), and it drops those from the gold.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from tests.synth.messify import pipe_cells
from tests.synth.messify.bare_levels import bare_levels
from tests.synth.messify.base import Sheet, drop_damaged, number_of
from tests.synth.messify.checkbox_lines import checkbox_lines
from tests.synth.messify.content_shapes import relabel
from tests.synth.messify.cost_block import cost_block
from tests.synth.messify.county_fund import county_fund
from tests.synth.messify.download_site import download_site
from tests.synth.messify.evaluation_table import evaluation_table
from tests.synth.messify.funds_prose import funds_prose
from tests.synth.messify.fused_pairs import certain_run, certain_total
from tests.synth.messify.level_notes import level_notes
from tests.synth.messify.ocr_levels import garble_levels
from tests.synth.messify.ocr_print import ocr_print
from tests.synth.messify.ocr_slips import ocr_slips
from tests.synth.messify.rubric_levels import rubric_levels
from tests.synth.messify.share_site import share_site
from tests.synth.messify.title_leads import lead_titles

_ENDS_NUMERIC = re.compile(r"[\d.]$")
_STARTS_NUMERIC = re.compile(r"^[\d.]")


# the templates a run-together print draws from its fork, in draw order, with their shares
_FORKED_TEMPLATES: tuple[tuple[float, Callable[[Sheet, random.Random], None]], ...] = (
    (2 / 3, county_fund), (0.5, cost_block), (1 / 3, checkbox_lines), (0.25, ocr_slips), (0.25, rubric_levels))


def run_together(sheet: Sheet, rng: random.Random, without: tuple[Callable[[Sheet, random.Random], None], ...] = ()
                 ) -> str:
    """Every cell and line of the document joined with no separator (a web page's text copied
    out of its table), with a document-sharing page marker (``1、`` ``2、`` …) every 15–60
    cells.  Where a number meets another number or a marker, both cells' values leave the gold,
    except a row's figures fused with each other only whose cut is certain (``certain_run``).
    Half the documents print their header labels in other provinces' words (``relabel``:
    项目主管部门, 项目实施单位, 年度绩效目标, 指标类型, …公开表; a funds header 预算数(A) 执行数(B)
    执行率(B/A) 得分(20分*执行率); samples 20 and 15), half print titles that name the unit or
    the project around their year (``lead_titles``: samples 42, 20), a third print a target
    form's indicators as a 绩效评价指标表 (``evaluation_table``: 指标说明 and 备注 columns, sample
    15), a quarter print their 一级 column OCR'd out of order (``garble_levels``: 出标产指, sample
    20), each drawn from a generator of its own.  Drawn from a fork that leaves those draws as
    they were: two thirds of the documents reprint project self-evaluations as a county special-fund form
    (``county_fund``), half print a project target's cost composition before its goal
    (``cost_block``: 项目预算成本构成 … 合计, 当年预期实现值), a third print checkbox rows before
    a project self-evaluation's funds (``checkbox_lines``: 项目类别1、上级专项☑2、本级专项□), a quarter
    misread label characters (``ocr_slips``: 项Fl名称, 万兀, 年初预匏数), Chongqing department forms
    print as OCR'd (``ocr_print``: 主管部n, goal columns interleaved line by line, dev 42), a quarter head project
    indicator groups 项目产出 / 项目效益 (``rubric_levels``), two in five open with a
    document-sharing site's preamble (``share_site``: samples 20, 42); two in five of the others
    open with a download site's preamble and a stamp line before the title (``download_site``); a third
    annotate their 二级 words and code their department (``level_notes``: 数量指标(必填硬性指标), 主管部门及代码);
    three in ten print a project self-evaluation's funds as prose (``funds_prose``: 年度资金总额:38.75万元, a
    sentence per budget column with its sources in brackets, a 其中 breakdown run together).
    Three in five county fund tables print bare level words and a stock reason on every row
    (``bare_levels``), drawn from a generator of its own seeded apart from both.
    ``without``: forked templates not applied (their generators are still drawn, so every other draw
    stays put)."""
    levels_rng = random.Random(f"{rng.getstate()}:bare_levels")
    fork = random.Random(str(rng.getstate()))
    download = random.Random(f"{fork.getstate()}:download").random() < 0.4  # a generator of its own
    site = fork.random() < 0.4
    for share, template in _FORKED_TEMPLATES:
        own = random.Random(fork.random())  # every template draws its generator, drawn or not
        if own.random() < share and template not in without:
            template(sheet, own)
    bare_levels(sheet, levels_rng)  # county fund tables only: after ``county_fund``
    if rng.random() < 0.5:
        relabel(sheet, random.Random(rng.random()))
        _funds_header_words(sheet)
    if rng.random() < 0.5:
        lead_titles(sheet, random.Random(rng.random()))
    table_rng = random.Random(rng.random())  # drawn in every document, so other draws stay put
    if table_rng.random() < 1 / 3:
        evaluation_table(sheet, table_rng)
    ocr_rng = random.Random(rng.random())
    if ocr_rng.random() < 0.25:
        garble_levels(sheet, ocr_rng)
    ocr_print(sheet, random.Random(ocr_rng.random()))  # Chongqing department forms only (dev 42)
    level_notes(sheet, random.Random(str(fork.getstate()) + ":notes"))  # no other draw moves
    funds_prose(sheet, random.Random(str(fork.getstate()) + ":funds_prose"))  # no other draw moves
    pieces: list[str] = []
    marker = 2 if site else 1
    gap = rng.randint(15, 60)
    since = 0
    for part in sheet.parts:
        pieces += [line for line in part.prose if line.strip()]
        if part.rows is None:
            continue
        assert part.form is not None
        flat = [(r, c, text.strip()) for r, row in enumerate(part.rows) for c, text in enumerate(row) if text.strip()]
        touches: dict[int, list[int]] = {}  # flat index → what it touched (the other index, -1 a marker)
        for i, (_, _, text) in enumerate(flat):
            pieces.append(text)
            since += 1
            if since >= gap:
                pieces.append(f"{marker}、")
                marker += 1
                since = 0
                gap = rng.randint(15, 60)
                if _ENDS_NUMERIC.search(text):
                    touches.setdefault(i, []).append(-1)
                if i + 1 < len(flat) and _STARTS_NUMERIC.search(flat[i + 1][2]):
                    touches.setdefault(i + 1, []).append(-1)  # ``2、150.9``: the marker's digit or the figure's?
            elif i + 1 < len(flat) and _ENDS_NUMERIC.search(text) and _STARTS_NUMERIC.search(flat[i + 1][2]):
                touches.setdefault(i, []).append(i + 1)
                touches.setdefault(i + 1, []).append(i)
        damaged: dict[int, set[int]] = {}
        for i in touches:
            damaged.setdefault(flat[i][0], set()).add(flat[i][1])
        pending = list(_runs(touches))
        while pending:  # a run made certain lends its figures to the row's other runs: until none is left
            left = []
            for run in pending:
                r = flat[run[0]][0]
                total = certain_total(sheet.forms[part.form], part.rows, damaged)
                if all(flat[i][0] == r for i in run) and certain_run(sheet.forms[part.form], part.rows[r],
                                                                      [flat[i][1] for i in run], total,
                                                                      damaged.get(r, set())):
                    damaged[r] -= {flat[i][1] for i in run}
                else:
                    left.append(run)
            pending = left if len(left) < len(pending) else []
        drop_damaged(sheet, part.form, part.rows, damaged)
    if site:
        titles = [(f.get("header") or {}).get("title") for f in sheet.forms]
        title = next((t for t in titles if isinstance(t, str)), None)
        return share_site("".join(pieces), title, random.Random(fork.random())) + "\n"
    if download:
        titles = [(f.get("header") or {}).get("title") for f in sheet.forms]
        title = next((t for t in titles if isinstance(t, str)), None)
        return download_site("".join(pieces), title, random.Random(f"{fork.getstate()}:download")) + "\n"
    return "".join(pieces) + "\n"


# a funds header in the words of Hubei's template (sample 20): 预算数(A) 执行数(B) 执行率(B/A) 得分(…)
_FUNDS_HEADER_WORDS = {"全年预算数": "预算数(A)", "全年执行数": "执行数(B)", "执行率": "执行率(B/A)",
                       "得分": "得分(分值*执行率)"}  # fmt: skip


def _funds_header_words(sheet: Sheet) -> None:
    """The funds header row (the one printing 全年执行数) reworded, its 得分 stating the rule with
    the block's points (``得分(20分*执行率)``) where the form has them; no value changes."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        funds = sheet.forms[part.form].get("funds") or []
        weight = next((r.get("weight") for r in funds if r.get("role") == "total" and r.get("weight")), None)
        words = dict(_FUNDS_HEADER_WORDS, **({"得分": f"得分({weight}分*执行率)"} if weight else {}))
        for row in part.rows:
            if any(t.replace(" ", "") == "全年执行数" for t in row):
                row[:] = [words.get(t.replace(" ", ""), t) for t in row]


def _runs(touches: dict[int, list[int]]) -> list[list[int]]:
    """Cells fused with each other and with no page marker: chains of consecutive indices."""
    runs: list[list[int]] = []
    for i in sorted(touches):
        if -1 in touches[i] or any(-1 in touches.get(j, []) for j in touches[i]):
            continue
        if runs and runs[-1][-1] == i - 1 and i - 1 in touches[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if len(run) > 1]


_HEADER_WORDS = ("一级指标", "三级指标", "预算数", "执行数", "指标值", "评分标准")


def _wrap(text: str, rng: random.Random) -> str:
    cut = rng.randint(2, len(text) - 2)
    return text[:cut] + "\n" + text[cut:]


def wrapped(sheet: Sheet, rng: random.Random) -> str:
    """Tab-separated rows where long cells wrap onto the next line (``经济效益`` / ``指标``) and
    a header row breaks between two cells, as text copied from a narrow web table."""
    lines: list[str] = []
    for part in sheet.parts:
        lines += part.prose
        if part.rows is None:
            continue
        for row in part.rows:
            cells = [(_wrap(t, rng) if len(t) >= 4 and not any(ch.isdigit() for ch in t) and rng.random() < 0.25
                      else t) for t in row]
            header = any(word in t for t in row for word in _HEADER_WORDS)
            if header and len(cells) > 3 and rng.random() < 0.6:
                k = rng.randint(1, len(cells) - 2)
                lines.append("\t".join(cells[:k]) + "\n" + "\t".join(cells[k:]))
            else:
                lines.append("\t".join(cells))
        lines.append("")
    return "\n".join(lines) + "\n"


_LEVEL_WORD = re.compile(r"^\S{2,8}指标$")  # 产出指标, 数量指标, 经济效益指标


def scrambled(sheet: Sheet, rng: random.Random) -> str:
    """One cell per line without row breaks, cells of a row out of order the way a PDF text
    layer or an Excel export gives them: tall text cells after the short figures beside them,
    or a row's cells rotated.  In half the documents (a narrow web table copied cell by cell,
    sample 45) header cells and 一级/二级 words also wrap onto a cell line of their own
    (``年初`` / ``预算数``, ``经济效`` / ``益指标``), and in a third every cell line is followed by
    a blank line; these are drawn after the order, so the order of a document does not change."""
    cells_out: list[tuple[str, bool]] = []  # (text, may wrap)
    lines: list[str] = []
    for part in sheet.parts:
        cells_out += [(line, False) for line in part.prose]
        if part.rows is None:
            continue
        for row in part.rows:
            cells = [t for t in row if t.strip()]
            roll = rng.random()
            if roll < 0.35:
                cells = [t for t in cells if len(t) <= 8] + [t for t in cells if len(t) > 8]
            elif roll < 0.55 and len(cells) > 2:
                k = rng.randint(1, len(cells) - 1)
                cells = cells[k:] + cells[:k]
            header = any(word in t for t in row for word in _HEADER_WORDS)
            cells_out += [(t, header or bool(_LEVEL_WORD.match(t.strip()))) for t in cells]
    wrap_header = 0.6 if rng.random() < 0.5 else 0.0
    blank = rng.random() < 0.33
    for text, may_wrap in cells_out:
        if may_wrap and len(text) >= 4 and not any(ch.isdigit() for ch in text) and rng.random() < wrap_header:
            text = _wrap(text, rng)
        lines += text.split("\n")
        if blank:
            lines.append("")
    return "\n".join(lines) + "\n"


def spaced(sheet: Sheet, rng: random.Random) -> str:
    """Rows whose cells are separated by runs of 2–60 spaces (a web page or a PDF copied as
    text); empty cells vanish into the run, and some rows are indented."""
    lines: list[str] = []
    for part in sheet.parts:
        lines += part.prose
        if part.rows is None:
            continue
        for row in part.rows:
            cells = [t.strip() for t in row if t.strip()]
            out = " " * rng.choice((0, 0, 2, 4))
            for k, text in enumerate(cells):
                out += text if k == 0 else " " * rng.choice((2, 3, rng.randint(4, 60))) + text
            lines.append(out)
        lines.append("")
    return "\n".join(lines) + "\n"


def pipes(sheet: Sheet, rng: random.Random) -> str:
    """Pipe tables: ``| 1 | a | b |`` rows with a serial-number column, ``||`` padding at the
    ends of short rows, a few cells broken over two lines, and in two documents of three some
    rows broken after their label (``年度资金总额 |`` then ``| 32.4 | 31.69 | 10 |``); a third of
    the documents print one cell per line instead (``pipe_cells``)."""
    serial = rng.random() < 0.6
    broken_after_label = rng.choice((0.0, 0.1, 0.25))
    lines: list[str] = []
    for part in sheet.parts:
        lines += part.prose
        if part.rows is None:
            continue
        width = max(len(r) for r in part.rows)
        for n, row in enumerate(part.rows, 1):
            cells = [t for t in row if t.strip()] if rng.random() < 0.5 else list(row)
            cells = [(t[: len(t) // 2] + "\n" + t[len(t) // 2:]) if len(t) > 12 and rng.random() < 0.15 else t
                     for t in cells]
            if serial:
                cells = [str(n)] + cells
            pad = "|" * max(0, width - len(cells)) if rng.random() < 0.5 else ""
            first = 1 + serial  # the row's label cell (after the line number)
            if len(cells) > first and cells[first - 1].strip() and rng.random() < broken_after_label:
                # the label on a line of its own, the row's other cells on the next (a web page's
                # row whose label cell is taller than the figures beside it)
                lines.append(" | ".join(cells[:first]) + " |")
                lines.append("| " + " | ".join(cells[first:]) + " |" + pad)
                continue
            lines.append("| " + " | ".join(cells) + " |" + pad)
        lines.append("")
    lines = _closing_pipes(lines, random.Random(rng.random()))
    text = "\n".join(_values_under_labels(lines, random.Random(rng.random()))) + "\n"
    one_per_line = random.Random(rng.random())  # drawn last: the other documents print as before
    return pipe_cells.cell_lines(sheet, one_per_line) if one_per_line.random() < 1 / 3 else text


def _values_under_labels(lines: list[str], rng: random.Random) -> list[str]:
    """In a third of the documents, half the ``| 项目名称 | X |`` rows (a label and one text value)
    print the label on a line of its own and the value on the next without a leading pipe, the
    row closed by its empty cells (``项目名称 |`` then ``X | ||||``, samples 35 and 43: a web page's
    header rows whose cells wrapped); drawn on a stream of its own after every other choice."""
    if rng.random() >= 1 / 3:
        return lines
    out: list[str] = []
    for line in lines:
        cells = [t.strip() for t in line.strip().strip("|").split("|")] if line.startswith("| ") else []
        filled = [t for t in cells if t]
        if (len(filled) == 2 and cells[0] == filled[0] and number_of(filled[0]) is None
                and number_of(filled[1]) is None
                and len(filled[0]) <= 10 and "\n" not in line and rng.random() < 0.5):
            out += [f"{filled[0]} |", f"{filled[1]} | " + "|" * 4]
        else:
            out.append(line)
    return out


def _closing_pipes(lines: list[str], rng: random.Random) -> list[str]:
    """In a third of the documents, 30 % of the rows that end with an empty cell print that
    cell's closing ``|`` on a line of its own (``… | 项目编号: |`` then ``|``, sample 61: a web
    page's empty last cell wrapped under its row); drawn on a stream of its own after every
    other choice, so those stay as they were."""
    if rng.random() >= 1 / 3:
        return lines
    out: list[str] = []
    for line in lines:
        if line.endswith(" |  |") and rng.random() < 0.3:
            out += [line[: -len("  |")], "|"]
        else:
            out.append(line)
    return out
