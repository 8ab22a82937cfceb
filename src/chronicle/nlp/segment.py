"""Sentence boundaries by rule, on tokenizer output: cheap, deterministic, and aware of
paragraph breaks (a line break always ends a sentence, so a headline never merges with the
paragraph under it, which the statistical parser often does)."""

from __future__ import annotations

from collections.abc import Sequence

_ENDERS = frozenset({".", "!", "?", "…", "?!", "!?", "...", "..", "!!", "??"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})


def segment(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges ``[first, last)`` of the sentences in ``tokens`` (their texts), skipping
    ranges that are whitespace only; whitespace tokens at the edges are trimmed off."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.isspace() and "\n" in tok:
            _add(spans, tokens, start, i)
            start = i + 1
        elif tok in _ENDERS:
            j = i + 1
            while j < n and tokens[j] in _CLOSERS:
                j += 1
            _add(spans, tokens, start, j)
            start = j
            i = j
            continue
        i += 1
    _add(spans, tokens, start, n)
    return spans


def _add(spans: list[tuple[int, int]], tokens: Sequence[str], first: int, last: int) -> None:
    while first < last and (not tokens[first] or tokens[first].isspace()):
        first += 1
    while last > first and (not tokens[last - 1] or tokens[last - 1].isspace()):
        last -= 1
    if first < last:
        spans.append((first, last))
