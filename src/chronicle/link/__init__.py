"""Across sources: reprints, stories, and events merged across documents with their
disagreements. One verb, :func:`link`; its :class:`LinkState` makes later calls incremental."""

from chronicle.link.core import link
from chronicle.link.merge import dates_compatible, quantities_agree
from chronicle.link.state import LinkResult, LinkState

__all__ = ["LinkResult", "LinkState", "dates_compatible", "link", "quantities_agree"]
