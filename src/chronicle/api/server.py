"""Running the app: in the foreground (``chronicle serve``) or in a background thread on a
loopback port (tests and the API benchmark)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from chronicle.api.app import create_app
from chronicle.settings import Settings


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the API and the web page until stopped (Ctrl-C). Raises OSError when it cannot
    listen on ``host:port`` (a busy port): uvicorn logs that and returns, which must not look
    like a clean stop."""
    server = uvicorn.Server(uvicorn.Config(create_app(settings, token=token), host=host, port=port, log_level="info"))
    server.run()
    if not server.started:
        raise OSError(f"could not listen on {host}:{port} (is the port in use?)")


@contextmanager
def running_server(app: FastAPI, host: str = "127.0.0.1", port: int = 0, *,
                   timeout: float = 20.0) -> Iterator[str]:
    """Run ``app`` with uvicorn in a background thread; yields its base URL, stops it on exit.
    ``port=0`` lets the OS pick a free port."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="chronicle-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the server did not start on {host}:{port}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the server did not start within {timeout:.0f}s")
        time.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout)
