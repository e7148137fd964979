"""Titles that name the unit or the project around their year, as some templates print them.

Real run-together forms title themselves ``重庆市梁平区林业局2023年度部门整体绩效自评表`` (sample
42: the unit before the year) or ``2020年度长江禁捕项目自评表`` (sample 20: the project between
the year and the form word).  ``lead_titles`` rewrites a sheet's titles that way; the gold title
follows the print (the year and every other field stay as they were).
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Sheet

# a title that opens with its year, or with a place and its year: 2023年度…, 青山区2023年…
_YEAR_LEAD = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?[县区市镇])?(20\d{2}年度?)(.+)$")


def _retitled(title: str, header: dict[str, Any], rng: random.Random) -> str | None:
    m = _YEAR_LEAD.match(title)
    if m is None:
        return None
    year, rest = m.groups()
    unit = header.get("unit_name") or header.get("department")
    project = header.get("project_name")
    if project and rest.startswith("项目") and rng.random() < 0.5:
        return f"{year}{project}{rest}"  # 2020年度长江禁捕项目自评表
    if isinstance(unit, str) and unit:
        return f"{unit}{year}{rest}"  # 重庆市梁平区林业局2023年度部门整体绩效自评表
    return None


def lead_titles(sheet: Sheet, rng: random.Random) -> None:
    """Each form's title that opens with its year gets the unit's name before it, or (a project
    form, half the time) the project's name after the year; prose lines and cells printing the
    title change with it, and so does the gold title."""
    for part in sheet.parts:
        if part.rows is None or part.form is None:
            continue
        header = sheet.forms[part.form].get("header") or {}
        title = header.get("title")
        if not isinstance(title, str):
            continue
        new = _retitled(title, header, rng)
        if new is None:
            continue
        before = sheet.parts[sheet.parts.index(part) - 1] if sheet.parts.index(part) > 0 else None
        printed = False
        if before is not None and before.rows is None and title in before.prose:
            before.prose = [new if line == title else line for line in before.prose]
            printed = True
        for row in part.rows:
            for c, text in enumerate(row):
                if text == title:
                    row[c] = new
                    printed = True
        if printed:
            header["title"] = new
