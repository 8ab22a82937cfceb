"""The REST API (FastAPI) over the store, and the web page at ``/``.

``create_app(settings, token=None)`` builds the app; ``serve(...)`` runs it with uvicorn;
``running_server(app)`` runs it in a background thread on a loopback port (tests, bench).
"""

from chronicle.api.app import create_app
from chronicle.api.server import running_server, serve

__all__ = ["create_app", "running_server", "serve"]
