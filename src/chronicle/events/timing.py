"""Event dates: the time expression that governs the trigger's clause, the narrative date,
the publication date for present-tense reporting, and dates lent by a later line that names
the act again."""

from __future__ import annotations

import re
from dataclasses import replace

from chronicle.events.dating import from_publication, from_timex, past_period, usable
from chronicle.events.parse import DAY_WORDS, FUTURE, SUBJECTS, Part, SentenceParse, Trigger, coordinated
from chronicle.records import (
    Event,
    EventDate,
    Sentence,
    TimeExpr,
    Token,
)
from chronicle.temporal.grammar import WEEKDAY
from chronicle.temporal.values import add_days, parse_dct

# Prepositions that make a time expression a bound of a state, not the time of an act.
_BOUND_PREPS = frozenset({"since", "until", "till", "through", "throughout"})

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")

# Verbs that schedule what follows them: "is set to take effect", "is due to begin".
_SCHEDULED = frozenset({"set", "due", "schedule", "expect", "slate", "plan"})

_WEEKDAY_ONLY = re.compile(rf"(?:on\s+)?{WEEKDAY}\Z", re.I)

# How far ahead an undated agreement looks for the sentence that dates it.
_FOLLOWING_SENTENCES = 3

# How far after a noun naming an act again its day may stand ("The incident, which took place on").
_NEAR_CHARS = 40


def _yearless(timex: TimeExpr) -> bool:
    """A date whose month (and day) the text states but no anchor placed in a year: XXXX-08-03."""
    return timex.type == "DATE" and bool(re.fullmatch(r"XXXX-\d\d(?:-\d\d)?", timex.value or ""))


def _bare_clock(timex: TimeExpr) -> bool:
    """A clock time with no day of its own ("4 a.m. local time"): its day is the document's."""
    return timex.type == "TIME" and timex.anchor == "dct" and not DAY_WORDS.search(timex.text)


