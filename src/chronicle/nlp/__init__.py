"""The linguistic layer: spaCy runs here and nowhere else; records come out."""

from __future__ import annotations

from chronicle.nlp.actors import resolve_across
from chronicle.nlp.analyse import Analyser, analyse, analysers
from chronicle.nlp.gazetteer import Entry, Gazetteer, gazetteer, normalise
from chronicle.nlp.loader import ModelLoader, loader
from chronicle.nlp.mentions import NerSpan, Word, find_mentions
from chronicle.nlp.segment import segment

__all__ = [
    "Analyser",
    "Entry",
    "Gazetteer",
    "ModelLoader",
    "NerSpan",
    "Word",
    "analyse",
    "analysers",
    "find_mentions",
    "gazetteer",
    "loader",
    "normalise",
    "resolve_across",
    "segment",
]
