"""`certwise serve`: the web app on a local address, in one process or several workers."""

from __future__ import annotations

import contextlib
import os
from typing import Any

import click

from certwise.cli.base import fail

MAX_WORKERS = 64


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, envvar="CERTWISE_HOST",
              help="Address to listen on. Keep the default to allow only this computer.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), envvar="CERTWISE_PORT",
              help="Port to listen on (0 picks a free one).")
@click.option("--workers", default=1, show_default=True, type=int, envvar="CERTWISE_WORKERS",
              help="Worker processes that answer requests (about one per CPU). Several workers share the "
                   "portfolio database: the SQLite file works on one machine; PostgreSQL "
                   "(CERTWISE_DATABASE_URL) is the shared store for a busy site (see docs/DEPLOY.md).")
def serve_cmd(host: str, port: int, workers: int) -> None:
    """Open the web app: the questionnaire, catalog, roadmap, plans and your portfolio.

    \b
    Examples:
      certwise serve                 http://127.0.0.1:8000, this computer only
      certwise serve --port 9000
      certwise serve --workers 2     two processes answer (one per CPU is a good start)
      certwise serve --host 0.0.0.0  reachable from other machines (a warning is printed)
    """
    import socket

    from certwise.web.security import is_loopback

    if not 1 <= workers <= MAX_WORKERS:
        fail(f"--workers must be a whole number from 1 to {MAX_WORKERS} (got {workers}); "
             "one per CPU is a good start")
    loopback = is_loopback(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)  # listening before the address is printed: early requests queue
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}; try another --port")
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    many = f" with {workers} workers" if workers > 1 else ""
    click.echo(f"certwise is running at http://{shown}:{port}/{many}  (press Ctrl+C to stop)")
    if not loopback:
        click.echo(
            f"certwise: warning: listening on {host}, beyond this computer: anyone who can reach it can read "
            "and change your portfolio. There is no login; use --host 127.0.0.1 unless you mean it.",
            err=True,
        )
    if workers > 1:
        _shared_store_note(workers)
    _run(sock, host, workers)


def _shared_store_note(workers: int) -> None:
    from certwise.settings import database_url, sqlite_path

    path = sqlite_path(database_url())
    if path is not None:
        click.echo(f"certwise: note: the {workers} workers share the SQLite file {path}; that is fine on one "
                   "machine. For a busy site set CERTWISE_DATABASE_URL to PostgreSQL (see docs/DEPLOY.md).",
                   err=True)


def _run(sock: object, host: str, workers: int) -> None:
    import uvicorn

    from certwise.web.app import app_from_env

    # uvloop and httptools when installed (uvicorn[standard]); keep-alive long enough for a proxy's pool
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "server_header": False, "timeout_keep_alive": 15}
    with contextlib.suppress(KeyboardInterrupt):
        if workers == 1:
            uvicorn.Server(uvicorn.Config(app_from_env(host), **options)).run(sockets=[sock])  # type: ignore[list-item]
            return
        from uvicorn.supervisors import Multiprocess

        # each worker process imports the factory and builds its own app (catalog, templates, store);
        # the same host decides which Host names they answer to
        os.environ["CERTWISE_HOST"] = host
        config = uvicorn.Config("certwise.web.app:app_from_env", factory=True, workers=workers, **options)
        Multiprocess(config, sockets=[sock]).run()  # type: ignore[list-item]


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
