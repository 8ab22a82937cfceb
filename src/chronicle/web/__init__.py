"""The web page: an interactive timeline (vis-timeline), filters, event details with the
evidence sentences, stories and the agreement table. Plain JS in ``static/``, no build step.

``render_html(data, provisions)`` writes it as one self-contained file; ``page_html()`` is
the page the API serves at ``/``.
"""

from chronicle.web.page import STATIC_DIR, embed_json, page_html, render_html

__all__ = ["STATIC_DIR", "embed_json", "page_html", "render_html"]
