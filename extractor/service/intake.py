"""Reading a submission: a multipart upload or pasted text, bounded in size, typed by its bytes.

Everything an upload can be refused for is decided here, before anything is stored: a missing
file, an empty one, one over the limit, a type the pipeline cannot read (sniffed from the
bytes, not the name).  The name the browser sent is cleaned into a display label and never
touches the file system.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from extractor.errors import InputError
from extractor.ingest import MEDIA_TYPES
from extractor.ingest.limits import DEFAULT_LIMITS, Limits
from extractor.ingest.precheck import check_bytes
from extractor.ingest.sniff import detect
from extractor.service.pdfcheck import check_pdf_structure
from extractor.service.problems import ProblemError, problem_response, upload_problem

CHUNK = 1 << 20
PASTED_LABEL = "pasted text"
# Multipart framing and JSON escaping (a \uXXXX is 6 bytes for a 3-byte character) make the
# request larger than the document; the document itself is held to the exact limit below.
_ENVELOPE_FACTOR = 2
_ENVELOPE_SLACK = 1 << 20
SUBMIT_PATH = "/api/reports"
# Every request but a submission carries a small JSON body: corrections are at most 200 items,
# which an operator types one cell at a time.  2 MB holds hundreds of long corrections.
JSON_BODY_LIMIT = 2_000_000


@dataclass(frozen=True, slots=True)
class Submission:
    data: bytes
    input_kind: str  # "file" or "text"
    filename: str  # display label
    media_type: str


def display_name(raw: str | None, default: str = "upload") -> str:
    """A label for a browser-sent file name: last path component, no control characters, ≤ 200 chars.

    Every category-C character goes: controls (an ESC sequence that recolours or rewrites the
    operator's terminal when a log line is printed loses its ESC), format characters (U+202E
    that shows ``exe.txt`` reversed) and unassigned ones.  The label is what the store, the
    worker's log lines and the page see; the raw name is not kept anywhere.
    """
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip().lstrip(".")
    return name[:200] or default


def body_limit(max_bytes: int) -> int:
    return max_bytes * _ENVELOPE_FACTOR + _ENVELOPE_SLACK


def _too_large(size: int | None, limit: int) -> ProblemError:
    shown = f"{size / 1e6:.1f} MB, " if size is not None else ""
    return ProblemError(
        413,
        "too-large",
        f"the document is {shown}over the {limit / 1e6:g} MB limit",
        hint="split the report, or ask the administrator to raise JIXIAO_MAX_BYTES",
    )


class BodyLimit:
    """ASGI middleware: refuses oversized request bodies before and while they are read.

    A submission (``POST /api/reports``) may carry a document up to the upload limit; every
    other request carries a small JSON body (corrections) and is held to ``JSON_BODY_LIMIT``, so
    a 78 MB corrections body is refused by its ``Content-Length`` without a byte being read, and
    a chunked one is cut off at the limit instead of being buffered and parsed.  Once a body
    crosses its limit the 413 is sent from here and the application sees the client disconnect
    (whatever it answers after that is dropped), so no route can turn it into a 400 or a 500.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_limit = body_limit(max_bytes)

    def limits(self, scope: Scope) -> tuple[int, ProblemError]:
        """The body limit of this request and the problem its breach answers with."""
        if scope["method"] == "POST" and scope["path"].rstrip("/") == SUBMIT_PATH:
            return self.upload_limit, _too_large(None, self.max_bytes)
        return JSON_BODY_LIMIT, ProblemError(
            413,
            "too-large",
            f"the request body is over the {JSON_BODY_LIMIT / 1e6:g} MB limit for JSON requests",
            hint="send fewer corrections per request (at most 200, each value under 10,000 characters)",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, problem = self.limits(scope)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _answer(problem, scope, receive, send)
            return
        seen = 0
        cut = False  # the body crossed its limit: the app reads a disconnect from then on
        answered = False  # ... and the 413 went out from here, so the app's answer is dropped
        started = False

        async def counted() -> Message:
            nonlocal seen, cut, answered
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    cut = True
                    if not started:
                        answered = True
                        await _answer(problem, scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if answered:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counted, guarded_send)


async def _answer(problem: ProblemError, scope: Scope, receive: Receive, send: Send) -> None:
    response = problem_response(
        problem.status,
        problem.code,
        problem.detail,
        hint=problem.hint,
        instance=scope["path"],
        headers={"Connection": "close"},
    )
    await response(scope, receive, send)


async def read_submission(request: Request, max_bytes: int, limits: Limits = DEFAULT_LIMITS) -> Submission:
    """The document in a ``POST /api/reports`` request, or a ``ProblemError`` saying why not."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if content_type == "multipart/form-data":
            return await _multipart(request, max_bytes, limits)
        if content_type in ("application/json", ""):
            return _pasted(await _json_body(request), max_bytes)
    except ClientDisconnect:
        # the client went away, or BodyLimit cut the body off and has answered 413 already:
        # either way no one reads this answer, and it is no server error to log
        raise ProblemError(400, "incomplete", "the request body ended before it was complete") from None
    raise ProblemError(
        415,
        "unsupported-request",
        f"a submission is multipart/form-data (a file) or application/json (pasted text), not {content_type}",
        hint='send the file as the form field "file", or {"text": "..."} as JSON',
    )


async def _multipart(request: Request, max_bytes: int, limits: Limits) -> Submission:
    async with request.form(max_files=1, max_fields=8) as form:
        upload = form.get("file")
        if isinstance(upload, UploadFile):
            data = await _read_capped(upload, max_bytes)
            # off the event loop: the PDF check may parse a cross-reference table
            return await run_in_threadpool(sniffed, data, display_name(upload.filename), max_bytes, limits)
        text = form.get("text")
        if isinstance(text, str):
            return _pasted({"text": text, "title": form.get("title")}, max_bytes)
    raise ProblemError(
        400,
        "missing-file",
        'the form has no "file" field with a file in it',
        hint='send the document as the multipart field "file"',
    )


async def _read_capped(upload: UploadFile, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(None, max_bytes)
        parts.append(chunk)
    return b"".join(parts)


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except RecursionError:
        raise ProblemError(
            400,
            "invalid-json",
            "the JSON is nested too deeply to be a submission",
            hint='send {"text": "..."} with Content-Type: application/json',
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProblemError(
            400,
            "invalid-json",
            f"the body is not valid JSON ({exc})",
            hint='send {"text": "..."} with Content-Type: application/json',
        ) from None


def _pasted(body: Any, max_bytes: int) -> Submission:
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        raise ProblemError(
            400,
            "missing-text",
            'the JSON has no "text" string',
            hint='send {"text": "<the form copied from a web page or document>"}',
        )
    text: str = body["text"]
    if not text.strip():
        raise ProblemError(400, "empty", "the pasted text is empty", hint="paste the form's text and send again")
    data = text.encode("utf-8")
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    title = body.get("title") if isinstance(body.get("title"), str) else None
    return Submission(data, "text", display_name(title, PASTED_LABEL), MEDIA_TYPES["txt"])


def sniffed(data: bytes, filename: str, max_bytes: int, limits: Limits = DEFAULT_LIMITS) -> Submission:
    """An uploaded file's submission, typed from its bytes."""
    if not data.strip():
        raise ProblemError(400, "empty", "the file is empty", hint="check that the upload completed")
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    try:
        kind = detect(data, filename, limit=max_bytes)
        check_bytes(data, filename, kind, limits)  # a corrupt PDF, too many pages or pixels: refused now, not in a worker
        if kind == "pdf":
            check_pdf_structure(data, filename)
    except InputError as exc:
        raise upload_problem(exc) from None
    return Submission(data, "file", filename, MEDIA_TYPES[kind])

