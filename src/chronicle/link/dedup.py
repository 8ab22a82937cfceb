"""Reprints and near-duplicates: MinHash signatures of word shingles and LSH banding.

The signatures are datasketch's ``MinHash`` (its default ``affine32`` scheme: the same seeded
permutations and MurmurHash3 pre-mix) fed with :func:`shingle_hash`, computed for many
documents at once with numpy; the band/row split is datasketch's own optimum for the requested
threshold. A shingle hash mixes per-word hashes, so each distinct word is hashed once and the
shingles of a whole chunk of documents are hashed in a few vector operations (this is what
makes a million documents take minutes, not an hour). Candidate pairs from the bands are
verified with the signature's Jaccard estimate, so a reprint with a few edited words is caught
while two articles on the same topic are not.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

_MAX_HASH = np.uint32(0xFFFFFFFF)
_MIX = np.uint64(0x100000001B3)  # FNV-64 prime: combines word hashes in order
_FMIX_64 = np.uint64(0xFF51AFD7ED558CCD)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_LOW32 = np.uint64(0xFFFFFFFF)


def _sha1_32(word: str) -> int:
    return int(struct.unpack("<I", hashlib.sha1(word.encode("utf-8")).digest()[:4])[0])


def _mix_windows(word_hashes: np.ndarray, size: int) -> np.ndarray:
    """Hashes of every window of ``size`` consecutive words (all of them when fewer)."""
    n = len(word_hashes)
    width = min(size, n)
    count = n - width + 1
    with np.errstate(over="ignore"):
        x = word_hashes[:count].astype(np.uint64)
        for k in range(1, width):
            x = (x * _MIX) ^ word_hashes[k : k + count]
        x ^= x >> np.uint64(33)
        x *= _FMIX_64
        x ^= x >> np.uint64(29)
    return (x & _LOW32).astype(np.uint32)


def shingle_hash(shingle: str) -> int:
    """The 32-bit hash of one shingle (words separated by spaces), as the signatures use it:
    pass it as ``hashfunc`` to ``datasketch.MinHash`` to reproduce a signature."""
    toks = shingle.split()
    hashes = np.asarray([_sha1_32(t) for t in toks], dtype=np.uint64)
    return int(_mix_windows(hashes, len(toks))[0])


@dataclass(frozen=True, slots=True)
class MinHasher:
    """Seeded MinHash parameters shared by every signature that will be compared."""

    num_perm: int = 128
    seed: int = 1
    shingle_size: int = 4

    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        a, b = MinHash(num_perm=self.num_perm, seed=self.seed, scheme="affine32").permutations
        return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)

    def signatures(self, texts: Sequence[str], chunk_hashes: int = 50_000) -> np.ndarray:
        """``(len(texts), num_perm)`` uint32 signatures; a text without words gets all-max.

        Shingle hashes are permuted in chunks of about ``chunk_hashes`` so that memory stays
        near ``chunk_hashes * num_perm * 4`` bytes however many texts there are.
        """
        a, b = self.permutations()
        out = np.full((len(texts), self.num_perm), _MAX_HASH, dtype=np.uint32)
        cache: dict[str, int] = {}
        pending: list[np.ndarray] = []
        rows: list[int] = []
        total = 0
        for row, text in enumerate(texts):
            toks = _WORD.findall(text.lower())
            if not toks:
                continue
            word_hashes = np.fromiter(
                (cache[t] if t in cache else cache.setdefault(t, _sha1_32(t)) for t in toks),
                dtype=np.uint64, count=len(toks),
            )
            # Duplicate shingles do not change a minimum; dropping them keeps chunks small.
            hashes = np.unique(_mix_windows(word_hashes, self.shingle_size))
            pending.append(hashes)
            rows.append(row)
            total += len(hashes)
            if total >= chunk_hashes:
                self._permute_into(out, pending, rows, a, b)
                pending, rows, total = [], [], 0
        if pending:
            self._permute_into(out, pending, rows, a, b)
        return out

    @staticmethod
    def _permute_into(
        out: np.ndarray, pending: list[np.ndarray], rows: list[int], a: np.ndarray, b: np.ndarray
    ) -> None:
        bounds = np.cumsum([0] + [len(h) for h in pending[:-1]])
        hv = _fmix32(np.concatenate(pending))
        with np.errstate(over="ignore"):
            # (num_perm, hashes), so each permutation's minimum runs over contiguous memory;
            # the arithmetic wraps modulo 2**32, as datasketch's affine32 scheme does.
            phv = a[:, None] * hv[None, :]
            phv += b[:, None]
        out[rows] = np.minimum.reduceat(phv, bounds, axis=1).T


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix for the affine32 scheme)."""
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> np.uint32(16))
        hv = hv * np.uint32(0x85EBCA6B)
        hv = hv ^ (hv >> np.uint32(13))
        hv = hv * np.uint32(0xC2B2AE35)
        return hv ^ (hv >> np.uint32(16))


