"""Misbehaving jobs for the sandbox tests, handed to ``WorkerPool(job=...)``.

They run in the job child, which imports them by name, so they live in a module of their own.
The uploaded bytes say what to do: ``sleep S``, ``alloc-burst MB`` (one allocation),
``alloc-creep MB`` (64 MB at a time, each touched, as a parser building a huge tree would),
``reserve MB`` (address space only, never touched),
``kill-after S`` (the child SIGKILLs itself), ``fail`` (an expected ``InputError``);
anything else is returned as a tiny result.
"""

from __future__ import annotations

import mmap
import os
import signal
import time
from typing import Any

from extractor.errors import InputError
from extractor.service.settings import ServiceSettings
from extractor.service.store import Report

_CHUNK = 64 * 2**20


def misbehave(report: Report, data: bytes, settings: ServiceSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    verb, _, arg = data.decode().partition(" ")
    if verb == "sleep":
        time.sleep(float(arg))
    elif verb == "alloc-burst":
        held = b"\x01" * (int(arg) * 2**20)
        return {"held": len(held)}, {}
    elif verb == "reserve":  # address space without resident memory: mapped, never touched
        with mmap.mmap(-1, int(arg) * 2**20) as held:
            return {"held": len(held)}, {}
    elif verb == "alloc-creep":
        chunks = []
        for _ in range(int(arg) * 2**20 // _CHUNK):
            chunks.append(b"\x01" * _CHUNK)
            time.sleep(0.01)
        return {"held": len(chunks)}, {}
    elif verb == "kill-after":
        time.sleep(float(arg))
        os.kill(os.getpid(), signal.SIGKILL)
    elif verb == "fail":
        raise InputError("the test asked for an input error", source=report.filename, hint="nothing to fix")
    return {"job": data.decode(), "pid": os.getpid()}, {}
