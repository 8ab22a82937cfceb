"""Provision status over time: which provisions each document mentions, where each stands
according to the sentence that says so, and when.

Per document the work is sentence by sentence, plus two pieces of discourse:

* an announcement that "two points ... remained unresolved" makes the provisions named in the
  next few sentences (without a cue of their own) unresolved;
* a statement about the agreement text as a whole ("accepted the proposals on the previously
  unresolved articles", "negotiations on the draft have been concluded") moves the provisions
  this same document identifies as open to the statement's status, as of its date.

Dates come from the sentence's own time expression (when the statement was made), else the
publication date, else stay unknown. Nothing is inferred across documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from chronicle.agree.names import subject_before
from chronicle.agree.status import OPEN_STATUSES, RANK, Cue, clauses, find_cues, status_for
from chronicle.agree.taxonomy import TAXONOMY
from chronicle.pipeline import stage
from chronicle.records import Document, Provision, ProvisionStatus, Sentence, TimeExpr
from chronicle.settings import Settings

_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# A time expression after these words is a target or a range edge, not when the statement was made.
_NOT_STATEMENT_TIME = re.compile(
    r"\b(?:by|until|till|before|within|no later than|from|since|ahead of)\s+(?:the\s+)?$", re.I
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

_CEASEFIRE_NAME = re.compile(r"\b(?:cease[- ]?fire|truce|armistice)\b", re.I)
_JOINT_STATEMENT = re.compile(r"\bjoint (?:statement|declaration)\b", re.I)
_PEACE_TREATY = re.compile(
    r"\b(?:peace(?:ful)?|normali[sz]ation|bilateral) (?:agreement|treaty|deal|accord|text)s?\b|"
    r"\bdraft (?:\w+ )?(?:agreement|treaty)\b|\bthe treaty\b", re.I
)
# "as part of a ceasefire agreement": the ceasefire names the agreement, it is not the provision.
_AGREEMENT_REFERENCE = re.compile(
    r"\b(?:part of|under|in line with|according to|within|terms of|per|signatories to|in)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:\d{4}\s+)?(?:\w+\s+)?$", re.I
)
_AGREEMENT_AFTER = re.compile(r"^\s*(?:agreement|deal|accord|statement|declaration)s?\b", re.I)

# Statements about the agreement text as a whole.
_TEXT_NOUN = re.compile(r"\b(?:text|draft|articles?|provisions?|points|clauses)\b", re.I)
_TALKS = re.compile(r"\b(?:negotiations?|negotiation process|talks)\b", re.I)
_COMPLETED = re.compile(r"^(?:concluded|wrapped up|finali[sz]ed|completed)$", re.I)
_REFERS_TO_OPEN = re.compile(
    r"\b(?:previously |remaining |still )?(?:unresolved|outstanding|remaining|disputed|open)\s+"
    r"(?:articles?|provisions?|points|issues|clauses|questions)\b", re.I
)
_AGREEMENT_WORD = re.compile(r"\b(?:agreement|treaty|deal|accord|text|draft)\b", re.I)
# "two points ... had remained unresolved": the items it announces are named in what follows.
_ENUMERATION = re.compile(
    r"\b(two|three|four|five|several|a few|a number of|\d+)\s+(?:\w+\s+){0,2}"
    r"(?:points|issues|articles|provisions|questions|items|clauses|sticking points)\b", re.I
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
_DISCOURSE_WINDOW = 4  # sentences an enumeration's status carries over


@stage("agree", requires=("sentences", "timexes", "mentions"), assigns=("provision_statuses",))
def find_provision_statuses(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Where each provision an article names stands, per sentence (status "ok" only).

    Per document, so it runs with the other per-document stages (in the worker processes);
    the cross-source step only gathers the entries (:func:`provision_history`).
    """
    del settings  # no tunables yet; the signature is the stage contract
    for doc in docs:
        yield replace(doc, provision_statuses=document_statuses(doc)) if doc.status == "ok" else doc


def provision_history(docs: Sequence[Document], settings: Settings) -> list[Provision]:
    """Every provision mentioned in ``docs`` (through the "agree" stage), with its status
    history ordered by date.

    Reprints (``duplicate_of`` set) and documents not analysed (status other than "ok") are
    left out, so one report is not counted twice. Only provisions with at least one entry are
    returned, in taxonomy order. Deterministic: same documents, same output.
    """
    del settings  # no tunables yet; kept so the signature matches every other stage entry point
    entries: list[ProvisionStatus] = []
    for doc in docs:
        if doc.status != "ok" or doc.duplicate_of:
            continue
        entries.extend(doc.provision_statuses)
    return provisions_from(entries)


def provisions_from(entries: Sequence[ProvisionStatus]) -> list[Provision]:
    """The provisions these status entries speak of, each with its history ordered by date, in
    taxonomy order. The same whatever the order of ``entries``."""
    result = []
    for ptype in TAXONOMY:
        history = sorted((e for e in entries if e.provision == ptype.key), key=history_key)
        if history:
            result.append(Provision(ptype.key, ptype.label, ptype.definition, history))
    return result


