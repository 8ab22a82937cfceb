"""TempEval-3 Task A on TBAQ (TimeBank + AQUAINT): span, type and value scores of
``chronicle.temporal.tag`` against the gold TIMEX3 tags, plus tagging speed.

A fixed quarter of the files (by hash of the file name) is held out: rules are tuned on the
dev split only, and the held-out figures say how far that tuning generalises.

    .venv/bin/python bench/timex.py [--no-write] [--errors N]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import shared_dir, update_section
from chronicle.records import TimeExpr
from chronicle.temporal import tag


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class GoldDoc:
    name: str
    dct: str
    text: str
    timexes: list[Gold]


@dataclass(slots=True)
class Scores:
    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    chars: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        for name in ("system", "gold", "strict", "relaxed", "type_ok", "value_ok", "chars", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def held_out(name: str) -> bool:
    """The held-out test split: a fixed ~25% of files, chosen by hash of the file name."""
    return hashlib.sha1(name.encode()).digest()[0] % 4 == 0


def load(path: Path) -> GoldDoc:
    """Plain text of <TEXT> and its TIMEX3 spans; the DCT's own TIMEX3 sits outside TEXT."""
    tree = etree.parse(str(path))
    dct_node = tree.find(".//DCT/TIMEX3")
    text_node = tree.find(".//TEXT")
    if dct_node is None or text_node is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    parts: list[str] = []
    golds: list[Gold] = []
    length = 0

    def walk(node: etree._Element) -> None:
        nonlocal length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                golds.append(Gold(start, length, child.get("type") or "", child.get("value") or ""))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_node)
    return GoldDoc(path.name, dct_node.get("value") or "", "".join(parts), golds)


def score(doc: GoldDoc, found: list[TimeExpr], seconds: float) -> Scores:
    """TempEval-3 style: one-to-one matches; relaxed = any overlap; attributes over relaxed."""
    result = Scores(system=len(found), gold=len(doc.timexes), chars=len(doc.text), seconds=seconds)
    used: set[int] = set()
    matched_system: set[int] = set()
    for gold in doc.timexes:
        best = None
        for si, sys_tx in enumerate(found):
            if si in used or sys_tx.end <= gold.start or sys_tx.start >= gold.end:
                continue
            exact = sys_tx.start == gold.start and sys_tx.end == gold.end
            if best is None or exact:
                best = si
                if exact:
                    break
        if best is None:
            result.errors.append(f"MISS  {doc.name} {doc.dct[:10]} {doc.text[gold.start:gold.end]!r} "
                                 f"{gold.type} {gold.value}")
            continue
        used.add(best)
        matched_system.add(best)
        tx = found[best]
        result.relaxed += 1
        result.strict += tx.start == gold.start and tx.end == gold.end
        result.type_ok += tx.type == gold.type
        if (tx.value or "") == gold.value:
            result.value_ok += 1
        else:
            gold_text = doc.text[gold.start:gold.end]
            result.errors.append(f"VALUE {doc.name} {doc.dct[:10]} {tx.text!r}/{gold_text!r}"
                                 f" sys={tx.value} gold={gold.value} anchor={tx.anchor} "
                                 f"| {_context(doc.text, tx.start, tx.end)}")
    for si, tx in enumerate(found):
        if si not in matched_system:
            result.errors.append(f"EXTRA {doc.name} {tx.text!r} {tx.type} {tx.value} "
                                 f"| {_context(doc.text, tx.start, tx.end)}")
    return result


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 60):end + 30].replace("\n", " ")


def _f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run(docs: list[GoldDoc]) -> Scores:
    total = Scores()
    for doc in docs:
        began = time.perf_counter()
        found = tag(doc.text, doc.dct[:10])
        total.add(score(doc, found, time.perf_counter() - began))
    return total


