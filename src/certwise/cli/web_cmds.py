"""`certwise serve`: the web app on a local address."""

from __future__ import annotations

import contextlib

import click

from certwise.cli.base import fail


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, envvar="CERTWISE_HOST",
              help="Address to listen on. Keep the default to allow only this computer.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), envvar="CERTWISE_PORT",
              help="Port to listen on (0 picks a free one).")
def serve_cmd(host: str, port: int) -> None:
    """Open the web app: the questionnaire, catalog, roadmap, plans and your portfolio.

    \b
    Examples:
      certwise serve                 http://127.0.0.1:8000, this computer only
      certwise serve --port 9000
      certwise serve --host 0.0.0.0  reachable from other machines (a warning is printed)
    """
    import socket

    import uvicorn

    from certwise.web.app import create_app
    from certwise.web.security import is_loopback, loopback_hosts

    loopback = is_loopback(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)  # listening before the address is printed: early requests queue
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}; try another --port")
    port = sock.getsockname()[1]
    app = create_app(allowed_hosts=loopback_hosts() if loopback else None)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"certwise is running at http://{shown}:{port}/  (press Ctrl+C to stop)")
    if not loopback:
        click.echo(
            f"certwise: warning: listening on {host}, beyond this computer: anyone who can reach it can read "
            "and change your portfolio. There is no login; use --host 127.0.0.1 unless you mean it.",
            err=True,
        )
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
