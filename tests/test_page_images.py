"""GET /api/reports/{id}/pages/{n}.png: the page image the web page boxes OCR and PDF cells on."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from extractor.service.app import create_app
from extractor.service.settings import ServiceSettings
from tests.conftest import EXAMPLES
from tests.fixtures.make_docs import make_pdf

testclient = pytest.importorskip("fastapi.testclient")
SCAN = Path(__file__).parent / "fixtures" / "scans" / "national-1.scan.jpg"
LOCAL = "http://127.0.0.1"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[testclient.TestClient]:
    """Workers off: a page image needs only the stored upload, not the extraction."""
    settings = ServiceSettings(data_dir=tmp_path, workers=0, poll_interval_s=0.05)
    with testclient.TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


def _submit(client: testclient.TestClient, name: str, data: bytes) -> str:
    response = client.post("/api/reports", files={"file": (name, data)})
    assert response.status_code in (201, 202), response.text
    return str(response.json()["id"])


def test_a_scan_is_served_as_png_with_its_scale(client: testclient.TestClient) -> None:
    report_id = _submit(client, SCAN.name, SCAN.read_bytes())
    response = client.get(f"/api/reports/{report_id}/pages/1.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    original = Image.open(SCAN)
    scale = float(response.headers["X-Jixiao-Scale"])
    assert max(image.size) <= 1800
    assert abs(image.width - original.width * scale) <= 1 and abs(image.height - original.height * scale) <= 1


def test_a_pdf_page_is_rendered_in_points_times_scale(client: testclient.TestClient) -> None:
    report_id = _submit(client, "two.pdf", make_pdf(pages=2))
    response = client.get(f"/api/reports/{report_id}/pages/2.png")
    assert response.status_code == 200
    image = Image.open(io.BytesIO(response.content))
    scale = float(response.headers["X-Jixiao-Scale"])
    assert 0 < scale <= 2 and image.width > 100
    missing = client.get(f"/api/reports/{report_id}/pages/3.png")
    assert missing.status_code == 404 and missing.json()["code"] == "no-such-page"


def test_text_has_no_page_image_and_unknown_reports_are_404(client: testclient.TestClient) -> None:
    report_id = _submit(client, "r.txt", (EXAMPLES / "sample_report.txt").read_bytes())
    response = client.get(f"/api/reports/{report_id}/pages/1.png")
    assert response.status_code == 404 and response.json()["code"] == "no-page-image"
    assert "no page images" in response.json()["detail"]
    assert client.get("/api/reports/0123456789abcdef/pages/1.png").status_code == 404
    assert client.get(f"/api/reports/{report_id}/pages/0.png").status_code == 422


def test_a_damaged_picture_is_refused_clearly(client: testclient.TestClient) -> None:
    broken = SCAN.read_bytes()[:2000]  # a JPEG cut short: its header reads, its pixels do not
    report_id = _submit(client, "cut.jpg", broken)
    response = client.get(f"/api/reports/{report_id}/pages/1.png")
    assert response.status_code == 422 and response.json()["code"] == "no-page-image"
    assert "cannot be drawn" in response.json()["detail"]
