"""The OCR engine behind one small interface, and its RapidOCR implementation.

Everything downstream (cells, confusions, grids) sees only :class:`TextBox` lists, so the engine
can be swapped (another RapidOCR model, a service) without touching table reconstruction.

Why these RapidOCR settings (measured on the synthetic scans in ``tests/fixtures/scans``):
- the models are the ones inside the ``rapidocr`` wheel, passed by path: RapidOCR downloads a
  model whenever ``model_path`` is unset, and the service must never fetch anything at run time;
- the text-direction classifier is off (``Global.use_cls: False``): it turned cells of a rotated
  scan upside down (``≥95%`` → ``%56<``), and deskew already makes every line upright;
- detection runs on the page scaled to at most :data:`DET_MAX_SIDE` pixels (recognition still
  reads crops of the full-resolution page): detection time drops ~3× with no loss of boxes;
- recognition pads each batch only to ``REC_MIN_WIDTH`` (RapidOCR's default pads every crop to
  320 px): most cells hold a short number or label, so this halves recognition time (4.7 → 2.5 s
  CPU for a dense A4 page) with identical text.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from extractor.errors import ConfigError

logger = logging.getLogger(__name__)

DET_MAX_SIDE = 1280  # detection input size; 1024 lost small boxes, 1536+ only cost time
REC_MIN_WIDTH = 96  # recognition batch width floor, px at the model's 48 px height
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class TextBox:
    """One detected text line: its text, axis-aligned box (x0, y0, x1, y1) and mean confidence."""

    text: str
    bbox: BBox
    confidence: float

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


class OcrEngine(Protocol):
    """What the OCR ingest needs from an engine: the text lines of one upright page image."""

    name: str

    def read(self, image: np.ndarray) -> list[TextBox]:
        """Text boxes of a BGR ``uint8`` page image, in the image's pixel coordinates."""
        ...

    def recognize(self, crop: np.ndarray) -> tuple[str, float]:
        """Text and confidence of a crop holding one line (no detection): second reads of cells."""
        ...


class RapidOcrEngine:
    """PP-OCR (detection + recognition) through ``rapidocr`` 3.x and onnxruntime, fully offline."""

    name = "rapidocr"

    def __init__(self, *, threads: int = 0, det_max_side: int = DET_MAX_SIDE) -> None:
        try:
            import rapidocr
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise ConfigError(
                "the OCR engine is not installed",
                hint="pip install rapidocr onnxruntime opencv-python-headless",
            ) from exc
        models = Path(rapidocr.__file__).parent / "models"
        det, rec = models / DET_MODEL, models / REC_MODEL
        for path in (det, rec):
            if not path.is_file():
                raise ConfigError(
                    f"the OCR model {path.name} is missing from the rapidocr wheel ({models})",
                    hint="reinstall the pinned rapidocr version; models are never downloaded at run time",
                )
        params: dict[str, Any] = {
            "Global.use_cls": False,
            "Global.log_level": "error",
            "Det.model_path": str(det),
            "Rec.model_path": str(rec),
            "Det.limit_type": "max",
            "Det.limit_side_len": det_max_side,
            "Rec.rec_img_shape": [3, 48, REC_MIN_WIDTH],
        }
        if threads > 0:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
        self._ocr = RapidOCR(params=params)
        self._lock = threading.Lock()  # onnxruntime sessions are shared; keep one page at a time
        self._calm_sessions(det, rec, threads)

    def _calm_sessions(self, det: Path, rec: Path, threads: int) -> None:
        """Rebuild the ONNX sessions with thread spinning off.

        onnxruntime's worker threads spin while they wait; on a machine whose cores are busy
        with other work (a service OCRing several uploads, CI running tests beside it) that
        made a page take 3.8 s instead of 2.5 s.  RapidOCR exposes no session options, so its
        sessions are replaced (pinned rapidocr: the attributes are checked, and if they moved
        the defaults are kept).
        """
        import onnxruntime as ort

        try:
            det_session = self._ocr._load_det_model().session
            rec_session = self._ocr._load_rec_model().session
        except AttributeError:  # pragma: no cover - another rapidocr layout
            logger.warning("rapidocr internals changed: ONNX sessions keep their default threading")
            return
        for holder, path in ((det_session, det), (rec_session, rec)):
            opts = ort.SessionOptions()
            opts.log_severity_level = 4
            opts.enable_cpu_mem_arena = False  # as RapidOCR sets it: the arena kept ~260 MB more at peak
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            if threads > 0:
                opts.intra_op_num_threads = threads
                opts.inter_op_num_threads = 1
            holder.session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])

    def read(self, image: np.ndarray) -> list[TextBox]:
        with self._lock:
            # RapidOCR keeps call flags as state: every call states all of them.  Its return type
            # is a union over the steps run; with det+rec it is the full-pipeline output.
            result: Any = self._ocr(image, use_det=True, use_cls=False, use_rec=True, return_word_box=False)
        if result.boxes is None or result.txts is None:
            return []
        return [
            TextBox(str(text), _quad_bbox(np.asarray(quad, dtype=np.float32)), float(score))
            for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True)
        ]

    def recognize(self, crop: np.ndarray) -> tuple[str, float]:
        with self._lock:
            result: Any = self._ocr(crop, use_det=False, use_cls=False, use_rec=True, return_word_box=False)
        if not result.txts:
            return "", 0.0
        return str(result.txts[0]), float(result.scores[0])


def _quad_bbox(quad: np.ndarray) -> BBox:
    return (float(quad[:, 0].min()), float(quad[:, 1].min()), float(quad[:, 0].max()), float(quad[:, 1].max()))


_default: OcrEngine | None = None
_default_lock = threading.Lock()


def default_engine() -> OcrEngine:
    """The process-wide engine; loading the ONNX sessions costs ~0.3 s, so it is done once."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = RapidOcrEngine()
    return _default
