"""Loading the spaCy pipeline: once per process, cached by model name in one loader object."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

import spacy
from spacy.language import Language

# Components the analysis never reads: ``senter`` duplicates the parser's job (sentences are
# cut by a rule, see :mod:`chronicle.nlp.segment`), so it stays disabled as shipped.
UNUSED_PIPES: tuple[str, ...] = ("senter",)


class ModelLoader:
    """Loads spaCy pipelines by name and keeps them, so a process pays the load once."""

    def __init__(self) -> None:
        self._models: dict[str, Language] = {}

    def installed(self, names: Sequence[str]) -> str:
        """The first of ``names`` that is installed as a package."""
        for name in names:
            if importlib.util.find_spec(name) is not None:
                return name
        raise RuntimeError(f"none of the spaCy models {list(names)} is installed")

    def load(self, names: Sequence[str]) -> Language:
        """The pipeline for the first installed model of ``names`` (cached)."""
        name = self.installed(names)
        if name not in self._models:
            nlp = spacy.load(name)
            for pipe in UNUSED_PIPES:
                if pipe in nlp.pipe_names:
                    nlp.disable_pipe(pipe)
            self._models[name] = nlp
        return self._models[name]


# The package's one loader; holds only the cache, never configuration (that is Settings).
loader = ModelLoader()
