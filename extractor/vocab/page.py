"""What a government web page prints around a form copied from it (breadcrumbs, publication
metadata, toolbar and footer links): never a cell of the form, so a table read from such a paste
ends where they begin."""

from __future__ import annotations

import re

PAGE_FURNITURE = re.compile(
    r"^(首页\s*>|当前位置|您所在的?位置|索引号|发布机构|成文日期|发布日期|发布时间|来源[:：]|浏览次数|"
    r"上一篇|下一篇|打印本页|关闭窗口|【字体|分享到|主办单位|网站标识码|内容保障|logo$)")


def is_page_furniture(text: str) -> bool:
    """``text`` (squashed or not) is a web page's navigation or footer line."""
    return bool(PAGE_FURNITURE.match(text.strip()))
