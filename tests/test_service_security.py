"""Which requests the service admits: Host, Origin, CORS, token strength, body size and shape.

The tokenless loopback service must not be drivable by a web page (DNS rebinding reads, CSRF
writes), a token must be worth its name, and no request body can cost more than its limit or
end in a 500.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from fixtures import make_docs

from extractor.errors import ConfigError
from extractor.service import ServiceSettings, create_app, settings_from_env
from extractor.service.guard import HostOriginGuard, allowed_host_names
from extractor.service.intake import JSON_BODY_LIMIT, BodyLimit
from tests.conftest import EXAMPLES

SAMPLE = (EXAMPLES / "sample_report.txt").read_text(encoding="utf-8")
TOKEN = "k3y-0123456789abcdef"


def settings(tmp_path: Path, **overrides: Any) -> ServiceSettings:
    base = ServiceSettings(data_dir=tmp_path / "data", workers=0, max_bytes=200_000, poll_interval_s=0.05)
    return base.with_overrides(**overrides)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings(tmp_path)), base_url="http://127.0.0.1:8000") as c:
        yield c


def stored(client: TestClient) -> int:
    return int(client.get("/api/reports").json()["total"])


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    return body


# -- Host ----------------------------------------------------------------------------------


def test_a_foreign_host_reads_nothing(client: TestClient) -> None:
    report_id = client.post("/api/reports", json={"text": SAMPLE}).json()["id"]
    for path in ("/api/reports", f"/api/reports/{report_id}", "/api/health", "/"):
        body = problem(client.get(path, headers={"Host": "evil.example:8000"}), 400, "host-not-allowed")
        assert "evil.example" in body["detail"] and "JIXIAO_ALLOWED_HOSTS" in body["hint"]
    problem(client.post("/api/reports", json={"text": SAMPLE + "x"}, headers={"Host": "evil.example"}), 400,
            "host-not-allowed")
    problem(client.get("/api/reports", headers={"Host": ""}), 400, "host-not-allowed")
    assert stored(client) == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST.", "[::1]:8000"])
def test_loopback_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


def test_allowed_names_come_from_the_bound_host_and_the_setting(tmp_path: Path) -> None:
    assert allowed_host_names(settings(tmp_path)) == {"127.0.0.1", "localhost", "[::1]"}
    assert "127.0.0.2" in (allowed_host_names(settings(tmp_path, bind_host="127.0.0.2")) or ())
    assert "0.0.0.0" not in (allowed_host_names(settings(tmp_path, bind_host="0.0.0.0", token=TOKEN,
                                                         allowed_hosts=("a.example",))) or ())
    env = {"JIXIAO_ALLOWED_HOSTS": "Jixiao.Example.org., 10.0.0.5 ,::1"}
    configured = settings_from_env(env, data_dir=tmp_path)
    assert configured.allowed_hosts == ("jixiao.example.org", "10.0.0.5", "[::1]")
    assert settings_from_env(env, data_dir=tmp_path, allowed_hosts=["b.example"]).allowed_hosts == ("b.example",)
    with pytest.raises(ConfigError, match="not a host name"):
        settings(tmp_path, allowed_hosts=("jixiao.example.org:8000:1",))
    # a token without configured names: reachable by any name (a rebinding page has no token)
    assert allowed_host_names(settings(tmp_path, token=TOKEN)) is None
    assert allowed_host_names(settings(tmp_path, allowed_hosts=("*",))) is None


def test_a_configured_name_is_answered_and_others_are_not(tmp_path: Path) -> None:
    app = create_app(settings(tmp_path, token=TOKEN, allowed_hosts=("jixiao.example.org",)))
    with TestClient(app, base_url="http://jixiao.example.org") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"Host": "127.0.0.1"}).status_code == 200
        problem(c.get("/api/health", headers={"Host": "other.example"}), 400, "host-not-allowed")


def test_the_host_check_answers_before_the_body_is_read(tmp_path: Path) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the application was reached")

    async def receive() -> dict[str, Any]:
        raise AssertionError("the body was read")

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/reports", "headers": [
        (b"host", b"evil.example"), (b"content-type", b"multipart/form-data; boundary=x"),
        (b"content-length", b"78000000")]}
    asyncio.run(HostOriginGuard(app, settings(tmp_path))(scope, receive, send))
    assert sent[0]["status"] == 400


# -- Origin (CSRF) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:9999"},  # another port of the same machine is another origin
        {"Origin": "null"},  # a sandboxed frame or a data: page
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Referer": "http://evil.example/page.html"},
    ],
)
def test_a_cross_site_post_is_refused(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/reports", data={"text": SAMPLE}, files={"x": ("x", b"")}, headers=headers)
    body = problem(response, 403, "cross-site-request")
    assert "JIXIAO_CORS_ORIGINS" in body["hint"]
    problem(client.post("/api/reports/0123456789abcdef/retry", headers=headers), 403, "cross-site-request")
    assert stored(client) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},  # curl, scripts: nothing a web page could forge
        {"Origin": "http://127.0.0.1:8000"},
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},  # the page itself (referrer policy no-referrer)
        {"Sec-Fetch-Site": "none"},
        {"Referer": "http://127.0.0.1:8000/"},
    ],
)
def test_a_same_origin_or_non_browser_post_is_accepted(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/reports", data={"text": SAMPLE}, files={"x": ("x", b"")}, headers=headers)
    assert response.status_code == 202, response.text


def test_cors_is_closed_unless_configured(tmp_path: Path, client: TestClient) -> None:
    preflight = {"Origin": "http://app.example", "Access-Control-Request-Method": "POST"}
    closed = client.options("/api/reports", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers
    listed = client.get("/api/reports", headers={"Origin": "http://app.example"})
    assert "access-control-allow-origin" not in listed.headers

    app = create_app(settings(tmp_path / "cors", cors_origins=("http://app.example/",)))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        opened = c.options("/api/reports", headers=preflight)
        assert opened.status_code == 200 and opened.headers["access-control-allow-origin"] == "http://app.example"
        other = c.options("/api/reports", headers={**preflight, "Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        accepted = c.post("/api/reports", json={"text": SAMPLE}, headers={"Origin": "http://app.example"})
        assert accepted.status_code == 202 and accepted.headers["access-control-allow-origin"] == "http://app.example"
        problem(c.post("/api/reports", json={"text": SAMPLE}, headers={"Origin": "http://evil.example"}), 403,
                "cross-site-request")
    for bad in ("*", "app.example", "http://app.example/path"):
        with pytest.raises(ConfigError, match="JIXIAO_CORS_ORIGINS"):
            settings(tmp_path, cors_origins=(bad,))


# -- tokens --------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["t", "short-token", "aaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababab"])
def test_a_weak_token_is_refused_naming_the_setting(tmp_path: Path, token: str) -> None:
    with pytest.raises(ConfigError, match="JIXIAO_API_TOKEN") as info:
        settings(tmp_path, token=token)
    assert "\n" not in info.value.one_line() and "at least 16" in info.value.one_line()


def test_a_token_is_trimmed_and_then_presentable(tmp_path: Path) -> None:
    configured = settings_from_env({"JIXIAO_API_TOKEN": f"  {TOKEN}\n"}, data_dir=tmp_path)
    assert configured.token == TOKEN
    with TestClient(create_app(configured), base_url="http://127.0.0.1") as c:
        assert c.get("/api/reports", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert c.get("/api/reports").status_code == 401


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        ([], {"JIXIAO_API_TOKEN": "hunter2"}, ["JIXIAO_API_TOKEN", "too weak"]),
        (["--cors-origin", "*"], {}, ["JIXIAO_CORS_ORIGINS", "wildcard"]),
        ([], {"JIXIAO_CORS_ORIGINS": "app.example"}, ["JIXIAO_CORS_ORIGINS"]),
        (["--allowed-host", "a.example:80:1"], {}, ["not a host name", "JIXIAO_ALLOWED_HOSTS"]),
    ],
)
def test_serve_refuses_bad_settings_with_one_line(tmp_path: Path, args: list[str], env: dict[str, str],
                                                  words: list[str]) -> None:
    import typer
    from typer.testing import CliRunner

    from extractor.service.cli import serve_command

    app = typer.Typer()
    app.command()(serve_command)
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path), *args], env={"JIXIAO_API_TOKEN": "", **env})
    assert result.exit_code == 2, result.output
    assert all(w in result.output for w in words), result.output
    assert "Traceback" not in result.output and result.output.startswith("jixiao: ")


# -- bodies --------------------------------------------------------------------------------


def test_an_oversized_corrections_body_is_refused_unread(client: TestClient) -> None:
    url = "/api/reports/0123456789abcdef/forms/0/corrections"
    huge = b'{"corrections": [' + b'{"field": "x", "value": "1"},' * (JSON_BODY_LIMIT // 28) + b"]}"
    body = problem(client.post(url, content=huge, headers={"content-type": "application/json"}), 413, "too-large")
    assert "JSON" in body["detail"]
    assert client.get("/api/health").status_code == 200


def run_limit(
    headers: list[tuple[bytes, bytes]], chunks: list[bytes], path: str, max_bytes: int = 1_000
) -> tuple[list[Any], list[Any]]:
    """Drives BodyLimit with ``chunks`` as the request body; returns (messages sent, bodies the app read)."""
    read: list[Any] = []
    sent: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            read.append(message)
            if message["type"] == "http.disconnect" or not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b"app"})

    queue = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]

    async def receive() -> dict[str, Any]:
        return queue.pop(0)

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": path, "headers": headers}
    asyncio.run(BodyLimit(app, max_bytes=max_bytes)(scope, receive, send))
    return sent, read


def test_a_chunked_body_is_cut_off_at_the_limit() -> None:
    chunk = b"[" * 500_000
    sent, read = run_limit([], [chunk] * 200, "/api/reports/x/forms/0/corrections")  # 100 MB, undeclared
    assert sent[0]["status"] == 413 and len(sent) == 2  # the app's own answer was dropped
    assert read[-1]["type"] == "http.disconnect" and len(read) <= JSON_BODY_LIMIT // len(chunk) + 2
    declared, read = run_limit([(b"content-length", b"78000000")], [b"{}"], "/api/reports/x/forms/0/corrections")
    assert declared[0]["status"] == 413 and read == []
    body = [b"a" * 1_000_000] * 3  # over the JSON limit, under an upload's: the app reads it all
    upload, read = run_limit([], body, "/api/reports", max_bytes=5_000_000)
    assert upload[0]["status"] == 400 and len(read) == 3
    assert run_limit([], body, "/api/reports/x/retry", max_bytes=5_000_000)[0][0]["status"] == 413


@pytest.mark.parametrize("depth", [100_000, 2_000, 500])
def test_deeply_nested_json_is_a_clean_400(client: TestClient, depth: int) -> None:
    nested = b"[" * depth + b"]" * depth
    body = problem(client.post("/api/reports", content=nested, headers={"content-type": "application/json"}), 400,
                   "invalid-json" if depth > 1_000 else "missing-text")
    assert "nested" in body["detail"] or "text" in body["detail"]
    wrapped = b'{"corrections": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post("/api/reports/0123456789abcdef/forms/0/corrections", content=wrapped,
                           headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500, response.text


# -- uploads -------------------------------------------------------------------------------


def test_a_corrupt_pdf_is_refused_at_upload(client: TestClient) -> None:
    good = make_docs.make_pdf()
    for name, data in [("truncated.pdf", good[: len(good) // 2]), ("garbled.pdf", b"%PDF-1.4\n" + b"\x00\x17" * 2000),
                       ("no-xref.pdf", good.replace(b"xref", b"xxxx")), ("bare.pdf", b"%PDF-1.7\n%%EOF\n")]:
        body = problem(client.post("/api/reports", files={"file": (name, data)}), 422, "unreadable")
        assert "pdf file is corrupt" in body["detail"]
    assert stored(client) == 0
    assert client.post("/api/reports", files={"file": ("form.pdf", good)}).status_code == 202


def test_control_characters_of_a_file_name_are_not_kept(client: TestClient) -> None:
    name = "\x1b]0;pwned\x07\x1b[2J\x1b[31m自评表\u202etxt.exe\x9b\t.txt"
    # built by hand: an HTTP client would percent-encode the controls, a hostile one does not
    body = (
        b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name.encode() + b"\"\r\n"
        b"Content-Type: text/plain\r\n\r\n" + SAMPLE.encode() + b"\r\n--b--\r\n"
    )
    response = client.post("/api/reports", content=body, headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 202, response.text
    shown = client.get("/api/reports").json()["items"][0]["filename"]
    assert shown == "]0;pwned[2J[31m自评表txt.exe.txt"
    assert response.json()["filename"] == shown


def test_an_escape_sequence_in_a_path_is_not_logged_raw(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(settings(tmp_path))

    @app.get("/api/boom/{anything}")
    def boom(anything: str) -> None:
        raise RuntimeError("a bug")

    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c, caplog.at_level("ERROR"):
        problem(c.get("/api/boom/%1b]0;pwned%07%1b[2J"), 500, "server-error")
    logged = [r.getMessage() for r in caplog.records if "unhandled error" in r.getMessage()]
    assert logged and not any("\x1b" in line or "\x07" in line for line in logged)


def test_an_oversized_chunked_upload_is_a_413_and_no_server_error(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    def multipart() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        yield from (b"x" * 100_000 for _ in range(20))  # 2 MB, no Content-Length: past the envelope
        yield b"\r\n--b--\r\n"

    app = create_app(settings(tmp_path, max_bytes=1_000))
    with TestClient(app, base_url="http://127.0.0.1") as c, caplog.at_level("ERROR"):
        for body, kind in ((multipart(), "multipart/form-data; boundary=b"),
                           ((b"x" * 100_000 for _ in range(20)), "application/json")):
            problem(c.post("/api/reports", content=body, headers={"content-type": kind}), 413, "too-large")
        assert stored(c) == 0
    assert not [r for r in caplog.records if "unhandled error" in r.getMessage()]
