"""Expectations for quality assurance, factual accuracy as CQC runs it, corrections and
action plans (issue 16)."""

from __future__ import annotations

import datetime

import policy

from .base import (
    LOGIN,
    UNAUTHENTICATED,
    Ctx,
    Expect,
    Rule,
    _assessment,
    api_assessment,
    api_not_get,
    assessment_page,
    post_only,
)
from .reports import _report_kwargs

EXPECTATIONS: dict[str, Expect] = {}


def pauses_page(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_manage_publication_pauses(ctx.user) else 403


def api_pauses(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 200 if policy.can_manage_publication_pauses(ctx.user) else 403


def api_pause_write(ctx: Ctx, kwargs: dict):
    """A write-only admin endpoint: GET is 405 for admins, 403 for everyone else."""
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 405 if policy.can_manage_publication_pauses(ctx.user) else 403


def _pause(o) -> list[dict]:
    """A publication pause (under way, so the end page offers to end it)."""
    from assessments.models import Assessment
    from reviews.models import PublicationPause

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pause_pk": 1}]
    pause = PublicationPause.objects.order_by("pk").first() or PublicationPause.objects.create(
        name="Matrix pause", starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2099, 12, 31),
    )  # fmt: skip
    return [{"pause_pk": pause.pk}]


def _api_assessment(o) -> list[dict]:
    return [{"assessment_id": o.assessment.pk}]


# ---- factual accuracy: confirmation, early publication, pauses -----------------------------

EXPECTATIONS.update(
    {
        "reviews:confirm": Expect(
            assessment_page(policy.can_confirm_factual_accuracy), kwargs=_assessment, scoped=True
        ),
        "reviews:publication_override": Expect(
            assessment_page(policy.can_override_publication), kwargs=_assessment, scoped=True
        ),
        "reviews:publication_pauses": Expect(pauses_page),
        "reviews:publication_pause_end": Expect(pauses_page, kwargs=_pause),
        "api:factual-accuracy-confirm": Expect(api_not_get, kwargs=_api_assessment),
        "api:publication-override": Expect(api_not_get, kwargs=_api_assessment),
        "api:publication-pauses": Expect(api_pauses),
        "api:publication-pause-end": Expect(
            api_pause_write, kwargs=lambda o: [{"pause_id": k["pause_pk"]} for k in _pause(o)]
        ),
    }
)


# ---- calibration panels and national moderation ---------------------------------------------


def _outcome(o) -> list[dict]:
    """A panel with scores proposed (not signed off), so the chair's outcome page exists."""
    from assessments.models import Assessment, QualityStatement
    from calibration.models import CalibrationPanel, PanelOutcome

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pk": 1, "number": 1}]
    panel, created = CalibrationPanel.objects.get_or_create(
        assessment=o.assessment, defaults={"status": "proposed"}
    )
    if created:
        statement = QualityStatement.objects.get(framework=o.assessment.framework, number=1)
        PanelOutcome.objects.create(panel=panel, statement=statement, proposed_score=3)
    return [{"pk": o.assessment.pk, "number": 1}]


def _member(o) -> list[dict]:
    """A member of the assessment's panel (the panel made by `_outcome`)."""
    from assessments.models import Assessment
    from calibration.models import PanelMember

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pk": 1, "member_pk": 1}]
    _outcome(o)
    member = PanelMember.objects.filter(panel__assessment=o.assessment).first()
    if member is None:
        member = PanelMember.objects.create(
            panel=o.assessment.calibration_panel, name="Synthetic member", role="Assessor",
            membership="internal",
        )  # fmt: skip
    return [{"pk": o.assessment.pk, "member_pk": member.pk}]


def calibration_page(check) -> Rule:
    """As `assessment_page`, but the panel's chair (who may be outside the team) sees it."""

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous:
            return LOGIN
        visible = policy.can_view_assessment(ctx.user, ctx.assessment) or (
            policy.can_view_calibration(ctx.user, ctx.assessment)
        )
        if not visible:
            return 404
        return 200 if check(ctx.user, ctx.assessment) else 403

    return rule


def admin_page(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_view_moderation(ctx.user) else 403


def api_admin(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 200 if policy.can_view_moderation(ctx.user) else 403


EXPECTATIONS.update(
    {
        "calibration:panel": Expect(
            calibration_page(policy.can_view_calibration), kwargs=_assessment, scoped=True
        ),
        "calibration:details": Expect(
            calibration_page(policy.can_manage_calibration), kwargs=_assessment, scoped=True
        ),
        "calibration:member_add": Expect(
            calibration_page(policy.can_manage_calibration), kwargs=_assessment, scoped=True
        ),
        "calibration:member_remove": Expect(
            calibration_page(policy.can_manage_calibration), kwargs=_member, scoped=True
        ),
        "calibration:propose": Expect(post_only, kwargs=_assessment),
        "calibration:outcome": Expect(
            calibration_page(policy.can_record_calibration_outcome), kwargs=_outcome, scoped=True
        ),
        "calibration:sign_off": Expect(post_only, kwargs=_assessment),
        "calibration:moderation": Expect(admin_page),
        "calibration:moderation_csv": Expect(admin_page),
        # With a panel (`_outcome` makes one): an assessment without one answers 404.
        "api:calibration-panel": Expect(
            api_assessment(policy.can_view_calibration),
            kwargs=lambda o: [{"assessment_id": k["pk"]} for k in _outcome(o)],
            scoped=True,
        ),
        "api:calibration-members": Expect(api_not_get, kwargs=_api_assessment),
        "api:calibration-member": Expect(
            api_not_get,
            kwargs=lambda o: [
                {"assessment_id": k["pk"], "member_id": k["member_pk"]} for k in _member(o)
            ],
        ),
        "api:calibration-propose": Expect(api_not_get, kwargs=_api_assessment),
        "api:calibration-outcome": Expect(
            api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk, "number": 1}]
        ),
        "api:calibration-sign-off": Expect(api_not_get, kwargs=_api_assessment),
        "api:calibration-moderation": Expect(api_admin),
    }
)


# ---- corrections of published reports --------------------------------------------------------

EXPECTATIONS["api:report-correct"] = Expect(api_not_get, kwargs=_api_assessment)


# ---- improvement action plans ----------------------------------------------------------------


def _action(o) -> list[dict]:
    """One action of the assessment's plan (made directly: the plan exists only after
    publication, but its ids must be checked at every status)."""
    from actionplans.models import ImprovementAction
    from assessments.models import Assessment

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pk": 1, "action_pk": 1}]
    row = ImprovementAction.objects.filter(assessment=o.assessment).first()
    if row is None:
        row = ImprovementAction.objects.create(
            assessment=o.assessment, action="Cut waits.", owner="Director",
            due_on=datetime.date(2026, 3, 31), created_by=o.evidence.author,
        )  # fmt: skip
    return [{"pk": o.assessment.pk, "action_pk": row.pk}]


EXPECTATIONS.update(
    {
        "actionplans:plan": Expect(
            assessment_page(policy.can_view_action_plan, public_view=False),
            kwargs=_assessment,
            scoped=True,
        ),
        "actionplans:update": Expect(
            assessment_page(policy.can_edit_action_plan), kwargs=_action, scoped=True
        ),
        "api:action-plan": Expect(
            api_assessment(policy.can_view_action_plan), kwargs=_api_assessment, scoped=True
        ),
        "api:action-plan-update": Expect(
            api_not_get,
            kwargs=lambda o: [
                {"assessment_id": a["pk"], "action_id": a["action_pk"]} for a in _action(o)
            ],
        ),  # fmt: skip
    }
)


# ---- the Word copy of a draft: the PDF's rule, 404 when a report has none -----------------


def report_docx_rule(ctx: Ctx, kwargs: dict):
    from reports.models import Report

    from .reports import report_download_rule

    outcome = report_download_rule(ctx, kwargs)
    if outcome == 200 and not Report.objects.get(pk=kwargs["pk"]).docx_sha256:
        return 404
    return outcome


EXPECTATIONS["reports:download_docx"] = Expect(report_docx_rule, kwargs=_report_kwargs, scoped=True)