def history_key(entry: ProvisionStatus) -> tuple[int, str, int, str, int]:
    """Dated entries by date (and progress on the same day), undated ones last."""
    return (entry.date is None, entry.date or "", RANK.get(entry.status, 0), entry.doc, entry.start)


def document_statuses(doc: Document) -> list[ProvisionStatus]:
    """The status entries one document supports, each citing its sentence verbatim."""
    sentences = doc.sentences or split_sentences(doc.body)
    dates = [_statement_date(s, doc) for s in sentences]
    named = [_named_agreement(s.text, d[0]) for s, d in zip(sentences, dates, strict=True)]
    found: list[ProvisionStatus] = []
    wholes: list[tuple[Sentence, Cue, str | None, str | None, str]] = []
    carry: tuple[Cue, int, int] | None = None  # (cue, sentences left, items left)
    for i, sent in enumerate(sentences):
        cues = find_cues(sent.text)
        date, basis = dates[i]
        agreement = named[i] or _discourse_agreement(named, i)
        mentions = _provision_mentions(sent.text)
        if not mentions:
            whole = _whole_text_cue(sent.text, cues)
            if whole is not None:
                wholes.append((sent, whole, date, named[i] or agreement, basis))
            opener = _enumeration_opener(sent.text, cues)
            if opener is not None:
                carry = opener
            elif carry is not None:
                carry = (carry[0], carry[1] - 1, carry[2]) if carry[1] > 1 else None
            continue
        seen: set[str] = set()
        for key, start, end in mentions:
            if key in seen:
                continue
            seen.add(key)
            cue = status_for(sent.text, start, end, cues)
            if cue is None and carry is not None:
                cue = carry[0]  # inherited from "N points remained unresolved" just before
                cue_start = None
            else:
                cue_start = cue.start if cue is not None else None
            if cue is None:
                continue  # named without any statement of where it stands
            own_agreement = agreement
            if key == "ceasefire" and not named[i]:
                own_agreement = _ceasefire_name(sent.text, date)
            by = None
            if cue_start is not None and _has_agent(cue, sent.text):
                by = subject_before(sent.text, sent.start, cue_start, _clause_start(sent.text, cue_start),
                                    doc.mentions)
            found.append(ProvisionStatus(
                provision=key, status=cue.status, date=date, doc=doc.id, sentence=sent.text,
                start=sent.start, end=sent.end, agreement=own_agreement, outlet=doc.outlet, by=by,
                cue=cue.text, date_basis=basis,
            ))
        if carry is not None:
            left = carry[2] - len(seen)
            carry = (carry[0], carry[1] - 1, left) if left > 0 and carry[1] > 1 else None
    found.extend(_apply_whole_text(doc, found, wholes))
    return found


def split_sentences(body: str) -> list[Sentence]:
    """A plain sentence splitter for documents that have not been through ``chronicle.nlp``."""
    out: list[Sentence] = []
    for block in re.finditer(r"[^\n]+", body):
        pos = block.start()
        for m in re.finditer(r".+?(?:[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|$)", block.group(0)):
            raw = m.group(0)
            lead = len(raw) - len(raw.lstrip())
            text = raw.strip()
            if text:
                start = pos + m.start() + lead
                out.append(Sentence(len(out), start, start + len(text), text))
    return out


# --------------------------------------------------------------------------- helpers


def _provision_mentions(text: str) -> list[tuple[str, int, int]]:
    """(provision key, start, end) for every provision named in a sentence, in text order."""
    out = []
    for ptype in TAXONOMY:
        for start, end in ptype.find(text):
            if ptype.key == "ceasefire" and _AGREEMENT_REFERENCE.search(text[:start]) \
                    and _AGREEMENT_AFTER.match(text[end:]):
                continue  # "as part of a ceasefire agreement" names an agreement, not a provision
            out.append((ptype.key, start, end))
    return sorted(out, key=lambda t: (t[1], t[0]))


def _named_agreement(text: str, date: str | None) -> str | None:
    """Which agreement a sentence names, when it names one."""
    if _PEACE_TREATY.search(text):
        return "peace treaty"
    m = _CEASEFIRE_NAME.search(text) or re.search(r"\bcease fire\b", text, re.I)
    if m and re.search(r"\b(?:agreement|deal|accord|reached|agreed|declared|signed)\b", text, re.I):
        return _ceasefire_name(text, date)
    if _JOINT_STATEMENT.search(text):
        years = _YEAR.findall(text)
        return f"{years[-1]} joint statement" if years else "joint statement"
    return None


def _ceasefire_name(text: str, date: str | None) -> str:
    """"2020 ceasefire": ceasefires are told apart by the year they were agreed in."""
    years = _YEAR.findall(text)
    year = years[0] if years else (date[:4] if date else None)
    return f"{year} ceasefire" if year else "ceasefire"


def _discourse_agreement(named: list[str | None], i: int) -> str | None:
    """The agreement the discourse is about: the last one named before, else the next one named."""
    for name in reversed(named[:i]):
        if name:
            return name
    for name in named[i + 1:]:
        if name:
            return name
    return None


