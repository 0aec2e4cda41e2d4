"""Searchable kinds: one registration per kind, in the owning app's `search_kinds` module.

A kind says how one object becomes a search document, which saved models make it change, and
which policy scope decides who may see its documents. Nothing else is needed to make a new
kind searchable: the signals, the index, the pages and the API all read this registry."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Document:
    """The indexed form of one object."""

    object_id: int
    council_id: int
    title: str
    body: str
    url: str
    assessment_id: int | None = None
    statement_ids: tuple[int, ...] = ()
    category: str = ""
    date: datetime.date | None = None
    contains_personal_data: bool = False
    note: str = ""


@dataclass(frozen=True)
class SearchKind:
    name: str
    label: str
    model: type[Model]
    # All objects of the kind, with what `document` reads joined in (for a full reindex).
    queryset: Callable[[], QuerySet]
    # The object's document, or None when it should not be found (e.g. withdrawn).
    document: Callable[[Model], Document | None]
    # policy scope: (user, Assessment queryset) -> the assessments whose documents of this
    # kind the user may see. Personal data is filtered on top of it by the policy.
    visible_assessments: Callable
    # Other models whose saves change this kind's document: (model, instance -> owner pk).
    watches: tuple[tuple[type[Model], Callable[[Model], int | None]], ...] = field(
        default_factory=tuple
    )
    # Many-to-many fields of `model` whose changes change the document.
    m2m_fields: tuple[str, ...] = ()


_KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    if kind.name in _KINDS and _KINDS[kind.name] is not kind:
        raise ValueError(f"The search kind {kind.name!r} is registered twice.")
    _KINDS[kind.name] = kind
    return kind


def kinds() -> Iterable[SearchKind]:
    return _KINDS.values()


def get(name: str) -> SearchKind:
    return _KINDS[name]


def choices() -> list[tuple[str, str]]:
    return [(kind.name, kind.label) for kind in _KINDS.values()]


def file_name_words(name: str) -> str:
    """A file's name and its words: PostgreSQL's parser reads "minutes-2025.pdf" as one
    host-like token, so the words are indexed beside the name to be found on their own."""
    import re

    words = " ".join(re.findall(r"[^\W_]+", name))
    return f"{name} {words}" if words and words != name else name
