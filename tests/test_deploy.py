"""Every deploy config sends the one policy: deploy/content-security-policy.txt and
deploy/headers.txt (issue 25, item 3), checked in the files and under a real nginx."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
POLICY = (DEPLOY / "content-security-policy.txt").read_text(encoding="utf-8").strip()
HEADERS = dict(
    line.split(": ", 1)
    for line in (DEPLOY / "headers.txt").read_text(encoding="utf-8").splitlines()
    if line.strip()
)
EXPECTED = {"Content-Security-Policy": POLICY, **HEADERS}
LONG = "public, max-age=31536000, immutable"
HASHED = "assets/stylesheets/main.0123abcd.min.css"


def test_headers_file_has_the_policy_headers() -> None:
    assert set(HEADERS) == {
        "Referrer-Policy",
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Cache-Control",
    }
    assert HEADERS["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in HEADERS["Strict-Transport-Security"]


def test_nginx_conf_sends_every_header_and_no_version() -> None:
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for name, value in EXPECTED.items():
        assert f'add_header {name} "{value}" always;' in text, name
    assert "server_tokens off;" in text
    assert f'add_header Cache-Control "{LONG}" always;' in text


def test_apache_sends_every_header_without_an_optional_module_guard() -> None:
    text = (DEPLOY / "apache.htaccess").read_text(encoding="utf-8")
    for name, value in EXPECTED.items():
        assert f'Header always set {name} "{value}"' in text, name
    assert "<IfModule mod_headers.c>" not in text
    assert f'Header always set Cache-Control "{LONG}"' in text
    assert "a2enmod headers" in (DEPLOY / "README.md").read_text(encoding="utf-8")


def test_netlify_headers_and_readme() -> None:
    lines = [line.strip() for line in (DEPLOY / "_headers").read_text().splitlines()]
    readme = [line.strip() for line in (DEPLOY / "README.md").read_text().splitlines()]
    for name, value in EXPECTED.items():
        if name != "Cache-Control":  # the hosts' own cache policy (they merge, not replace)
            assert f"{name}: {value}" in lines, name
        assert f"{name}: {value}" in readme, name


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _site(root: Path) -> Path:
    site = root / "site"
    for name, body in {
        "index.html": "<p>111</p>",
        "404.html": "<p>404</p>",
        "en/404.html": "<p>en 404</p>",
        HASHED: "body{}",
        "assets/site.css": "body{}",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(body)
    return site


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None
    )
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx); files checked above only")
    root = tmp_path_factory.mktemp("nginx")
    site = _site(root)
    port = _free_port()
    server = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("    listen 443 ssl;\n", f"    listen 127.0.0.1:{port};\n")
    server = server.replace("    listen [::]:443 ssl;\n", "")
    server = server.replace("root /srv/hotline-111/site;", f"root {site};")
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").is_file() else ""
    (root / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # the test's folders are 0700
        + f"pid {root}/nginx.pid;\nerror_log {root}/error.log;\nevents {{}}\n"
        f"http {{\n{mime}\naccess_log off;\nclient_body_temp_path {root};\n"
        f"proxy_temp_path {root};\nfastcgi_temp_path {root};\nuwsgi_temp_path {root};\n"
        f"scgi_temp_path {root};\n{server}\n}}\n"
    )
    process = subprocess.Popen(
        [binary, "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                if process.poll() is not None:
                    assert process.stderr is not None
                    pytest.fail(f"nginx did not start: {process.stderr.read()!r}")
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


def _get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize(
    ("path", "status", "cache"),
    [
        ("/", 200, HEADERS["Cache-Control"]),
        ("/assets/site.css", 200, HEADERS["Cache-Control"]),
        (f"/{HASHED}", 200, LONG),
        ("/no/such/page/", 404, HEADERS["Cache-Control"]),
        ("/en/no/such/", 404, HEADERS["Cache-Control"]),
    ],
)
def test_real_nginx_sends_the_policy(nginx: int, path: str, status: int, cache: str) -> None:
    response = _get(nginx, path)
    assert response.status == status
    for name, value in {**EXPECTED, "Cache-Control": cache}.items():
        assert response.getheader(name) == value, (path, name)
    assert response.getheader("Server") == "nginx"  # no version
