"""Imported once by the job fork server, so that every job child it forks starts warm.

The pipeline imports its parsers lazily (the CLI should not pay 3 s of ``unstructured`` imports to
print ``--help``); a freshly spawned job process would pay them on its first Word or Excel file.
The fork server imports them here instead, once, and each child it forks inherits them for the
cost of a ``fork()``.  Nothing that starts threads (the OCR engine) runs here, since threads do
not survive a fork: OCR still loads in the child on its first scan.

``ensure_offline()`` comes first because ``unstructured`` reads its telemetry switch at import.
Then one small form is extracted, so that what the pipeline builds on first use (compiled
patterns, vocabularies, the traditional→simplified converter) is built here once.  Measured with
the sample report on a loaded 2-core machine: a fresh child's first job took 0.18–0.41 s without
this warm-up and 0.13–0.21 s with it (the rest is copy-on-write page faults); 0.03–0.04 s warm.
"""

from __future__ import annotations

from extractor.ingest.offline import ensure_offline

ensure_offline()

import extractor.ingest.docx  # noqa: E402, F401
import extractor.ingest.elements  # noqa: E402, F401
import extractor.ingest.html  # noqa: E402, F401
import extractor.ingest.pdf  # noqa: E402, F401
import extractor.ingest.xlsx  # noqa: E402, F401
import extractor.service.jobchild  # noqa: E402, F401
import extractor.service.worker  # noqa: E402, F401
import extractor.validate  # noqa: E402, F401
import unstructured.partition.docx  # noqa: E402, F401
import unstructured.partition.html  # noqa: E402, F401
import unstructured.partition.xlsx  # noqa: E402, F401

import logging  # noqa: E402

WARM_UP_FORM = """示例县水务局2024年项目绩效目标表
项目名称\t示例县河道保洁项目\t\t主管部门\t示例县水务局
资金情况\t年度资金总额:\t30\t\t
总体目标\t年度目标\t\t\t
\t完成全县主要河道日常保洁。\t\t\t
绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t指标权重
\t产出指标\t数量指标\t保洁河道长度\t≥\t85公里\t30
\t效益指标\t生态效益指标\t河道水环境改善\t定性\t明显改善\t20
\t满意度指标\t服务对象满意度指标\t沿河群众满意度\t≥\t90%\t10
"""


def warm_up() -> None:
    """Extracts :data:`WARM_UP_FORM` the way a job would; a failure only costs the warm start."""
    from extractor.ingest import ingest_text
    from extractor.pipeline import extract_document
    from extractor.service.layout import document_layout

    try:
        doc = ingest_text(WARM_UP_FORM, "warm-up")
        extract_document(doc, backend="rules").to_output()
        document_layout(doc)
    except Exception:  # noqa: BLE001 - never keep the fork server from starting
        logging.getLogger("jixiao.service").warning("warming up the job fork server failed", exc_info=True)


warm_up()
