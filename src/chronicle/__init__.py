"""chronicle: noisy news articles in, a clean, source-attributed timeline of events out.

The front door for Python use (see :mod:`chronicle.analysis`)::

    import chronicle
    doc = chronicle.analyse(text, published="2023-12-08", url="https://example.org/a")
    pipeline = chronicle.Pipeline()

They load on first use, so that ``import chronicle`` (and the command line) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chronicle.analysis import AnalysisError, Article, Pipeline, analyse

__all__ = ["AnalysisError", "Article", "Pipeline", "analyse"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from chronicle import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'chronicle' has no attribute {name!r}")
