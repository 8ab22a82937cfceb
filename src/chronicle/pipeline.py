"""The stage registry and runner for per-document stages.

A stage is a registered function ``(Iterable[Document], Settings) -> Iterator[Document]``
that does one job. Each declares which Document fields it ``requires`` and ``assigns``;
:func:`check_order` refuses a pipeline whose stages would read a field before any stage
(or the cleaner, which assigns the base fields) has filled it — like spaCy's ``analyze_pipes``.

The convention every stage keeps: it **returns** its output and never changes its input. It
yields, for each document it is given, a new record with the fields it ``assigns`` filled
(``dataclasses.replace``), or the same record untouched when it has nothing to add (a
document whose status is not "ok"); the cross-source steps (:mod:`chronicle.link`,
:mod:`chronicle.agree`) return new records too. No stage reads or writes files: models,
tables and their caches are loaded at the edges (the CLI, the workflow, the API).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from chronicle.records import Document
from chronicle.settings import Settings

StageFn = Callable[[Iterable[Document], Settings], Iterator[Document]]

# Fields a Document has once the cleaner has built it from a raw item.
CLEANED_FIELDS: frozenset[str] = frozenset(
    {"id", "source", "content_hash", "kind", "url", "title", "author", "outlet", "language",
     "published", "published_basis", "dateline", "body", "status"}
)


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    func: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


class StageRegistry:
    """Holds the known stages by name; one instance, :data:`stages`, is what the package uses."""

    def __init__(self) -> None:
        self._stages: dict[str, StageInfo] = {}

    def register(
        self, name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
    ) -> Callable[[StageFn], StageFn]:
        def decorate(func: StageFn) -> StageFn:
            if name in self._stages and self._stages[name].func is not func:
                raise ValueError(f"stage {name!r} is already registered")
            self._stages[name] = StageInfo(
                name, func, tuple(requires), tuple(assigns), (func.__doc__ or "").strip()
            )
            return func

        return decorate

    def get(self, name: str) -> StageInfo:
        try:
            return self._stages[name]
        except KeyError:
            raise KeyError(f"unknown stage {name!r}; known: {sorted(self._stages)}") from None

    def names(self) -> list[str]:
        return sorted(self._stages)


stages = StageRegistry()
stage = stages.register


def check_order(names: Sequence[str], registry: StageRegistry = stages) -> list[StageInfo]:
    """The StageInfos for ``names``, after checking every ``requires`` is assigned earlier."""
    available = set(CLEANED_FIELDS)
    infos = []
    for name in names:
        info = registry.get(name)
        missing = [f for f in info.requires if f not in available]
        if missing:
            raise ValueError(f"stage {name!r} requires {missing}, which no earlier stage assigns")
        available.update(info.assigns)
        infos.append(info)
    return infos


def run_stages(
    docs: Iterable[Document], names: Sequence[str], settings: Settings,
    registry: StageRegistry = stages,
) -> Iterator[Document]:
    """Chain the named stages lazily over a stream of documents, in order."""
    stream: Iterable[Document] = docs
    for info in check_order(names, registry):
        stream = info.func(stream, settings)
    yield from stream
