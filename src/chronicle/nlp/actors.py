"""Actors across documents: a surname-only person in one article ("Aliyev") is the full-name
person another article introduces ("Ilham Aliyev"), when that surname is unambiguous."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from chronicle.records import Actor, Document, EventActor


def people(docs: Sequence[Document], known: Mapping[str, Actor] | None = None) -> dict[str, Actor]:
    """Full-name people seen in ``docs`` or already ``known`` (by name), with attributes merged
    across mentions. The inputs are not changed."""
    full: dict[str, Actor] = {name: replace(actor) for name, actor in (known or {}).items()}
    for doc in docs:
        actors = [m.actor for m in doc.mentions] + [a.actor for e in doc.events for a in e.actors]
        for actor in actors:
            if actor is None or actor.kind != "person" or " " not in actor.name:
                continue
            person = full.setdefault(actor.name, replace(actor))
            person.country = person.country or actor.country
            person.role_title = person.role_title or actor.role_title
            person.sector = person.sector or actor.sector
            person.affiliation = person.affiliation or actor.affiliation
    return full


def resolve_across(docs: Sequence[Document], known: Mapping[str, Actor] | None = None) -> list[Document]:
    """Documents whose person actors are unified across the corpus: surname-only names become
    the unique full name with that surname, and missing country/title are filled in from other
    mentions of the same person. ``known``: the people of documents seen before (all those
    sharing a name or surname with these, at least). Returns new Document objects; the inputs
    are not changed."""
    full = people(docs, known)
    by_surname: dict[str, Actor | None] = {}
    for name, actor in full.items():
        surname = name.split()[-1]
        by_surname[surname] = None if surname in by_surname else actor

    def fix(actor: Actor | None) -> Actor | None:
        if actor is None or actor.kind != "person":
            return actor
        target = full.get(actor.name) or by_surname.get(actor.name)
        return replace(target) if target is not None else actor

    out = []
    for doc in docs:
        mentions = [replace(m, actor=fix(m.actor)) for m in doc.mentions]
        events = [
            replace(e, actors=[EventActor(fix(a.actor) or a.actor, a.role, a.text) for a in e.actors])
            for e in doc.events
        ]
        out.append(replace(doc, mentions=mentions, events=events))
    return out
