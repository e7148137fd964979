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
    r"(绩效自评(明细)?表|绩效自评打分表|绩效评价?评分表|评分表|打分表|绩效评价得分表|评价指标体系|"
    r"绩效目标(申报|自评|审批|审核|公开)?表|"
    r"项目自评表|整体绩效自评表|绩效评价指标表|绩效自评结果表|目标申报表|绩效目标表)"
)
# a file's name (``…评分表.docx``, a download or sharing site's line before the form) is no title
NOT_TITLE_RE = re.compile(r"(清单|目录|说明$|报告$|。|；|\.(?:docx?|pdf|xlsx?|wps|txt)$)", re.IGNORECASE)

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
# the 一级 headings of the project evaluation rubric (项目支出绩效评价指标体系); a score sheet printing
# two of them scores a project, not a department (部门决策 / 部门管理 / 投入 / 过程 / 效果)
PROJECT_RUBRIC_WORDS = ("项目决策", "项目过程", "项目管理", "项目产出", "项目效益", "项目绩效")
# the 一级 headings of the department rubric (部门整体支出绩效评价指标体系) that only a rubric prints
DEPT_RUBRIC_WORDS = ("部门决策", "部门管理", "部门绩效", "部门产出", "部门效果")
# indicators only a department's (unit's) overall form sets: its staff, 三公 and running costs,
# its key tasks and duties; a project's indicators measure the project's own output
DEPT_INDICATOR_RE = re.compile(r"三公经费|财政供养人员|在职人员控制率|公用经费控制率|重点工作完成|履职效能")
# a label's stated points as a rubric prints them, spaces squashed: 项目决策(20分), 20分)项目决策, (10).
# It starts only where a digit run starts (the same matches: a start inside a run matches only
# where the run's start does): from every digit of a long run it re-read the run, quadratic work
# (a 100 KB run of figures held classification for minutes)
STATED_POINTS_RE = re.compile(r"(?<!\d)\d+(?:\.\d+)?分?[)）]")
# words a self-evaluation prints because it reports what happened; a target form prints none
# of them (its 指标值 are promises), so they outweigh the target words below
SELF_EVAL_STRONG_WORDS = ("实际完成值", "全年实际值", "全年执行数", "执行率", "实际完成情况", "偏差原因")
# words of a target declaration beyond its 指标值: the goals it sets for the year or the period
TARGET_GOAL_WORDS = ("年度绩效目标", "中期目标", "实施期目标", "年度目标", "预期目标", "目标值", "绩效目标")

# the labels of a project form's header rows; a web page may print a row's label–value pairs run
# together on one line (地方主管部门某局资金使用单位某局), which only these words can cut apart
HEADER_LABEL_RE = re.compile(
    r"项目名称|专项名称|转移支付[（(]项目[)）]名称|(?:中央|地方|省级|项目)?主管部门|(?:项目)?实施单位|资金使用单位")
# a form row printed as one line, its label before its text: a department declaration's duties and
# goal rows (``部门职能概述 (一)负责…``, ``整体绩效目标 …``) stay in the form however long they run
FORM_ROW_LINE_RE = re.compile(
    r"^(部门(主要)?职能(概述)?|主要职能|职能概述|整体(绩效)?目标|(年度|总体)绩效目标)\s*[:：]?\s"
)