def row(name: str, s: Scores, files: int) -> str:
    sp, sr, sf = _f1(s.strict, s.system, s.gold)
    rp, rr, rf = _f1(s.relaxed, s.system, s.gold)
    vp, vr, vf = _f1(s.value_ok, s.system, s.gold)
    _, _, tf = _f1(s.type_ok, s.system, s.gold)
    type_acc = s.type_ok / s.relaxed if s.relaxed else 0.0
    return (f"| {name} | {files} | {s.gold} | {s.system} | {sp:.3f} / {sr:.3f} / {sf:.3f} | "
            f"{rp:.3f} / {rr:.3f} / {rf:.3f} | {type_acc:.3f} ({tf:.3f}) | "
            f"**{vf:.3f}** ({vp:.3f} / {vr:.3f}) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    parser.add_argument("--errors", type=int, default=0, help="print this many dev-split errors")
    parser.add_argument("--split", choices=("dev", "test"), default="dev", help="which split's errors")
    args = parser.parse_args()

    root = shared_dir() / "bench" / "tempeval3" / "tbaq"
    paths = sorted(root.rglob("*.tml"))
    if not paths:
        raise SystemExit(f"no TimeML files under {root}")
    docs = [load(p) for p in paths]
    dev = [d for d in docs if not held_out(d.name)]
    test = [d for d in docs if held_out(d.name)]
    scores = {"dev": run(dev), "held-out test": run(test)}
    everything = Scores()
    for s in scores.values():
        everything.add(s)
    scores["all"] = everything
    counts = {"dev": len(dev), "held-out test": len(test), "all": len(docs)}

    # Speed on one core, measured apart from scoring: the whole corpus, three times.
    texts = [(d.text, d.dct[:10]) for d in docs]
    chars = sum(len(t) for t, _ in texts)
    began = time.perf_counter()
    for _ in range(3):
        for text, dct in texts:
            tag(text, dct)
    speed = 3 * chars / (time.perf_counter() - began)

    header = ("| split | files | gold | system | strict span P / R / F1 | relaxed span P / R / F1 "
              "| type acc. (type F1) | value F1 (P / R) |\n|---|---|---|---|---|---|---|---|")
    table = "\n".join([header] + [row(name, s, counts[name]) for name, s in scores.items()])
    print(table)
    print(f"speed: {speed:,.0f} characters/s (one core, {chars:,} characters x3)")
    if args.errors:
        errs = scores["dev" if args.split == "dev" else "held-out test"].errors
        for line in errs[: args.errors]:
            print(line)
    if args.no_write:
        return
    test_value = _f1(scores["held-out test"].value_ok, scores["held-out test"].system,
                     scores["held-out test"].gold)[2]
    dev_value = _f1(scores["dev"].value_ok, scores["dev"].system, scores["dev"].gold)[2]
    goal = "meets" if dev_value >= 0.80 else "short of"
    update_section("timex", f"""## Time expressions (`bench/timex.py`)

`chronicle.temporal.tag` on TempEval-3 TBAQ (TimeBank + AQUAINT, {len(docs)} files), Task A
scoring: strict span = exact offsets; relaxed = overlap (one-to-one); type accuracy over
relaxed matches (type F1 in brackets); **value F1** = relaxed matches whose TIMEX3 value is
also right, over system and gold counts. The held-out split is a fixed ~25% of files (SHA-1 of
the file name, first byte mod 4 == 0); rules were tuned on dev only.

{table}

Speed: **{speed:,.0f} characters/s** on one core (whole corpus, {chars:,} characters, three passes).

Published anchors (TempEval-3 *test* set, not TBAQ, so only roughly comparable): HeidelTime
value F1 **0.776**, SUTime **0.674**. Our held-out value F1 is {test_value:.3f}; TBAQ is the
TE3 training data, so the same rules would likely score differently on the TE3 test set.

Losses, plainly: dev value F1 is {dev_value:.4f} ({goal} the 0.80 goal, by a hair), held-out
{test_value:.4f}. Most remaining dev value errors are conventions the TBAQ annotators did not
apply consistently, so no general rule gains on them: weekday + part of day ("Thursday
night": we give `…TNI`, the gold as often the bare date or `TEV`), weeks (`1989-WXX` in the
WSJ files for "last week", unpadded `2000-W7` elsewhere, ISO `1998-W12` in others), bare
years as `1949-XX` in two files, decades as `199` or `199X`, "recent years" as `PAST_REF` or
`PXY`; then weekdays whose gold is a week off the dct's reading, "a year earlier" in
earnings reports (the same quarter a year back when a closed quarter is in context, the
year when the comparison runs over nine months or a year; the gold mixes quarter, year,
month and day), and unannotated "now"/"today's"/"current" (precision).

A quotation carries its own tense: the tense cue that places a weekday before or after the
document date is read inside the quotation the expression stands in, not from the verb that
reports it ('"He will leave at 4 a.m. Thursday," Castro said' is the coming Thursday). Dev
value F1 0.8004 -> 0.802, held-out unchanged, realnews-dev unchanged. A holiday takes the year
written after it ("on Christmas Day in 2015", not the last Christmas before the document):
TBAQ unchanged, realnews-dev event date 0.911 -> 0.917.
""")


if __name__ == "__main__":
    main()
