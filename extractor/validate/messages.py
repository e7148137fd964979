"""One-line bilingual finding messages: what was printed, what was derived, by which rule.

Rule modules say *what* disagrees (a subject, the printed and derived figures, an optional
detail such as the cause); this module turns that into the two sentences a reviewer reads, so
that every message has the same shape whatever rule raised it.
"""

from __future__ import annotations

from extractor.validate.catalogue import spec
from schemas.common import Finding, SourceRef

# Chinese column names for the field part of a path (funds[total].rate → 执行率).
FIELD_ZH = {
    "initial_budget": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
    "stated_weight": "标注分值",
    "deviation_reason": "偏差原因",
    "target": "年度指标值",
    "actual": "实际完成值",
}


def subject(path: str, label: str | None) -> tuple[str, str]:
    """``(en, zh)`` naming the printed figure: the field path plus the row's printed label."""
    field = path.rsplit(".", 1)[-1]
    label = (label or "").strip()
    if path == "totals.score":
        return "total score (总分)", "总分得分"
    if path == "totals.weight":
        return "total weight (总分)", "总分分值"
    en = f"{path} ({label})" if label else path
    zh_field = FIELD_ZH.get(field, field)
    zh = f"{label}{zh_field}" if label else f"{path} {zh_field}"
    return en, zh


def build(
    code: str,
    *,
    path: str,
    label: str | None,
    printed: str | None,
    derived: str | None,
    fields: list[str],
    cells: list[SourceRef],
    profile: str,
    detail_en: str = "",
    detail_zh: str = "",
) -> Finding:
    """Assemble a ``Finding`` whose messages follow the one house template."""
    entry = spec(code)
    subj_en, subj_zh = subject(path, label)
    shown = printed if printed is not None else "—"
    parts_en = [f"{subj_en}: printed {shown}"]
    parts_zh = [f"{subj_zh}：表中为{shown}"]
    if derived is not None:
        parts_en.append(f"derived {derived}")
        parts_zh.append(f"推算为{derived}")
    rule_en = entry.rule_en + (f"; {detail_en}" if detail_en else "")
    rule_zh = entry.rule_zh + (f"；{detail_zh}" if detail_zh else "")
    return Finding(
        code=code,
        severity=entry.severity,
        message_en=", ".join(parts_en) + f" — rule: {rule_en}",
        message_zh="，".join(parts_zh) + f"（规则：{rule_zh}）",
        fields=fields,
        cells=_dedupe(cells),
        rule=entry.rule_en,
        profile=profile,
        printed=printed,
        derived=derived,
    )


def _dedupe(cells: list[SourceRef]) -> list[SourceRef]:
    seen: set[tuple[object, ...]] = set()
    out: list[SourceRef] = []
    for cell in cells:
        key = (cell.grid_id, cell.row, cell.col, cell.char_start, cell.char_end, cell.page)
        if key not in seen:
            seen.add(key)
            out.append(cell)
    return out