def _statement_date(sent: Sentence, doc: Document) -> tuple[str | None, str]:
    """When the sentence's statement was made: its own time expression, else publication."""
    for tx in _timexes_in(sent, doc.timexes):
        value = tx.value or ""
        if tx.type != "DATE" or not _ISO.match(value):
            continue
        local = tx.start - sent.start
        if _NOT_STATEMENT_TIME.search(sent.text[:max(local, 0)]):
            continue
        if doc.published and value[:len(doc.published)] > doc.published[:len(value)]:
            continue  # later than the article: a target date, not the statement
        return value, "sentence"
    if doc.published:
        return doc.published, "publication"
    return None, "unknown"


def _timexes_in(sent: Sentence, timexes: Iterable[TimeExpr]) -> list[TimeExpr]:
    return sorted((t for t in timexes if sent.start <= t.start and t.end <= sent.end), key=lambda t: t.start)


_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+$", re.I)


def _has_agent(cue: Cue, text: str) -> bool:
    """Whether the words before the cue can name who acts: not for drafts, open issues or
    passives ("an agreement was reached": the subject is the agreement, not a party)."""
    if cue.status in ("in draft", "unresolved"):
        return False
    participle = cue.text.lower().endswith(("ed", "en", "wn", "ached"))
    return "reached" not in cue.text.lower() and not (participle and _PASSIVE.search(text[:cue.start]))


def _clause_start(text: str, at: int) -> int:
    for start, end in clauses(text):
        if start <= at < end:
            return start
    return 0


def _whole_text_cue(text: str, cues: list[Cue]) -> Cue | None:
    """The cue of a statement about the agreement text as a whole ("the text has been agreed")."""
    names_agreement = bool(_PEACE_TREATY.search(text) or _AGREEMENT_WORD.search(text)
                           or _REFERS_TO_OPEN.search(text))
    if not names_agreement:
        return None
    settled = []
    for c in cues:
        if c.status == "signed":
            settled.append(c)  # "the treaty was signed" is about the whole text by nature
        elif (c.status == "agreed" and not re.match(r"\s+to\b", text[c.end:])
              and (_TEXT_NOUN.search(text) or (_TALKS.search(text) and _COMPLETED.match(c.text)))):
            # "agreed to continue talks" is not agreeing the text; "agreed on the text" is, and so
            # is "negotiations ... have been concluded".
            settled.append(c)
    return max(settled, key=lambda c: (RANK[c.status], -c.start)) if settled else None


def _enumeration_opener(text: str, cues: list[Cue]) -> tuple[Cue, int, int] | None:
    """For "two points ... remained unresolved": (the cue, window, how many items follow)."""
    m = _ENUMERATION.search(text)
    open_cues = [c for c in cues if c.status in OPEN_STATUSES]
    if m is None or not open_cues:
        return None
    word = m.group(1).lower()
    count = int(word) if word.isdigit() else _COUNTS.get(word, _DISCOURSE_WINDOW)
    return open_cues[0], _DISCOURSE_WINDOW, count


def _apply_whole_text(
    doc: Document,
    found: list[ProvisionStatus],
    wholes: list[tuple[Sentence, Cue, str | None, str | None, str]],
) -> list[ProvisionStatus]:
    """Whole-text statements move the provisions this document identifies as open."""
    if not wholes:
        return []
    out: list[ProvisionStatus] = []
    open_entries = [e for e in found if e.status in OPEN_STATUSES]
    # A signature covers every provision the text mentions for that agreement; an agreement on
    # the text settles what this document says was open.
    moved = [e for e in found if RANK[e.status] < RANK["signed"]]
    for key in dict.fromkeys(e.provision for e in moved):
        targets = [e for e in moved if e.provision == key]
        agreements = {e.agreement for e in targets}
        fitting = [w for w in wholes if w[3] is None or None in agreements or w[3] in agreements]
        if not any(e.status in OPEN_STATUSES for e in targets):
            fitting = [w for w in fitting if w[1].status == "signed"]
        if not fitting:
            continue
        # The furthest step wins (signed over agreed); then a statement that itself points at
        # the open articles; then the first one.
        sent, cue, date, agreement, basis = max(
            fitting, key=lambda w: (RANK[w[1].status], bool(_REFERS_TO_OPEN.search(w[0].text)), -w[0].start)
        )
        for e in open_entries:
            if e.provision == key and e.date_basis == "publication" and date and (e.date or "") > date:
                # Only dated by the article, and settled on an earlier day in this same text: the
                # document describes the state before the settlement, so it held by that day.
                e.date, e.date_basis = date, "discourse"
        by = None
        if _has_agent(cue, sent.text):
            by = subject_before(sent.text, sent.start, cue.start, _clause_start(sent.text, cue.start),
                                doc.mentions)
        out.append(ProvisionStatus(
            provision=key, status=cue.status, date=date, doc=doc.id, sentence=sent.text,
            start=sent.start, end=sent.end,
            agreement=agreement or next(iter(sorted(a for a in agreements if a)), None),
            outlet=doc.outlet, by=by, cue=cue.text, date_basis=basis,
        ))
    return out
