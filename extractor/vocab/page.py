"""What a government web page prints around a form copied from it (breadcrumbs, publication
metadata, toolbar and footer links): never a cell of the form, so a table read from such a paste
ends where they begin."""

from __future__ import annotations

import re

PAGE_FURNITURE = re.compile(
    r"^(首页\s*>|当前位置|您所在的?位置|索引号|发布机构|成文日期|发布日期|发布时间|来源[:：]|浏览次数|"
    r"上一篇|下一篇|【?打印本页|【?关闭窗口|【字体|分享到|主办单位|网站标识码|内容保障|logo$|"
    # a site footer's lines (a portal prints them under every page): links, owners, licences
    r"公务邮箱|联系我们|网站地图|隐私声明|版权所有|技术支持[:：]|承办单位[:：]|主办[:：]|网站监督电话|"
    r"邮编[:：]|邮政编码[:：]|地址[:：].{2,40}[路街道号]|[\u4e00-\u9fff]{0,2}ICP备|[\u4e00-\u9fff]{0,2}公网安备|"
    r"Copyright|©|[^\s|:：]{2,20}人民政府主办|[^\s|:：]{2,20}人民政府(?:办公室)?[主承]办$)")


def is_page_furniture(text: str) -> bool:
    """``text`` (squashed or not) is a web page's navigation or footer line."""
    return bool(PAGE_FURNITURE.match(text.strip()))


# a download site's lines before the file it offers: facts about the file and a 友情提示 heading,
# then its tips (numbered ``1、`` ``2、`` like a sharing site's pages)
_SITE_FACT = re.compile(r"^(资源ID|资源大小|资源格式|下载积分|友情提示|温馨提示)\s*[:：]?")
_SITE_TIP = re.compile(r"本站|下载后|浏览器|迅雷|无水印|下载即可|视为没有答案")
_TIP_LEN = 120


def is_site_fact(text: str) -> bool:
    """``text`` is a download site's line about the file (``资源ID:123456``, ``友情提示``)."""
    return bool(_SITE_FACT.match(text.strip()))


def is_site_tip(text: str) -> bool:
    """``text`` reads as one of a download site's tips (``2、本站不支持迅雷下载…``); only a line
    among the site's facts is taken for one."""
    t = text.strip()
    return len(t) <= _TIP_LEN and bool(_SITE_TIP.search(t))
