"""Makes ``unstructured`` safe to run with no network: no telemetry, no banner, no model download.

Measured on unstructured 0.27.30: importing the package pings a telemetry host unless
``DO_NOT_TRACK`` is set, the first partition prints a sales banner unless
``UNSTRUCTURED_DISABLE_NOTICE=1``, and element classification (``is_possible_narrative_text``)
runs spaCy through ``unstructured.nlp.tokenize._get_nlp``, which downloads and pip-installs
``en_core_web_sm`` from GitHub when it is missing — offline that fails and the partition dies.

The service must never fetch anything at run time, so every ingest module calls
:func:`ensure_offline` before its first ``unstructured`` import.  It sets the opt-out switches
(they are read at import and call time, so they must be in the environment first) and swaps the
model loader for a blank spaCy pipeline with a rule-based sentencizer.  That pipeline has no
part-of-speech tagger, so unstructured labels prose ``Text``/``Title`` rather than
``NarrativeText``; we do not use those labels (every non-table element becomes a ``Paragraph``),
so nothing of ours depends on the model.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

# Environment switches honoured by unstructured and the Hugging Face stack it can pull in.
OFFLINE_ENV: dict[str, str] = {
    "DO_NOT_TRACK": "1",  # unstructured telemetry (import ping and per-partition events)
    "SCARF_NO_ANALYTICS": "1",  # the same opt-out under its other name
    "UNSTRUCTURED_DISABLE_NOTICE": "1",  # the usage banner
    "HF_HUB_OFFLINE": "1",  # huggingface_hub: never reach the hub
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}

_lock = threading.Lock()
_installed = threading.Event()  # set once the switches are on and the hook is replaced


def ensure_offline() -> None:
    """Set the offline switches and neutralise the spaCy download hook; safe to call repeatedly.

    Must run before ``unstructured`` is first imported anywhere in the process, otherwise the
    import-time telemetry ping may already have been attempted (we log that, it is a bug).
    """
    if _installed.is_set():
        return
    with _lock:
        if _installed.is_set():  # another thread finished while this one waited for the lock
            return
        already_imported = "unstructured" in sys.modules
        os.environ.update(OFFLINE_ENV)
        if already_imported:
            logger.warning(
                "unstructured was imported before ensure_offline(); its import-time telemetry "
                "switch may have been read too early"
            )
        _patch_tokenizer()
        _installed.set()


@lru_cache(maxsize=1)
def blank_pipeline() -> Any:
    """A spaCy pipeline that needs no downloaded model: tokenizer plus rule sentencizer."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _refuse_model_install() -> None:
    # A JixiaoError passes the parsers' "anything else means a corrupt file" boundary unchanged.
    from extractor.errors import ConfigError

    raise ConfigError(
        "unstructured tried to download a spaCy model, but jixiao runs offline",
        hint="a newer unstructured moved its model loader; update extractor/ingest/offline.py",
    )


def _patch_tokenizer() -> None:
    """Point unstructured's module-global model loader at the blank pipeline.

    ``_run_pipeline`` looks ``_get_nlp`` up as a module global at call time, so replacing the
    attribute is enough; the installer is replaced too so that a future code path that reaches
    it fails loudly instead of going to the network.
    """
    from unstructured.nlp import tokenize

    tokenize._get_nlp = blank_pipeline
    tokenize._install_spacy_model = _refuse_model_install
    for name in ("_process_cached", "word_tokenize", "pos_tag", "_tokenize_for_cache"):
        cached = getattr(tokenize, name, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()


def is_offline() -> bool:
    """True once :func:`ensure_offline` has run in this process (used by tests)."""
    return _installed.is_set()
