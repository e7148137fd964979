"""Paths and recording facts the LLM tests share (a module, not conftest, so imports are unambiguous)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CASSETTES = REPO / "cassettes"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = REPO / "examples" / "sample_report.txt"

# The server the cassettes were recorded against (scripts/record_llm.sh starts it there).
RECORDED_BASE_URL = "http://127.0.0.1:8766/v1"
RECORDED_MODEL = "qwen2.5-coder-1.5b-instruct"
RECORDED_MODE = "TOOLS"
