"""One row per searchable object, whatever its kind: the text that is searched, the facts the
permission policy and the filters need (assessment, council, statements, category, date,
personal data), and where the hit links to.

The full-text index itself is the database's own: on PostgreSQL a `tsvector` column
(English configuration, title weighted above body) with a GIN index; on SQLite an FTS5 table
kept in step by triggers. Both are created by the migration for the database in use."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from assessments.models import Assessment, QualityStatement
from councils.models import Council


class SearchDocument(models.Model):
    kind = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    statements = models.ManyToManyField(QualityStatement, blank=True, related_name="+")
    category = models.CharField(max_length=100, blank=True)
    date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    contains_personal_data = models.BooleanField(default=False)
    # Why part of the object could not be indexed (e.g. a file whose text could not be read),
    # shown beside the hit.
    note = models.CharField(max_length=300, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only: filled by the indexing service from title and body (see services).
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_row_per_object")
        ]
        indexes = [
            models.Index(fields=["assessment", "kind"], name="search_assessment_kind"),
            models.Index(fields=["council", "kind"], name="search_council_kind"),
            models.Index(fields=["date"], name="search_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