class Dater(Part):
    """Dates each event."""

    def _date_from_anaphora(self, events: list[Event]) -> None:
        """"Three sailors were killed after a missile struck the ship. ... The incident, which
        took place on Wednesday, ...": an undated act takes the one day that a following
        sentence gives a definite noun naming it again (``incident_nouns``)."""
        for event in events:
            pattern = self.lex.incident_patterns.get(event.type)
            if pattern is None or event.date.start is not None or event.modality not in {"asserted", "reported"}:
                continue
            following = self.doc.sentences[event.sentence.index + 1 : event.sentence.index + 1 + _FOLLOWING_SENTENCES]
            # the first of them that names the act again and gives a day ("The tragic incident
            # has become ..." gives none; "The incident, which took place on Wednesday" does)
            for sentence in following:
                named = pattern.search(self.doc.body[sentence.start : sentence.end])
                if named is None:
                    continue
                days = [
                    tx for tx in self.doc.timexes
                    if sentence.start <= tx.start < sentence.end and tx.start >= self.dateline_end
                    and usable(tx) and not _bare_clock(tx) and _DAY_VALUE.match(tx.value or "")
                ]
                # the one day the sentence gives, or the day right after the noun ("The
                # announcement was made on November 26, and the truce takes effect on the 27th")
                after = sentence.start + named.end()
                near = [tx for tx in days if 0 <= tx.start - after <= _NEAR_CHARS]
                if len({(tx.value or "")[:10] for tx in days}) == 1 or near:
                    event.date = replace(from_timex((near or days)[0]), basis="narrative")
                    break

    def _date_from_following(self, events: list[Event]) -> None:
        """"India and Pakistan have agreed to a ceasefire. The agreement, effective ... on May
        10, 2025, ...": an undated agreement takes the day the next few sentences give the
        same agreement (an agreement noun, or the same verb) — the narrative's own date."""
        family = self.lex.agreement_family
        for event in events:
            if event.date.start is not None or event.type not in family:
                continue
            if event.modality not in {"asserted", "reported"}:
                continue
            for later in events:
                gap = later.sentence.index - event.sentence.index
                if not 0 < gap <= _FOLLOWING_SENTENCES or later.type not in family:
                    continue
                if later.date.precision != "day" or later.date.basis not in {"explicit", "relative"}:
                    continue
                if self.doc.published and (later.date.start or "") > self.doc.published:
                    continue  # "will enter into force on August 3": the future, not when it was agreed
                word = later.trigger.lower()
                if event.trigger.lower() not in self.lex.agreement_words:
                    break  # "offered to mediate": not the agreement a later sentence dates
                if word in self.lex.agreement_nouns or word == event.trigger.lower():
                    event.date = replace(later.date, basis="narrative")
                    break

    def _date(
        self,
        parse: SentenceParse,
        trig: Trigger,
        live: list[Trigger],
        timexes: list[TimeExpr],
        sentence: Sentence,
    ) -> EventDate:
        """The time expression governing the trigger's clause; else the narrative date; else the
        publication date for present-tense reporting; else unresolved."""
        gov = trig.governor
        own = {trig.tok.i, gov.i} | trig.own
        # A date on a governing clause covers this one only through complements and coordination
        # ("said Thursday that they had wrapped up talks"), never through a relative clause.
        ancestors: list[int] = []
        cur = gov
        while (cur.dep in {"ccomp", "xcomp", "conj", "parataxis"} or self._participial(parse, cur)) and (
            parse.head(cur) is not None
        ):
            cur = parse.head(cur)  # type: ignore[assignment]
            ancestors.append(cur.i)
        other_triggers = {t.governor.i for t in live if t is not trig} | {t.tok.i for t in live if t is not trig}
        # "said on Friday that they have agreed to a truce on Saturday evening": a present
        # perfect takes no definite past time of its own; a day hung on it dates something in
        # it (the truce's start), and the act is dated by the verb of saying that reports it.
        reported_perfect = self._present_perfect(parse, gov) and any(
            parse.by_i[a].lemma.lower() in self.lex.speech_verbs for a in ancestors
        )
        subjects = parse.kids(gov, *SUBJECTS)
        clause_start = min([gov.i, *(parse.subtree(k)[0].i for k in subjects)]) if reported_perfect else 0
        best: tuple[int, TimeExpr] | None = None
        loose: list[TimeExpr] = []
        placeless: TimeExpr | None = None  # "on August 3" with no year to place it: stated, unknown
        for timex in [past_period(t, self.doc.published) or t for t in timexes]:
            if timex.start < self.dateline_end:
                continue  # the dateline dates the filing, not the events the story reports
            if not usable(timex) and not _yearless(timex):
                continue
            toks = [t for t in parse.tokens if timex.start <= t.start and t.end <= timex.end]
            if not toks or self._bound(parse, toks[0], own):
                continue
            inside = {t.i for t in toks}
            root = next((t for t in toks if t.head not in inside), toks[0])
            chain = [root.i] + [a.i for a in parse.ancestors(root)]
            rank = None
            before = parse.by_i.get(toks[0].i - 1)
            if before is not None and before.head in own and before.dep in {"amod", "acl", "prep"}:
                # "a ceasefire effective Saturday, January 18": the modifier the date follows
                # is the event's, however the parser hung the date itself
                chain = [root.i, before.head]
            for step in chain[1:]:
                if step in own:
                    # under the perfect, only a day before the reported clause opens is the
                    # saying's ("said on Thursday they have agreed", however the parser hung it)
                    rank = (1 if toks[-1].i < clause_start else None) if reported_perfect else 0
                    break
                tok = parse.by_i[step]
                if tok.pos in {"VERB", "AUX"} and step in ancestors:
                    # a coordinated or governing clause's date covers this one ("exchanged
                    # prisoners on December 13 and issued a joint statement")
                    rank = 1 + ancestors.index(step)
                    break
                if step in other_triggers:
                    break
                if tok.tag == "VBG" and tok.dep == "advcl" and tok.lemma.lower() in self.lex.onset_verbs:
                    continue  # "starting from September 24, thousands left": when the act began
                if tok.pos in {"VERB", "AUX"} and step not in ancestors:
                    break
            if rank is None:
                if usable(timex) and not any(parse.by_i[s].pos in {"VERB", "AUX"} for s in chain[1:]):
                    loose.append(timex)  # hangs from no clause at all (a dateline, a fragment)
                continue
            if not usable(timex):
                placeless = placeless or timex
                continue
            if best is None or rank < best[0] or (rank == best[0] and _bare_clock(best[1]) and not _bare_clock(timex)):
                best = (rank, timex)  # "at 4 a.m. local time on Wednesday": the day, not the clock's dct
        if best is not None:
            date = from_timex(best[1])
            date = self._forward_weekday(parse, trig, best[1], date)
        elif len(loose) == 1:
            date = from_timex(loose[0])
        else:
            date = EventDate()
        if date.start is not None:
            if gov.pos == "VERB" and gov.dep == "ROOT":
                self._clause_dates[sentence.index] = date
            return date
        if placeless is not None:
            # the clause states its own day, which nothing places in a year: the date stays
            # unknown (no narrative or publication date stands in for it), its words kept
            return EventDate(text=placeless.text)
        if trig.modality in {"asserted", "reported", "negated"} and self._past(parse, gov) and not self._sequenced(
            parse, gov
        ):
            narrative = self._narrative(sentence)
            if narrative is not None:
                return replace(narrative, basis="relative")
        if self.doc.published and self._present_now(parse, gov) and trig.modality == "asserted":
            return from_publication(self.doc.published)
        return EventDate()

    def _forward_weekday(self, parse: SentenceParse, trig: Trigger, timex: TimeExpr, date: EventDate) -> EventDate:
        """A bare weekday on an event still to come ("is set to take effect on Wednesday",
        "will meet on Monday") is the next such day, whatever the nearest verb of the
        sentence ("..., Biden said") made the tagger choose."""
        published = self.doc.published
        if not (published and date.start and date.precision == "day" and _WEEKDAY_ONLY.match(timex.text)):
            return date
        if date.start >= published or not self._ahead(parse, trig):
            return date
        day, today = parse_dct(date.start), parse_dct(published)
        moved = add_days(day, 7) if day is not None else None
        if moved is None or today is None or moved < today:
            return date
        return replace(date, start=moved.isoformat())

    def _ahead(self, parse: SentenceParse, trig: Trigger) -> bool:
        """The trigger's clause speaks of what is still to come: "will", "is set to", "due to"."""
        if trig.modality == "promised":
            return True
        for verb in [trig.governor, *parse.ancestors(trig.governor)[:2]]:
            if verb.lemma.lower() in _SCHEDULED or any(k.lemma.lower() in FUTURE for k in parse.kids(verb, "aux")):
                return True
        return False

    def _sequenced(self, parse: SentenceParse, verb: Token) -> bool:
        """The clause is placed before or after another act ("the ceasefire was reached after
        Malaysia offered to mediate"): not at the time the narrative carries."""
        return verb.dep == "advcl" and any(k.lemma.lower() in self.lex.sequence_marks for k in parse.kids(verb, "mark"))

    def _participial(self, parse: SentenceParse, verb: Token) -> bool:
        """A subjectless participle clause adjoined to its main clause ("shelled the city on
        Wednesday, killing three"): it happened when the main clause did."""
        return verb.dep == "advcl" and verb.tag == "VBG" and not parse.kids(verb, "nsubj", "nsubjpass", "mark")

    def _past(self, parse: SentenceParse, verb: Token) -> bool:
        auxes = {k.lemma.lower() for k in parse.kids(verb, "aux", "auxpass")}
        return verb.tag == "VBD" or (
            verb.tag == "VBN" and ("have" not in auxes or any(k.text.lower() == "had" for k in parse.kids(verb, "aux")))
        )

    @staticmethod
    def _present_perfect(parse: SentenceParse, verb: Token) -> bool:
        """"have agreed", "has signed": a past participle under a present 'have'."""
        return verb.tag == "VBN" and any(
            k.lemma.lower() == "have" and k.tag in {"VBP", "VBZ"} for k in parse.kids(verb, "aux")
        )

    def _present_now(self, parse: SentenceParse, verb: Token) -> bool:
        """The simple present or progressive ("the envoy says", "Turkey is deploying troops")
        reports what holds as of publication; a perfect ("has agreed"), a passive ("were
        killed") or a future does not say when."""
        first = verb  # "will firmly support X, ... and firmly support Y": the first conjunct's auxiliaries
        while coordinated(parse, first) and (head := parse.head(first)) is not None and head.pos in {"VERB", "AUX"}:
            first = head
        auxes = parse.kids(verb, "aux", "auxpass") or parse.kids(first, "aux", "auxpass")
        if not auxes:
            return verb.tag in {"VBZ", "VBP"}
        return verb.tag == "VBG" and len(auxes) == 1 and auxes[0].dep == "aux" and auxes[0].tag in {"VBZ", "VBP"}

    def _bound(self, parse: SentenceParse, first: Token, own: set[int]) -> bool:
        """A time expression that bounds a state rather than dating an act: "at war since
        2020", "until 2030". "Since" on the event's own verb dates its start: "has stepped
        up attacks since October 7"."""
        prev = parse.by_i.get(first.i - 1)
        if prev is None or prev.text.lower() not in _BOUND_PREPS:
            return False
        return not (prev.text.lower() == "since" and prev.head in own)

    def _narrative(self, sentence: Sentence) -> EventDate | None:
        """The date of the previous sentence's main clause, when this sentence continues it in
        the same paragraph, and that date is a day or a month."""
        if sentence.index == 0:
            return None
        prev = self.doc.sentences[sentence.index - 1]
        if "\n" in self.doc.body[prev.end : sentence.start]:
            return None
        date = self._clause_dates.get(prev.index)
        return date if date is not None and date.precision in {"day", "month"} else None
