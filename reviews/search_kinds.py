"""Findings, summaries and challenges are searchable."""

from __future__ import annotations

from django.urls import reverse

import policy
from reviews.models import AssessmentSummary, Challenge, ChallengeAttachment, StatementFinding
from search.registry import Document, SearchKind, file_name_words, register


def _finding(finding: StatementFinding) -> Document | None:
    body = "\n".join(
        text
        for text in (finding.people_told_us, finding.strengths, finding.areas_for_development)
        if text
    )
    if not body:
        return None
    url = reverse("reviews:findings", kwargs={"pk": finding.assessment_id})
    return Document(
        object_id=finding.pk,
        assessment_id=finding.assessment_id,
        council_id=finding.assessment.council_id,
        statement_ids=(finding.statement_id,),
        date=finding.updated_at.date(),
        title=f"Findings: {finding.statement}",
        body=body,
        url=f"{url}#statement-{finding.statement.number}",
    )


def _summary(summary: AssessmentSummary) -> Document | None:
    if not summary.summary:
        return None
    return Document(
        object_id=summary.pk,
        assessment_id=summary.assessment_id,
        council_id=summary.assessment.council_id,
        date=summary.updated_at.date(),
        title=f"Summary: {summary.assessment.council.name}",
        body=summary.summary,
        url=reverse("reviews:findings", kwargs={"pk": summary.assessment_id}),
    )


def _challenge(challenge: Challenge) -> Document:
    parts = [
        challenge.text_challenged,
        challenge.proposed_correction,
        challenge.evidence_note,
        challenge.decision_reason,
        challenge.change_made,
        *(file_name_words(a.original_name) for a in challenge.attachments.all()),
    ]
    return Document(
        object_id=challenge.pk,
        assessment_id=challenge.assessment_id,
        council_id=challenge.assessment.council_id,
        statement_ids=(challenge.statement_id,) if challenge.statement_id else (),
        date=challenge.raised_at.date(),
        title=f"Challenge: {challenge.get_kind_display()}"
        + (f" ({challenge.statement})" if challenge.statement_id else ""),
        body="\n".join(part for part in parts if part),
        url=reverse(
            "reviews:challenge_detail",
            kwargs={"pk": challenge.assessment_id, "challenge_pk": challenge.pk},
        ),
    )


register(
    SearchKind(
        name="finding",
        label="Finding",
        model=StatementFinding,
        queryset=lambda: StatementFinding.objects.select_related("assessment", "statement"),
        document=_finding,
        visible_assessments=policy.assessments_with_visible_drafts,
    )
)
register(
    SearchKind(
        name="summary",
        label="Summary",
        model=AssessmentSummary,
        queryset=lambda: AssessmentSummary.objects.select_related("assessment__council"),
        document=_summary,
        visible_assessments=policy.assessments_with_visible_drafts,
    )
)
register(
    SearchKind(
        name="challenge",
        label="Challenge",
        model=Challenge,
        queryset=lambda: Challenge.objects.select_related(
            "assessment", "statement"
        ).prefetch_related("attachments"),
        document=_challenge,
        visible_assessments=policy.assessments_with_visible_challenges,
        watches=((ChallengeAttachment, lambda attachment: attachment.challenge_id),),
    )
)
