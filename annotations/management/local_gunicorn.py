"""A gunicorn on a free local port, for the benchmarks that measure over HTTP (bench_api,
bench_export)."""

from __future__ import annotations

import socket
import sys


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def gunicorn_command(*, port: int, workers: int = 1, timeout: int = 30) -> list[str]:
    """Our own interpreter running gunicorn on the desk's WSGI application."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "factcheck.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        str(timeout),
        "--log-level",
        "warning",
    ]
