"""A government site's footer printed after the last row of a form pasted from its page.

What a county or city portal prints at the bottom of every page (the lead's description of a
held-out web paste, examples invented): after the form's last cell and a space-only line, the
site's furniture in a few lines, as pipe-separated link cells or one per line: ``内容保障 |
公务邮箱``, ``X人民政府主办 | X人民政府办公室承办``, ``地址:…省…县…大街111号 | 网站监督电话:…``,
``邮编:…``, ``网站标识码:…``, ``鲁ICP备…号``, ``鲁公网安备 …号``, ``版权所有:…``,
``技术支持:…``, ``联系我们 | 网站地图``.  Nothing in it is a cell of the form: the gold keeps
no row of it.
"""

from __future__ import annotations

import random

# (province, its one-character abbreviation, its code prefix)
_PROVINCES = (("山东省", "鲁", "37"), ("河南省", "豫", "41"), ("湖南省", "湘", "43"),
              ("四川省", "川", "51"), ("江西省", "赣", "36"), ("河北省", "冀", "13"),
              ("贵州省", "黔", "52"), ("浙江省", "浙", "33"))  # fmt: skip
_STREETS = ("人民大街", "府前路", "建设路", "政务中心", "解放路")

# each group one footer line of link cells; a page prints some of them in its own order
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("内容保障", "公务邮箱"),
    ("{county}人民政府主办", "{county}人民政府办公室承办"),
    ("主办单位:{county}人民政府", "承办单位:{county}大数据中心"),
    ("地址:{province}{city}{county}{street}{number}号", "网站监督电话:0{area}-{phone}"),
    ("邮编:{post}", "联系电话:0{area}-{phone}"),
    ("网站标识码:{prefix}{site}",),
    ("{abbr}ICP备{icp}号",),
    ("{abbr}公网安备 {prefix}{beian}号",),
    ("版权所有:{county}人民政府", "技术支持:{city}信息技术有限公司"),
    ("版权所有 © {year} {county}财政局",),
    ("联系我们", "网站地图", "隐私声明"),
    ("主办:{county}财政局", "网站标识码 {prefix}{site}"),
)
_SEPARATORS = (" | ", "  |  ", "|", "    ", "  ")


def footer_lines(rng: random.Random, year: int | str = 2023) -> list[str]:
    """A site footer of 3–7 lines drawn per page: a province's words (ICP and 公网安备 numbers
    under its abbreviation, its code prefix), the groups in the site's order, each group's cells
    joined by ``|`` (with or without spaces) or spaces, or printed one cell per line."""
    province, abbr, prefix = rng.choice(_PROVINCES)
    fill = {"province": province, "abbr": abbr, "prefix": prefix, "year": str(year),
            "city": rng.choice(("某某市", "东平市", "临江市", "青山市")),
            "county": rng.choice(("某某县", "平安县", "丰乐县", "河西区", "东山县")),
            "street": rng.choice(_STREETS), "number": str(rng.randint(1, 399)),
            "area": str(rng.randint(100, 999)), "phone": str(rng.randint(1000000, 9999999)),
            "post": f"{prefix}{rng.randint(1000, 9999)}", "site": str(rng.randint(10000000, 99999999)),
            "icp": str(rng.randint(10000000, 99999999)), "beian": str(rng.randint(100000000000, 999999999999))}
    groups = rng.sample(_GROUPS, rng.randint(3, 7))
    one_per_line = rng.random() < 0.3
    separator = rng.choice(_SEPARATORS)
    lines: list[str] = []
    for group in groups:
        cells = [cell.format(**fill) for cell in group]
        if one_per_line:
            lines += cells
        else:
            lines.append(separator.join(cells))
    return lines


def add_footer(lines: list[str], rng: random.Random, year: int | str = 2023) -> list[str]:
    """``lines`` (a pasted page) with a site footer after its last line: a space-only or blank
    line first, then the footer's lines with blanks between them (or none)."""
    gap = rng.choice((0, 1, 1, 2))
    out = [*lines, rng.choice((" ", "", "\u00a0"))]
    for line in footer_lines(rng, year):
        out.append(line)
        out.extend([""] * gap)
    return out
