"""Running the review app: a socket on 127.0.0.1 (never another interface) and uvicorn serving it."""

from __future__ import annotations

import socket
from collections.abc import Callable

from ..errors import UsageError
from .security import Gate
from .workspace import Workspace

HOST = "127.0.0.1"


def listen(port: int) -> socket.socket:
    """A listening socket on the loopback interface (``port`` 0: any free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    sock.listen(64)
    return sock


def serve(workspace: Workspace, *, port: int, ready: Callable[[Gate], None]) -> None:
    """Serve until interrupted; ``ready`` gets the gate (its URL holds the token) once the socket listens.

    Every save is finished (written atomically) before its answer is sent, so
    stopping the server loses nothing.
    """
    import uvicorn

    from .app import create_app

    sock = listen(port)
    gate = Gate.new(sock.getsockname()[1])
    config = uvicorn.Config(create_app(workspace, gate), log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    ready(gate)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
