"""What one new document costs in a large store (issue "Ingest that never loses work").

Builds a synthetic store of ``--docs`` documents (default 100,000), then ingests one new
article into it with ``chronicle ingest`` as a user runs it, and reports its wall time and peak
memory, and the time of the ingest call itself in a process whose models are already loaded.

The synthetic documents are generated, not committed: the shared real articles (realnews-dev
and the seeds) are analysed once through the per-document stages, then each generated document
is one of them with

- a third of its words swapped for other corpus words of the same length (so offsets, sentences
  and evidence still line up, while bodies differ: no two are near-duplicates by accident);
- every date shifted by the same random number of days (up to about two years either way);
- its actors and places moved to one of ``WORLDS`` parallel worlds: each name and country code
  is marked with the world, and the countries are permuted, so two documents meet on actors
  only when they share a world (one in ``WORLDS``), as articles about different conflicts do.

They are stored in chunks of ``CHUNK``, and each chunk is linked among itself by the same
code and written with the postings, counts and state that incremental linking writes; a chunk
is not linked against the earlier ones (through the slices, a build of 100,000 would take
hours here), so the store holds many small stories and merged events, as a crawl over many
conflicts would. The measured document is then linked the way every ingest links: against the
slice of the whole store it can meet. ``--store PATH --keep`` keeps the store to measure again
without rebuilding.

    .venv/bin/python bench/incremental.py [--docs N] [--store PATH] [--keep] [--no-write]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _report import shared_dir, update_section
from chronicle.ingest import read_path
from chronicle.ingest.readers import content_hash
from chronicle.link.index import LinkKeys, postings, story_terms
from chronicle.records import Document, RawItem
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import PIPELINE_VERSION, analyse_batch, cross_source

SHARED = shared_dir()
CHUNK = 500  # documents stored, then linked, at a time
SWAP = 0.33
WORLDS = 200
ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
WORD = re.compile(r"[A-Za-z]{3,}")
DATE_KEYS = {"published", "start", "end", "value", "end_value", "date"}


def base_documents(settings: Settings) -> list[Document]:
    """The shared real articles, analysed once."""
    items: list[RawItem] = []
    for path in [SHARED / "bench/realnews-dev/articles.jsonl", *sorted((SHARED / "corpus/seeds").iterdir())]:
        items += [r for r in read_path(path, settings) if isinstance(r, RawItem)]
    docs = [d for d in analyse_batch(items, settings) if isinstance(d, Document) and d.status == "ok"]
    print(f"analysed {len(docs)} base documents", file=sys.stderr)
    return docs


def shift(value: str, days: int) -> str:
    """An ISO date (day, month or year precision) moved by ``days``, at its own precision."""
    m = ISO.match(value)
    if not m:
        return value
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        try:
            return (date(int(year), int(month), int(day)) + timedelta(days=days)).isoformat()
        except ValueError:
            return value
    if month:
        total = int(year) * 12 + int(month) - 1 + round(days / 30.44)
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    return f"{int(year) + round(days / 365.25):04d}"


class Generator:
    def __init__(self, bases: list[Document], seed: int = 7) -> None:
        self.bases = [b.to_dict() for b in bases]
        self.rng = random.Random(seed)
        self.words: dict[tuple[int, bool], list[str]] = {}
        countries: set[str] = set()
        for base in bases:
            for w in WORD.findall(base.body):
                self.words.setdefault((len(w), w[0].isupper()), []).append(w)
            countries |= {m.actor.country for m in base.mentions if m.actor and m.actor.country}
        self.countries = sorted(countries)

    def body(self, text: str) -> str:
        def swap(m: re.Match[str]) -> str:
            word = m.group(0)
            if self.rng.random() >= SWAP:
                return word
            return self.rng.choice(self.words[(len(word), word[0].isupper())])

        return WORD.sub(swap, text)

    def document(self, n: int) -> tuple[Document, RawItem]:
        base = self.bases[n % len(self.bases)]
        old_id, new_id = base["id"], f"syn{n:06d}"
        body = self.body(base["body"])
        days = self.rng.randint(-800, 800)
        world = self.rng.randrange(WORLDS)
        mapping = {
            a: f"{b}-{world}"
            for a, b in zip(self.countries, self.rng.sample(self.countries, len(self.countries)), strict=True)
        }

        def walk(node: Any, key: str = "") -> Any:
            if isinstance(node, dict):
                out = {k: walk(v, k) for k, v in node.items()}
                start, end, text = out.get("start"), out.get("end"), out.get("text")
                if isinstance(text, str) and isinstance(start, int) and end == start + len(text):
                    out["text"] = body[start:end]  # a span of the body: the new body's words
                if key in ("actor", "place", "location") and isinstance(out.get("name"), str):
                    out["name"] = f"{out['name']} {world}"
                return out
            if isinstance(node, list):
                return [walk(v, key) for v in node]
            if isinstance(node, str):
                if key in DATE_KEYS:
                    return shift(node, days)
                if key == "country":
                    return mapping.get(node, node)
                if key in ("id", "doc_id", "doc", "source") and node.startswith(old_id):
                    return new_id + node[len(old_id):]
            return node

        data = walk(base)
        data.update(id=new_id, source=f"{new_id}.txt", body=body, title=self.body(base["title"] or "") or None)
        data["content_hash"] = hashlib.sha256(body.encode()).hexdigest()
        doc = Document.from_dict(data)
        raw = RawItem(id=new_id, source=doc.source, kind="txt", content=body.encode(), content_hash=doc.content_hash)
        return doc, raw


def build(store: Store, count: int, settings: Settings) -> None:
    have = store.count_documents()
    if have >= count:
        print(f"store holds {have} documents already", file=sys.stderr)
        return
    generator = Generator(base_documents(settings))
    for _ in range(have):  # the same documents as a build that had not stopped
        generator.document(0)
    store._db.execute("PRAGMA synchronous=OFF")  # a throwaway store: durability costs hours here
    started = time.monotonic()
    for lo in range(have, count, CHUNK):
        docs = []
        for n in range(lo, min(count, lo + CHUNK)):
            doc, raw = generator.document(n)
            store.write_document(doc, raw, PIPELINE_VERSION)
            docs.append(doc)
        # The chunk linked among itself: a slice with the counts of its terms and nothing else.
        df, n_docs = store.link_counts(story_terms(docs))
        state = store.link_slice(LinkKeys(df=df, n_docs=n_docs))
        result = cross_source(docs, settings, state)
        store.write_links(
            result.documents, result.stories, result.events, result.state,
            postings=postings(result.state, result.documents, settings), full=False,
        )
        done = min(count, lo + CHUNK)
        rate = (done - have) / (time.monotonic() - started)
        print(f"  {done} documents stored and linked ({rate:.0f}/s)", file=sys.stderr)
    store._db.execute("PRAGMA synchronous=FULL")
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as a store in use is: its log folded in


def measure_cli(db: Path, article: Path) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of ``chronicle ingest ARTICLE --db DB``, and its summary."""
    script = (
        "import resource, subprocess, sys, time;"
        "t = time.monotonic();"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024);"
        "print(p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr[-300:])"
    )
    cmd = [sys.executable, "-c", script, sys.executable, "-m", "chronicle", "ingest", str(article), "--db", str(db)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    wall, rss = (float(x) for x in out[0].split())
    return wall, rss, out[1]


def measure_warm(db: Path, article: Path) -> tuple[float, float]:
    """Seconds of the ingest call alone, with the models loaded first, and the peak RSS (MB) of
    that process."""
    script = f"""
import sys, time
from pathlib import Path
from chronicle.settings import Settings
from chronicle.store import Store
from chronicle.workflow import analyse_batch, ingest_paths
from chronicle.records import RawItem
settings = Settings()
analyse_batch([RawItem(id="warm", source="warm", kind="txt", content=b"Talks began in Geneva on Monday.",
                       content_hash="warm")], settings)
with Store({str(db)!r}) as store:
    t = time.monotonic()
    summary = ingest_paths([Path({str(article)!r})], store, settings)
    wall = time.monotonic() - t
# The peak since exec (VmHWM): ru_maxrss would also count the parent's pages at fork.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(wall, peak / 1024, summary.stored)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="build (or reuse) the store here")
    parser.add_argument("--keep", action="store_true", help="keep the store (with --store)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.store or Path(tmp) / "large.db"
        t = time.monotonic()
        with Store(db) as store:
            build(store, args.docs, settings)
            n = store.count_documents()
            # New articles: real text the store does not hold (it holds the seeds only as altered
            # copies, and a kept store the seeds measured before).
            articles = [
                a for a in sorted((SHARED / "corpus/seeds").iterdir())
                if store.raw_input(content_hash(a.read_bytes())) is None
            ]
        build_s = time.monotonic() - t
        size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
        if len(articles) < 2:
            sys.exit("the kept store already holds the seed articles it measures with: build another")
        results = []
        for article, (measure, label) in zip(
            articles, ((measure_cli, "chronicle ingest (CLI)"), (measure_warm, "ingest call")), strict=False
        ):
            new = Path(tmp) / article.name
            new.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
            figures = measure(db, new)
            results.append((f"{label}, {article.stem[:3]}", figures[0], figures[1]))
        if not args.keep and args.store:
            for p in db.parent.glob(db.name + "*"):
                p.unlink()
    rows = [f"| {label} | {n:,} | {wall:.2f} | {rss:.0f} |" for label, wall, rss in results]
    table = "\n".join(["| one new document (seed article) | store size (documents) | wall (s) | peak memory (MB) |",
                       "|---|---|---|---|", *rows])
    print(f"built in {build_s:.0f} s; database {size_mb:.0f} MB\n{table}")
    if not args.no_write:
        update_section(
            "incremental",
            SECTION.format(table=table, size=f"{size_mb:,.0f}",
                           before="\n".join(f"| {n:,} | {wall:.1f} | {rss:.0f} |" for n, wall, rss in BEFORE)),
        )


# The same measurement ("ingest call", the same new article) before linking read slices of
# the store: commit e08211e, whose every ingest loaded every stored document and the whole link
# state and rewrote the timeline; stores built by this script's generator and linked by that
# code. (store size, wall s, peak MB)
BEFORE = ((1_000, 11.9, 540), (4_000, 47.4, 1407))

SECTION = """## Incremental cost (`bench/incremental.py`)

One new article ingested into a large store: a synthetic store generated from the shared
real articles (words swapped, dates shifted, actors and places moved to other "worlds";
see the script). *CLI* is `chronicle ingest NEW.txt --db STORE` as a user runs it, start-up
and model loading included (about 4–5 s whatever the store: importing spaCy and loading the
model); *ingest call* is `ingest_paths` alone in a process whose models are loaded: read,
clean, analyse, store, link and write. Peak memory is the process's maximum resident set
(the spaCy model and tables included). Database: {size} MB. Goal: under 1 s and 500 MB.

{table}

Before (commit e08211e), the same ingest call, with seed article 001: every ingest loaded
every stored document and the whole link state, and rewrote the timeline and its search index,
so the cost grew with the store (the first measurement of 001 on the store above gave 0.62 s
and 269 MB):

| store size (documents) | wall (s) | peak memory (MB) |
|---|---|---|
{before}

Now a new document reads the slice of the link state it can meet (`chronicle.link.index`):
its near-duplicate buckets, the stories sharing most of its heaviest terms, the merged events
sharing most of its reports' blocking keys, the people it names; and it writes back only
what it changed. What is left that grows with the store: SQLite's index lookups (logarithmic),
and a merged event's record, which is rewritten whole when a report joins it (an act reported
by thousands of articles costs in proportion). A changed document (same id, new content)
still relinks the whole store.
"""


if __name__ == "__main__":
    main()
