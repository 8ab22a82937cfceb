"""Running the app: in the foreground (``chronicle serve``) or in a background thread on a
loopback port (tests and the API benchmark)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

# uvicorn loads these by name (see _config); imported here too, so that
# a missing one fails on import rather than when the server starts.
import httptools  # noqa: F401
import uvicorn
import uvloop  # noqa: F401
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from chronicle.api.app import DEFAULT_ALLOWED_HOSTS, create_app
from chronicle.settings import Settings, env_name, load_settings

_HOSTS_VARIABLE = "CHRONICLE_ALLOWED_HOSTS"


def _config(app: FastAPI | str, **options: Any) -> uvicorn.Config:
    """uvicorn's settings for every way chronicle serves: libuv's event loop and a C HTTP parser,
    as uvicorn's pure-Python defaults (asyncio, h11) cost a request about as much as a filtered
    page of events (bench/api.py: a one-event request 1.4 -> 1.0 ms)."""
    return uvicorn.Config(app, loop="uvloop", http="httptools", **options)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, *,
          workers: int = 1, allowed_hosts: Sequence[str] = DEFAULT_ALLOWED_HOSTS) -> None:
    """Serve the API and the web page until stopped (Ctrl-C). Raises OSError when it cannot
    listen on ``host:port`` (a busy port): uvicorn logs that and returns, which must not look
    like a clean stop. ``workers`` > 1 runs that many processes, each with its own read-only
    connections; they build their app from the environment, which is set here for them."""
    hosts = [*allowed_hosts, *([host] if host not in ("0.0.0.0", "::") else [])]
    if workers > 1:
        os.environ[env_name("db_path")] = str(settings.db_path.resolve())
        os.environ[_HOSTS_VARIABLE] = ",".join(hosts)
        if token is not None:
            os.environ["CHRONICLE_TOKEN"] = token
        config = _config(f"{__name__}:app_from_environment", factory=True, host=host, port=port,
                         workers=workers, log_level="info", access_log=False)
        # uvicorn's process manager: one listening socket shared by the worker processes.
        sock = _listening_socket(host, port)
        with suppress(KeyboardInterrupt):
            Multiprocess(config, sockets=[sock]).run()
        return
    server = uvicorn.Server(_config(create_app(settings, token=token, allowed_hosts=hosts), host=host, port=port,
                                    log_level="info", access_log=False))
    server.run()
    if not server.started:
        raise OSError(f"could not listen on {host}:{port} (is the port in use?)")


def _listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port``, created with its protocol named: asyncio turns
    Nagle's algorithm off only on sockets that say they are TCP, and one that does not (as
    uvicorn's own ``bind_socket`` makes) holds a response's last segment until the client's
    delayed ACK, 40 ms later."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OSError(f"could not listen on {host}:{port} ({exc.strerror}; is the port in use?)") from None
    sock.set_inheritable(True)
    return sock


def app_from_environment() -> FastAPI:
    """The app a worker process of ``serve(workers=N)`` builds: settings, token and allowed
    hosts from the environment its parent set."""
    hosts = [h for h in os.environ.get(_HOSTS_VARIABLE, "").split(",") if h] or list(DEFAULT_ALLOWED_HOSTS)
    return create_app(load_settings(), token=os.environ.get("CHRONICLE_TOKEN") or None, allowed_hosts=hosts)


@contextmanager
def running_server(app: FastAPI, host: str = "127.0.0.1", port: int = 0, *,
                   timeout: float = 20.0) -> Iterator[str]:
    """Run ``app`` with uvicorn in a background thread; yields its base URL, stops it on exit.
    ``port=0`` lets the OS pick a free port."""
    server = uvicorn.Server(_config(app, host=host, port=port, log_level="warning", lifespan="on"))
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
