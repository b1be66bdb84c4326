"""`certwise serve`: loopback by default, prints the address, warns beyond loopback."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import urllib.request

import pytest

from certwise.web.security import is_loopback


def test_serve_help(cli):
    r = cli("serve", "--help")
    assert r.code == 0 and "--host" in r.out and "--port" in r.out and "127.0.0.1" in r.out
    assert "--workers" in r.out and "PostgreSQL" in r.out and "CERTWISE_DATABASE_URL" in r.out


@pytest.mark.parametrize("n", ["0", "-1", "65"])
def test_serve_workers_out_of_range_is_one_line(cli, n):
    r = cli("serve", "--workers", n)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
    assert "--workers must be a whole number from 1 to 64" in r.err and f"(got {n})" in r.err


@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                        ("0.0.0.0", False), ("192.168.1.5", False), ("::", False)])
def test_is_loopback(host, loop):
    assert is_loopback(host) is loop


def _start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "certwise.cli.main", "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _first_line(stream, timeout: float = 20) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, "the server printed nothing"
    return stream.readline()


def test_serve_starts_on_loopback_and_prints_the_address():
    proc = _start()
    try:
        line = _first_line(proc.stdout)
        assert line.startswith("certwise is running at http://127.0.0.1:")
        url = line.split()[4]
        with urllib.request.urlopen(url + "catalog", timeout=10) as r:
            assert r.status == 200 and b"Catalog" in r.read()
            assert "default-src 'self'" in r.headers["content-security-policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "warning" not in proc.stderr.read()


def test_serve_warns_beyond_loopback():
    proc = _start("--host", "0.0.0.0")
    try:
        assert "http://0.0.0.0:" in _first_line(proc.stdout)
        assert "warning" in _first_line(proc.stderr)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_port_in_use_is_one_line(cli):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    try:
        r = cli("serve", "--port", str(s.getsockname()[1]))
    finally:
        s.close()
    assert r.code == 2 and "cannot listen" in r.err and "--port" in r.err
