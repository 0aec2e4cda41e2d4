"""Reads of the review: the summary and findings with scores, their history, challenges and
deadline extensions."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import storages
from django.db.models import Count, QuerySet

from assessments.models import Assessment, QualityStatement, StatementScore
from assessments.selectors import framework_statements
from audit.actions import AuditAction
from audit.models import AuditEvent
from reviews.models import (
    AssessmentSummary,
    Challenge,
    ChallengeAttachment,
    ChallengeDecision,
    DeadlineExtension,
    StatementFinding,
)


@dataclass(frozen=True)
class StatementFindingRow:
    statement: QualityStatement
    finding: StatementFinding | None
    score: StatementScore | None


def assessment_findings(*, assessment: Assessment) -> tuple[AssessmentSummary | None, list]:
    """The summary and, per quality statement in order, its findings and score (or None)."""
    summary = AssessmentSummary.objects.filter(assessment=assessment).first()
    findings = {
        row.statement_id: row
        for row in StatementFinding.objects.filter(assessment=assessment).select_related(
            "updated_by"
        )
    }
    scores = {row.statement_id: row for row in StatementScore.objects.filter(assessment=assessment)}
    rows = [
        StatementFindingRow(statement, findings.get(statement.pk), scores.get(statement.pk))
        for statement in framework_statements(framework=assessment.framework)
    ]
    return summary, rows


def findings_history(*, assessment: Assessment) -> QuerySet:
    """Audit events of the summary and findings, newest first."""
    return AuditEvent.objects.filter(
        assessment=assessment,
        action__in=[
            AuditAction.SUMMARY_UPDATE,
            AuditAction.FINDING_UPDATE,
            AuditAction.CHALLENGE_DECIDE,
        ],
    ).select_related("actor")


def challenge_list(*, assessment: Assessment) -> QuerySet:
    return (
        Challenge.objects.filter(assessment=assessment)
        .select_related("statement", "raised_by", "decided_by")
        .prefetch_related("attachments")
        .order_by("raised_at", "pk")
    )


def challenge_counts(*, assessment: Assessment) -> dict[str, int]:
    counts = dict.fromkeys(ChallengeDecision.values, 0)
    for row in (
        Challenge.objects.filter(assessment=assessment).values("decision").annotate(n=Count("pk"))
    ):
        counts[row["decision"]] = row["n"]
    return counts


def deadline_extensions(*, assessment: Assessment) -> QuerySet:
    return DeadlineExtension.objects.filter(assessment=assessment).select_related("extended_by")


def summary_is_written(*, assessment: Assessment) -> bool:
    """Whether the assessment's summary has text (the draft cannot be sent without it)."""
    summary = AssessmentSummary.objects.filter(assessment=assessment).first()
    return summary is not None and bool(summary.summary.strip())


def pending_challenge_count(*, assessment: Assessment) -> int:
    """Challenges still awaiting the team's decision (publication waits for none)."""
    return Challenge.objects.filter(
        assessment=assessment, decision=ChallengeDecision.PENDING
    ).count()


def challenge_attachment_for(
    *, assessment: Assessment, challenge_id: int, attachment_id: int
) -> ChallengeAttachment | None:
    """The attachment of one of the assessment's challenges (None when there is none)."""
    return ChallengeAttachment.objects.filter(
        pk=attachment_id, challenge_id=challenge_id, challenge__assessment=assessment
    ).first()


def challenge_attachment_file(attachment: ChallengeAttachment):
    """The attachment's file from the private storage, open for reading (FileNotFoundError
    when it is missing)."""
    return storages["private"].open(attachment.stored_name, "rb")


def statement_finding(
    *, assessment: Assessment, statement: QualityStatement
) -> StatementFinding | None:
    """The findings written for one statement of the assessment (None before any)."""
    return StatementFinding.objects.filter(assessment=assessment, statement=statement).first()


# ---- issue 16: confirmation, overrides and pauses -----------------------------------------


def fa_confirmation(*, assessment: Assessment):
    """The council's confirmation for the draft as currently sent (None when none)."""
    from reviews.models import FactualAccuracyConfirmation

    if assessment.fa_sent_on is None:
        return None
    return (
        FactualAccuracyConfirmation.objects.filter(
            assessment=assessment, sent_on=assessment.fa_sent_on
        )
        .select_related("confirmed_by")
        .first()
    )


def publication_overrides(*, assessment: Assessment) -> QuerySet:
    """Admins' early-publication overrides, newest first (every sending)."""
    from reviews.models import PublicationOverride

    return PublicationOverride.objects.filter(assessment=assessment).select_related("decided_by")


def current_publication_override(*, assessment: Assessment):
    if assessment.fa_sent_on is None:
        return None
    return (
        publication_overrides(assessment=assessment).filter(sent_on=assessment.fa_sent_on).first()
    )


def publication_pause_for(*, council_id: int, on):
    """The pre-election pause covering `council_id` on day `on` (None when none)."""
    from django.db.models import Q

    from reviews.models import PublicationPause

    return (
        PublicationPause.objects.filter(starts_on__lte=on, ends_on__gte=on)
        .filter(Q(all_councils=True) | Q(councils__id=council_id))
        .order_by("starts_on", "pk")
        .first()
    )


def publication_pauses() -> QuerySet:
    from reviews.models import PublicationPause

    return PublicationPause.objects.prefetch_related("councils").order_by("-starts_on", "pk")


# What ending a publication pause does, by where today falls (`publication_pause_ending`).
PAUSE_REMOVE = "remove"  # not begun yet: removed, as if never defined (the audit keeps it)
PAUSE_END = "end"  # under way: its last day becomes yesterday, so publishing may go ahead today
PAUSE_OVER = "over"  # already over: kept as the record of when publishing was paused


def publication_pause_ending(*, pause, today) -> str:
    """PAUSE_REMOVE, PAUSE_END or PAUSE_OVER: what ending `pause` on `today` does."""
    if pause.starts_on >= today:
        return PAUSE_REMOVE
    if pause.ends_on >= today:
        return PAUSE_END
    return PAUSE_OVER


def publication_pause_get(*, pk: int):
    """One publication pause with its councils; PublicationPause.DoesNotExist otherwise."""
    from reviews.models import PublicationPause

    return PublicationPause.objects.prefetch_related("councils").get(pk=pk)


def publication_pause_rows(*, today) -> list:
    """Every pause, newest first, each with `ending` (what ending it on `today` would do)."""
    pauses = list(publication_pauses())
    for pause in pauses:
        pause.ending = publication_pause_ending(pause=pause, today=today)
    return pauses
