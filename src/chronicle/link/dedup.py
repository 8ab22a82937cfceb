"""Reprints and near-duplicates: MinHash signatures of word shingles and LSH banding.

The signatures are exactly datasketch's ``MinHash`` (legacy scheme, SHA1-32 of each shingle,
the same seeded permutations), computed for many documents at once with numpy, and the
band/row split is datasketch's own optimum for the requested threshold. Candidate pairs from
the bands are verified against the threshold with the signature's Jaccard estimate, so a
reprint with a few edited words is caught while two articles on the same topic are not.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from chronicle.link.features import shingles

_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@dataclass(frozen=True, slots=True)
class MinHasher:
    """Seeded MinHash parameters shared by every signature that will be compared."""

    num_perm: int = 128
    seed: int = 1
    shingle_size: int = 4

    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        a, b = MinHash(num_perm=self.num_perm, seed=self.seed, scheme="legacy").permutations
        return np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)

    def signatures(self, texts: Sequence[str], chunk_hashes: int = 250_000) -> np.ndarray:
        """``(len(texts), num_perm)`` uint32 signatures; an empty text gets all-max values.

        Shingle hashes are permuted in chunks of about ``chunk_hashes`` so that memory stays
        near ``chunk_hashes * num_perm * 8`` bytes however many texts there are.
        """
        a, b = self.permutations()
        out = np.full((len(texts), self.num_perm), int(_MAX_HASH), dtype=np.uint32)
        hashes: list[int] = []
        rows: list[int] = []
        bounds: list[int] = []
        for row, text in enumerate(texts):
            found = shingles(text, self.shingle_size)
            if not found:
                continue
            rows.append(row)
            bounds.append(len(hashes))
            hashes.extend(_sha1_32(s) for s in found)
            if len(hashes) >= chunk_hashes:
                self._permute_into(out, hashes, rows, bounds, a, b)
                hashes, rows, bounds = [], [], []
        if hashes:
            self._permute_into(out, hashes, rows, bounds, a, b)
        return out

    @staticmethod
    def _permute_into(
        out: np.ndarray, hashes: list[int], rows: list[int], bounds: list[int], a: np.ndarray, b: np.ndarray
    ) -> None:
        phv = np.asarray(hashes, dtype=np.uint64)[:, None] * a  # wraps, as in datasketch
        phv += b
        phv %= _MERSENNE_PRIME
        phv &= _MAX_HASH
        out[rows] = np.minimum.reduceat(phv, bounds, axis=0).astype(np.uint32)


def _sha1_32(shingle: str) -> int:
    return int(struct.unpack("<I", hashlib.sha1(shingle.encode("utf-8")).digest()[:4])[0])


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
    usable = np.flatnonzero((signatures != int(_MAX_HASH)).any(axis=1))
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
