"""Form types and the words that tell them apart: titles, body words, header words per type.

``FORM_TYPES`` is ``schemas.common.FormType``'s closed set; segmentation finds a form by its title
(``TITLE_RE``) or, when the title was cut off, by words only a form's body prints; classification
types an untitled form by the header words of each type.
"""

from __future__ import annotations

import re
from typing import get_args

from schemas.common import FormType

FORM_TYPES: tuple[FormType, ...] = get_args(FormType)

# A line is a form title when it names one of the form families and is short enough to be a title.
TITLE_RE = re.compile(
    r"(绩效自评(明细)?表|绩效自评打分表|绩效评价?评分表|评分表|打分表|绩效目标(申报|自评)?表|"
    r"项目自评表|整体绩效自评表|绩效评价指标表|绩效自评结果表|目标申报表|绩效目标表)"
)
NOT_TITLE_RE = re.compile(r"(清单|目录|说明$|报告$|。|；)")

# Words that only appear in the body of a form; used to find forms whose title was cut off.
FORM_BODY_WORDS = (
    "一级指标", "二级指标", "三级指标", "年初预算数", "全年预算数", "全年执行数", "年度指标值",
    "实际完成值", "年度资金总额", "指标值", "预算执行率", "计分标准", "绩效指标", "评分标准", "指标分值",
    "自评得分", "产出指标", "效益指标", "数量指标",
)

# header words that only one family of forms prints
SELF_EVAL_WORDS = ("实际完成值", "全年实际值", "完成值", "得分", "全年执行数", "执行率", "实际完成情况")
TARGET_WORDS = ("指标值", "权重", "指标性质", "绩效指标值", "年度目标")
SCORE_SHEET_WORDS = ("计分标准", "评分标准", "自评打分", "指标解释", "评价要点", "扣分原因", "指标分值")
