"""Indexing: turn registered objects into search documents and keep the database's full-text
index in step (PostgreSQL: the title-weighted `tsvector`; SQLite: FTS5, by triggers)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from search import registry
from search.models import SearchDocument

# Enough for every word of a long document; PostgreSQL's tsvector holds at most 1 MB.
MAX_BODY_CHARS = 300_000


def vector_expression():
    """The stored vector: title words rank above body words (English configuration)."""
    return SearchVector("title", weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )


def _store(kind: registry.SearchKind, document: registry.Document) -> SearchDocument:
    row, _ = SearchDocument.objects.update_or_create(
        kind=kind.name,
        object_id=document.object_id,
        defaults={
            "assessment_id": document.assessment_id,
            "council_id": document.council_id,
            "category": document.category[:100],
            "date": document.date,
            "title": document.title[:300],
            "body": document.body[:MAX_BODY_CHARS],
            "url": document.url,
            "contains_personal_data": document.contains_personal_data,
            "note": document.note[:300],
        },
    )
    row.statements.set(document.statement_ids)
    return row


def _refresh_vectors(pks) -> None:
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk__in=pks).update(vector=vector_expression())


@transaction.atomic
def reindex_object(kind: registry.SearchKind, object_id: int) -> SearchDocument | None:
    """Index one object as it is now; an object that is gone (or says it should not be found)
    leaves the index."""
    obj = kind.queryset().filter(pk=object_id).first()
    document = kind.document(obj) if obj is not None else None
    if document is None:
        SearchDocument.objects.filter(kind=kind.name, object_id=object_id).delete()
        return None
    row = _store(kind, document)
    _refresh_vectors([row.pk])
    return row


def reindex_all(kinds=None, *, batch_size: int = 500) -> dict[str, int]:
    """Rebuild the index of the given kinds (all by default); returns documents per kind."""
    counts = {}
    for kind in kinds or registry.kinds():
        count, kept = 0, []
        with transaction.atomic():
            # Oldest object first, so a rebuilt index keeps the order objects were added in
            # (search ranks among the most recently added matches: search.selectors).
            for obj in kind.queryset().order_by("pk").iterator(chunk_size=batch_size):
                document = kind.document(obj)
                if document is None:
                    continue
                kept.append(_store(kind, document).pk)
                count += 1
                if len(kept) >= batch_size:
                    _refresh_vectors(kept)
                    kept = []
            _refresh_vectors(kept)
            live = kind.queryset().values("pk")
            SearchDocument.objects.filter(kind=kind.name).exclude(object_id__in=live).delete()
        counts[kind.name] = count
    return counts
