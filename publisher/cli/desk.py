"""`publisher desk`: the comms lead's local web app over the project's store."""

from __future__ import annotations

import socket

import click

from publisher.cli.app import Project, cli


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address needs PUBLISHER_DESK_TOKEN.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.pass_obj
def desk(project: Project, host: str, port: int) -> None:
    """Review, approve, edit and pause posts in a browser: calendar, queue with previews, channels.

    It reads and writes the same store as every other command (SQLite or PostgreSQL), so a
    worker keeps sending while the desk is open. By default only this machine can reach it
    (127.0.0.1). To open it to others, set PUBLISHER_DESK_TOKEN=NAME:SECRET (a secret of 16
    characters or more; several separated by commas): every request then needs it, and NAME
    is who acted in each post's history. Without a token, that is your OS user.

    \b
    Example:
      publisher desk
      PUBLISHER_DESK_TOKEN="camille:$(openssl rand -hex 16)" publisher desk --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from publisher.desk.app import make_app
    from publisher.desk.security import Tokens, check_bind

    tokens = Tokens.from_environment()
    check_bind(host, tokens)
    app = make_app(project.settings, project.store, tokens=tokens, host=host)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}; "
                                   f"try another --port") from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Desk on http://{shown}:{sock.getsockname()[1]}/ "
               f"({'token required' if tokens else 'this machine only'}); Ctrl-C stops it.")
    config = uvicorn.Config(app, log_level="warning", server_header=False, proxy_headers=False)
    uvicorn.Server(config).run(sockets=[sock])