def _band_keys(block: np.ndarray) -> np.ndarray:
    """One uint64 per row of a band (a wrapping polynomial hash); a rare collision only adds
    a candidate, which verification then drops."""
    keys = np.zeros(block.shape[0], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for col in range(block.shape[1]):
            keys = keys * np.uint64(1_000_003) + block[:, col].astype(np.uint64)
    return keys


def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) that minimise false positives + negatives at ``threshold`` (datasketch)."""
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


def band_keys(signatures: np.ndarray, threshold: float) -> list[list[str]]:
    """Each signature's LSH bucket keys (``"band:value"``), as :func:`similar_pairs` bands
    them: two documents that similar_pairs could pair share one. None for a text without
    words (it resembles nothing)."""
    n, num_perm = signatures.shape
    bands, rows = band_params(threshold, num_perm)
    out: list[list[str]] = [[] for _ in range(n)]
    usable = (signatures != _MAX_HASH).any(axis=1)
    for band in range(bands):
        keys = _band_keys(signatures[:, band * rows : (band + 1) * rows])
        for i in np.flatnonzero(usable):
            out[i].append(f"{band}:{int(keys[i]):x}")
    return out


def similar_pairs(
    signatures: np.ndarray, threshold: float, *, new_from: int = 0
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, whose estimated Jaccard is at least ``threshold``.

    Only pairs with ``j >= new_from`` are reported, so an incremental call compares new
    signatures with the old ones and with each other, never old with old again.
    """
    n, num_perm = signatures.shape
    if n < 2 or new_from >= n:
        return []
    bands, rows = band_params(threshold, num_perm)
    # A text without a single shingle has the all-max signature; it resembles nothing.
    usable = np.flatnonzero((signatures != _MAX_HASH).any(axis=1))
    candidates: set[tuple[int, int]] = set()
    for band in range(bands):
        keys = _band_keys(signatures[usable, band * rows : (band + 1) * rows])
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        # Runs of equal band keys are the LSH buckets; only runs of two or more matter.
        starts = np.concatenate(([0], np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1))
        sizes = np.diff(np.concatenate((starts, [len(order)])))
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            members = np.sort(usable[order[start : start + size]])
            if members[-1] < new_from:
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    if members[y] >= new_from:
                        candidates.add((int(members[x]), int(members[y])))
    pairs = []
    for i, j in sorted(candidates):
        if float(np.mean(signatures[i] == signatures[j])) >= threshold:
            pairs.append((i, j))
    return pairs


def shingle_count(text: str, size: int = 4) -> int:
    """The number of distinct ``size``-word shingles of ``text`` (as :meth:`MinHasher.signatures`
    shingles it)."""
    toks = _WORD.findall(text.lower())
    if not toks:
        return 0
    return len({tuple(toks[i : i + size]) for i in range(max(1, len(toks) - size + 1))})


def overlap(sig_a: np.ndarray, size_a: int, sig_b: np.ndarray, size_b: int) -> tuple[float, float]:
    """(estimated Jaccard, estimated share of the smaller body's shingles found in the other).

    From MinHash alone: ``|A ∩ B| = J (|A| + |B|) / (1 + J)``. A reprint with an added
    standfirst, paragraph or teaser list keeps most of the original's core, so its overlap is
    high while its Jaccard with the original is not."""
    if not size_a or not size_b:
        return 0.0, 0.0
    jaccard = float(np.mean(sig_a == sig_b))
    common = jaccard * (size_a + size_b) / (1 + jaccard)
    return jaccard, min(1.0, common / min(size_a, size_b))
