"""The library's front door: analyse article text in Python, without a database.

    import chronicle
    doc = chronicle.analyse(text, published="2023-12-08", url="https://example.org/a")
    for event in doc.events: ...

    pipeline = chronicle.Pipeline()               # one Settings, models loaded once
    docs = pipeline.analyse_many([text_a, text_b])
    linked = pipeline.link(docs)                  # stories, merged events, agreements

Both run exactly the stages ``chronicle ingest`` runs (:func:`chronicle.workflow.analyse_batch`
and :func:`chronicle.workflow.cross_source`); only storing is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from chronicle.clean import looks_like_html
from chronicle.errors import ChronicleError
from chronicle.ingest.readers import content_hash
from chronicle.records import Document, ItemError, RawItem
from chronicle.settings import Settings
from chronicle.workflow import CrossSource, analyse_batch, cross_source


class AnalysisError(ChronicleError):
    """An input the pipeline refused (binary, empty, oversized ...), with the reader's code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Article:
    """One input text with what its container states about it (all optional but the text)."""

    text: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    id: str | None = None


class Pipeline:
    """The per-document stages and the cross-source step over one :class:`Settings`."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings(workers=1)

    def analyse(self, text: str, **about: str | None) -> Document:
        """One article: cleaned, with sentences, actors, places, time expressions and events.
        Keyword arguments are :class:`Article` fields. Raises :class:`AnalysisError` for an
        input the pipeline refuses."""
        (doc,) = self.analyse_many([Article(text, **about)])
        return doc

    def analyse_many(self, articles: Iterable[str | Article | Mapping[str, str | None]]) -> list[Document]:
        """Several articles, in order (plain strings, :class:`Article` or dicts of its fields)."""
        items = [self._item(n, a) for n, a in enumerate(articles)]
        out: list[Document] = []
        for start in range(0, len(items), self.settings.batch_size):
            for result in analyse_batch(items[start : start + self.settings.batch_size], self.settings):
                if isinstance(result, ItemError):
                    raise AnalysisError(result.code, f"{result.source}: {result.message}")
                out.append(result)
        return out

    def link(self, docs: Sequence[Document]) -> CrossSource:
        """Reprints, stories, merged events and agreement provisions across ``docs``."""
        return cross_source(docs, self.settings)

    @staticmethod
    def _item(n: int, article: str | Article | Mapping[str, str | None]) -> RawItem:
        if isinstance(article, str):
            article = Article(article)
        elif not isinstance(article, Article):
            article = Article(**article)  # type: ignore[arg-type]
        content = article.text.encode("utf-8")
        doc_id = article.id or f"doc{n + 1}"
        html = looks_like_html(article.text)
        return RawItem(
            id=doc_id, source=article.url or doc_id, kind="html" if html else "txt", content=content,
            content_hash=content_hash(content, article.url, article.published, article.outlet, article.title),
            url=article.url, published=article.published, outlet=article.outlet, title=article.title,
            is_html=html,
        )


def analyse(text: str, **about: str | None) -> Document:
    """One article through the per-document stages with default settings (see :class:`Pipeline`)."""
    return Pipeline().analyse(text, **about)
