"""Reads of the case list and the sample."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from assessments.models import Assessment
from fieldwork.models import Case, CaseList, ConsentStatus, JourneyNote, SampleDraw


def assessment_for_fieldwork(pk: int) -> Assessment:
    """The assessment with what the fieldwork pages show of it (DoesNotExist when none)."""
    return (
        Assessment.objects.select_related("council", "framework", "lead_assessor")
        .prefetch_related("assessors")
        .get(pk=pk)
    )


def case_list_for(assessment: Assessment) -> CaseList | None:
    return CaseList.objects.filter(assessment=assessment).select_related("uploaded_by").first()


def current_draw(assessment: Assessment) -> SampleDraw | None:
    return SampleDraw.objects.filter(assessment=assessment).select_related("drawn_by").first()


def cases_for(assessment: Assessment, *, sample_only: bool = False) -> QuerySet:
    """The assessment's cases in file order, with their counts of contact attempts and notes
    (one query however many cases)."""
    cases = Case.objects.filter(assessment=assessment)
    if sample_only:
        cases = cases.filter(in_sample=True)
    return cases.annotate(
        attempt_count=Count("contact_attempts", distinct=True),
        note_count=Count("journey_notes", distinct=True),
    ).order_by("line")


def case_for(pk: int) -> Case:
    """A case with its assessment, attempts, notes (with their statements) and changes."""
    return (
        Case.objects.select_related("assessment__council", "assessment__framework")
        .prefetch_related(
            "assessment__assessors",
            "contact_attempts__recorded_by",
            Prefetch(
                "journey_notes",
                queryset=JourneyNote.objects.select_related(
                    "written_by", "evidence_item"
                ).prefetch_related("evidence_item__statements"),
            ),
            "sample_changes__changed_by",
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Progress:
    in_sample: int
    consent_given: int
    declined_or_withdrawn: int
    aim: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.consent_given / self.aim)) if self.aim else 0

    @property
    def met(self) -> bool:
        return self.consent_given >= self.aim


def sample_progress(assessment: Assessment, draw: SampleDraw | None) -> Progress:
    """Progress toward the aim (default 6 people tracked with consent), in one query."""
    from fieldwork.services.cases import DEFAULT_AIM

    counts = Case.objects.filter(assessment=assessment, in_sample=True).aggregate(
        in_sample=Count("pk"),
        given=Count("pk", filter=Q(consent=ConsentStatus.GIVEN)),
        lost=Count("pk", filter=Q(consent__in=[ConsentStatus.DECLINED, ConsentStatus.WITHDRAWN])),
    )
    return Progress(
        in_sample=counts["in_sample"],
        consent_given=counts["given"],
        declined_or_withdrawn=counts["lost"],
        aim=draw.aim if draw else DEFAULT_AIM,
    )
