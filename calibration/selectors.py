"""Reads of calibration (issue 16): one assessment's panel, the sign-off precondition of
sending the draft, and the national moderation figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q

from assessments.models import Assessment, StatementScore
from calibration.models import CalibrationPanel, PanelMember, PanelOutcome, PanelStatus


def panel_of(*, assessment: Assessment) -> CalibrationPanel | None:
    """The assessment's panel with its chair, members and outcomes (None when none yet)."""
    return (
        CalibrationPanel.objects.filter(assessment=assessment)
        .select_related("chair", "signed_off_by", "proposed_by")
        .prefetch_related("members", "outcomes__statement", "outcomes__recorded_by")
        .first()
    )


def panel_summary(*, assessment: Assessment) -> CalibrationPanel | None:
    """The panel with `changed` (how many scores it changed), in one query."""
    changed = Q(outcomes__agreed_score__isnull=False) & ~Q(
        outcomes__agreed_score=F("outcomes__proposed_score")
    )
    return (
        CalibrationPanel.objects.filter(assessment=assessment)
        .annotate(changed=Count("outcomes", filter=changed))
        .first()
    )


def sign_off_problem(*, assessment: Assessment) -> str:
    """Why the draft cannot go to the council yet as far as calibration goes ("" when it
    can): the panel has signed off, and no score changed since."""
    panel = CalibrationPanel.objects.filter(assessment=assessment).first()
    if panel is None or panel.status != PanelStatus.SIGNED_OFF:
        return (
            "The calibration panel must sign off the scores before the draft is sent to the "
            "council."
        )
    agreed = dict(panel.outcomes.values_list("statement_id", "agreed_score"))
    current = dict(
        StatementScore.objects.filter(assessment=assessment).values_list("statement_id", "score")
    )
    if agreed != current:
        return (
            "Scores changed since the calibration panel signed off: propose them to the "
            "panel again."
        )
    return ""


@dataclass(frozen=True)
class ModerationRow:
    number: int
    name: str
    outcomes: int
    raised: int
    lowered: int
    unchanged: int

    @property
    def changed(self) -> int:
        return self.raised + self.lowered

    @property
    def changed_percent(self) -> int:
        return round(100 * self.changed / self.outcomes) if self.outcomes else 0


def moderation_rows() -> list[ModerationRow]:
    """Per quality statement (by number, over every framework version), how often signed-off
    panels raised, lowered or kept the proposed score. One query."""
    rows = (
        PanelOutcome.objects.filter(panel__status=PanelStatus.SIGNED_OFF)
        .values("statement__number", "statement__name")
        .annotate(
            outcomes=Count("pk"),
            raised=Count("pk", filter=Q(agreed_score__gt=F("proposed_score"))),
            lowered=Count("pk", filter=Q(agreed_score__lt=F("proposed_score"))),
        )
        .order_by("statement__number", "statement__name")
    )
    merged: dict[int, dict] = {}
    for row in rows:
        entry = merged.setdefault(
            row["statement__number"],
            {"name": row["statement__name"], "outcomes": 0, "raised": 0, "lowered": 0},
        )
        for key in ("outcomes", "raised", "lowered"):
            entry[key] += row[key]
    return [
        ModerationRow(
            number=number,
            name=entry["name"],
            outcomes=entry["outcomes"],
            raised=entry["raised"],
            lowered=entry["lowered"],
            unchanged=entry["outcomes"] - entry["raised"] - entry["lowered"],
        )
        for number, entry in sorted(merged.items())
    ]


def moderation_panel_count() -> int:
    return CalibrationPanel.objects.filter(status=PanelStatus.SIGNED_OFF).count()


def moderation_totals(rows: list[ModerationRow]) -> dict[str, int]:
    outcomes = sum(r.outcomes for r in rows)
    raised = sum(r.raised for r in rows)
    lowered = sum(r.lowered for r in rows)
    return {
        "outcomes": outcomes,
        "raised": raised,
        "lowered": lowered,
        "unchanged": outcomes - raised - lowered,
        "changed_percent": round(100 * (raised + lowered) / outcomes) if outcomes else 0,
    }


CALIBRATION_ACTIONS = (
    "calibration.panel_save",
    "calibration.member_add",
    "calibration.member_remove",
    "calibration.propose",
    "calibration.outcome",
    "calibration.sign_off",
    "score.change_by_calibration",
)


def calibration_history(*, assessment: Assessment) -> list:
    """The panel's audited changes, oldest first (the quality assurance timeline), each with
    its `label` from AuditAction."""
    from audit.actions import AuditAction
    from audit.models import AuditEvent

    events = list(
        AuditEvent.objects.filter(assessment=assessment, action__in=CALIBRATION_ACTIONS)
        .select_related("actor")
        .order_by("pk")
    )
    for event in events:
        event.label = AuditAction(event.action).label
    return events


def panel_member_get(*, assessment: Assessment, pk: int) -> PanelMember:
    """One member of the assessment's panel; PanelMember.DoesNotExist otherwise."""
    return PanelMember.objects.select_related("panel").get(panel__assessment=assessment, pk=pk)
