"""The web page, in two forms built from one template and one script (``static/``):

* :func:`page_html` — the page the API serves at ``/``: it loads the script and the vendored
  libraries (vis-timeline, Leaflet) from ``/static/`` and asks the paginated API for one page
  of events at a time, with the aggregates of the map and the chart;
* :func:`render_html` — one self-contained file (scripts, styles and data inlined) that
  works opened from disk, for ``chronicle demo``.

Data is embedded as JSON in a ``<script type="application/json">`` block with ``<``, ``>``
and ``&`` written as ``\\u003c``… so no article text can close the block; the script reads
it with ``JSON.parse`` and renders every string as text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

STATIC_DIR = Path(__file__).resolve().parent / "static"
# The page's scripts and styles, in load order: vendored libraries (vendor/README.md), then ours.
SCRIPTS = (
    "vendor/vis-timeline-graph2d.min.js",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.markercluster.js",
    "vendor/leaflet/topojson-client.min.js",
    "app.js",
)
STYLES = (
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/MarkerCluster.css",
    "vendor/leaflet/MarkerCluster.Default.css",
    "app.css",
)
WORLD = "vendor/leaflet/countries-110m.json"  # Natural Earth countries, the map's only layer
DATA_ELEMENT_ID = "chronicle-data"

_SLOT = re.compile(r"<!--chronicle:(csp|styles|data|scripts)-->")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@cache
def _asset(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def _fill(slots: dict[str, str]) -> str:
    # One pass, so text inserted into one slot is never scanned for another slot's marker.
    return _SLOT.sub(lambda m: slots[m[1]], _asset("index.html"))


def page_html() -> str:
    """The served page: assets by URL, data fetched from the API."""
    return _fill({
        "csp": "",  # the server sends the policy as a header
        "styles": "\n".join(f'<link rel="stylesheet" href="static/{name}">' for name in STYLES),
        "data": "",
        "scripts": "\n".join(f'<script src="static/{name}"></script>' for name in SCRIPTS),
    })


def embed_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survive."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m[0]], text)


def _inline_script(source: str) -> str:
    # "</script" cannot end the element early; "<\/" means the same inside JS strings and
    # regular expressions, the only places it can occur in a script.
    source = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", source)
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.I)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(data: dict[str, Any], provisions: list[dict[str, Any]] | None = None) -> str:
    """A self-contained HTML timeline of ``data`` (the dict of
    :func:`chronicle.report.timeline_data`) and, if given, the agreement provisions."""
    scripts = [_inline_script(_asset(name)) for name in SCRIPTS]
    css = re.sub(r"</(style)", r"<\\/\1", "\n".join(_asset(name) for name in STYLES), flags=re.I)
    world = json.loads(_asset(WORLD))
    payload = embed_json({"timeline": data, "provisions": provisions or [], "world": world})
    # Only the two scripts above may run, even opened from disk: a hash per script, nothing else.
    csp = ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
           + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    return _fill({
        "csp": f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        "styles": f"<style>\n{css}\n</style>",
        "data": f'<script type="application/json" id="{DATA_ELEMENT_ID}">{payload}</script>',
        "scripts": "\n".join(f"<script>{s}</script>" for s in scripts),
    })
