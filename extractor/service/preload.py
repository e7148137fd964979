"""Imported once by the job fork server, so that every job child it forks starts warm.

The pipeline imports its parsers lazily (the CLI should not pay 3 s of ``unstructured`` imports to
print ``--help``); a freshly spawned job process would pay them on its first Word or Excel file.
The fork server imports them here instead, once, and each child it forks inherits them for the
cost of a ``fork()``.  Only imports: anything that starts threads (the OCR engine) must not run in
a process that forks, so OCR still loads in the child on its first scan.

``ensure_offline()`` comes first because ``unstructured`` reads its telemetry switch at import.
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
