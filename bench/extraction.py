"""Body extraction on the article-extraction benchmark (181 pages), through exactly the
cleaner's HTML path (``chronicle.clean.clean_item``), scored with the benchmark's own metric;
plus plain-text cleaning speed on the seed articles.

Run: ``.venv/bin/python bench/extraction.py`` (writes the ``extraction`` section of
docs/benchmarks.md).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import shared_dir, update_section
from chronicle.clean import clean_item, clean_text
from chronicle.errors import ChronicleError
from chronicle.records import Document, RawItem
from chronicle.settings import Settings

ANCHORS = (
    ("rs_trafilatura", 0.970), ("trafilatura 2.0", 0.958), ("newspaper4k", 0.949),
    ("readability_js", 0.947), ("readability-lxml", 0.922), ("goose3", 0.896),
    ("justext", 0.804), ("plain html-text", 0.665),
)
SPEED_REPEAT = 100
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The benchmark's multiset of n-token shingles (tokens: ``\\w+``, case kept)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised so that every page weighs the same."""
    gold, got = shingles(true), shingles(pred)
    tp = sum((gold & got).values())
    fp = sum(got.values()) - tp
    fn = sum(gold.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(pages: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision and recall over pages, and F1 of the two means (the benchmark's way).
    A page with nothing predicted and nothing expected counts as 1 for both."""
    precisions, recalls = [], []
    for tp, fp, fn in pages:
        if tp == fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    p, r = statistics.mean(precisions), statistics.mean(recalls)
    return p, r, 2 * p * r / (p + r)


def run_extraction(root: Path, settings: Settings) -> tuple[tuple[float, float, float], int, float]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages, failures = [], 0
    started = time.perf_counter()
    for sha, gold in truth.items():
        content = gzip.decompress((root / "html" / f"{sha}.html.gz").read_bytes())
        item = RawItem(id=sha, source=f"{sha}.html.gz", kind="html", content=content,
                       content_hash=hashlib.sha256(content).hexdigest(), url=gold.get("url"), is_html=True)
        try:
            body = clean_item(item, settings).body
        except ChronicleError as err:
            print(f"  {sha[:12]}: {err}", file=sys.stderr)
            failures += 1
            body = ""
        pages.append(page_counts(gold.get("articleBody", ""), body))
    return score(pages), failures, time.perf_counter() - started


def run_overfilter(root: Path) -> tuple[float, float, float]:
    """The plain-text filter applied to the gold bodies themselves (already clean text):
    whatever it drops there is article text lost, so recall here measures over-filtering."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for sha, gold in truth.items():
        body = gold.get("articleBody", "")
        doc = clean_text(body, Document(id=sha, source=sha, content_hash=sha))
        pages.append(page_counts(body, doc.body))
    return score(pages)


def run_speed(seeds: list[Path], settings: Settings) -> tuple[float, int]:
    items = [RawItem(id=p.stem, source=str(p), kind="txt", content=p.read_bytes(), content_hash=p.stem)
             for p in seeds]
    started = time.perf_counter()
    for _ in range(SPEED_REPEAT):
        for item in items:
            clean_item(item, settings)
    elapsed = time.perf_counter() - started
    return SPEED_REPEAT * len(items) / elapsed, SPEED_REPEAT * len(items)


def main() -> None:
    shared = shared_dir()
    settings = Settings()
    (p, r, f1), failures, seconds = run_extraction(shared / "bench" / "article-extraction", settings)
    _, keep_recall, _ = run_overfilter(shared / "bench" / "article-extraction")
    docs_per_s, n_docs = run_speed(sorted((shared / "corpus" / "seeds").glob("*.txt")), settings)
    print(f"article-extraction: precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  "
          f"({failures} pages failed, {seconds:.1f} s)")
    print(f"plain-text cleaning: {docs_per_s:.0f} docs/s over {n_docs} seed documents")
    print(f"plain-text filter on the 181 gold bodies: {keep_recall:.4f} of their shingles kept")

    rows = "\n".join(f"| {name} (published) | | | {value:.3f} |" for name, value in ANCHORS)
    update_section("extraction", f"""
## Body extraction (`bench/extraction.py`)

Scrapinghub article-extraction-benchmark, 181 pages, through `chronicle.clean.clean_item`'s
HTML path: trafilatura 2.3.1 with `favor_precision=True` (tables kept, comments dropped); when
that run yields under 1,500 characters and under 35% of a `favor_recall=True` run, the recall
run is used; then lines the plain-text filter calls navigation, call-to-action or
related-story teaser are dropped.
Metric: the benchmark's own — per page, multiset 4-token shingle matches between the extracted
body and `articleBody`; precision and recall averaged over pages; F1 of the two averages.

| system | precision | recall | F1 |
|---|---|---|---|
| **chronicle (this run)** | {p:.3f} | {r:.3f} | **{f1:.3f}** |
{rows}

{failures} pages raised an error. Extraction time {seconds:.1f} s for 181 pages on one core.
Goal was F1 ≥ 0.970 (rs_trafilatura); {"met" if f1 >= 0.970 else f"not met: {0.970 - f1:.3f} short"}.

Over-filtering check for the plain-text path: run on the 181 gold `articleBody` texts
(clean article text, no chrome), the line filter keeps **{keep_recall:.3f}** of their shingles
(mean recall). What it drops there is mostly data tables, short list fragments and
other-language pages; for English news prose the loss is small, but it is not zero.

Plain-text cleaning speed (the seed articles × {SPEED_REPEAT}, line filter + metadata + language ID):
**{docs_per_s:.0f} docs/s** on one core.
""")


if __name__ == "__main__":
    main()
