"""Expectations for fieldwork (issue 15): case tracking (the team and admins only, never the
council), the site-visit programme (the council sees it, not the notes), evidence
sufficiency and the people's-experience override."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import policy
from assessments.models import Assessment

from .base import (
    LOGIN,
    UNAUTHENTICATED,
    Ctx,
    Expect,
    Objects,
    Rule,
    _assessment,
    api_not_get,
    post_only,
)

EXPECTATIONS: dict[str, Expect] = {}


def _fieldwork(o: Objects) -> dict:
    """A case (in the sample) and a past session of the assessment, made once per assessment;
    ids only when counting URLs."""
    from fieldwork.models import Case, Session

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return {"case": 1, "session": 1}
    case, _ = Case.objects.get_or_create(
        assessment=o.assessment, reference="MATRIX-1",
        defaults={"age_band": "65-74", "primary_support_reason": "Personal care",
                  "service_type": "Home care", "locality": "North", "is_carer": False,
                  "line": 2, "in_sample": True},
    )  # fmt: skip
    start = datetime.datetime(2025, 2, 3, 10, tzinfo=datetime.UTC)
    session, created = Session.objects.get_or_create(
        assessment=o.assessment, title="Matrix interview",
        defaults={"kind": "interview", "starts_at": start,
                  "ends_at": start + datetime.timedelta(hours=1),
                  "participant_roles": ["director"], "location": "Town hall",
                  "created_by": o.evidence.author},
    )  # fmt: skip
    if created:
        session.assessors.add(o.evidence.author)
    return {"case": case.pk, "session": session.pk}


def fieldwork_page(check: Callable | None = None) -> Rule:
    """404 unless the user may see the assessment's fieldwork (the team, admins, the
    council's leads and contributors); then 403 unless `check(user, assessment)`."""

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous:
            return LOGIN
        if not policy.can_view_fieldwork(ctx.user, ctx.assessment):
            return 404
        if check is not None and not check(ctx.user, ctx.assessment):
            return 403
        return 200

    return rule


def api_fieldwork(check: Callable | None = None) -> Rule:
    """As `fieldwork_page`, with 401 for anonymous requests."""
    page = fieldwork_page(check)

    def rule(ctx: Ctx, kwargs: dict):
        outcome = page(ctx, kwargs)
        return UNAUTHENTICATED if outcome == LOGIN else outcome

    return rule


def own_calendar(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_view_own_calendar(ctx.user) else 403


def _draw(user, assessment) -> bool:
    return policy.can_view_cases(user, assessment) and policy.can_draw_sample(user, assessment)


def _case(o: Objects) -> list[dict]:
    return [{"pk": _fieldwork(o)["case"]}]


def _session(o: Objects) -> list[dict]:
    return [{"pk": _fieldwork(o)["session"]}]


EXPECTATIONS.update(
    {
        "fieldwork:overview": Expect(fieldwork_page(), kwargs=_assessment, scoped=True),
        "fieldwork:case_upload": Expect(
            fieldwork_page(policy.can_upload_case_list), kwargs=_assessment, scoped=True
        ),
        "fieldwork:cases": Expect(
            fieldwork_page(policy.can_view_cases), kwargs=_assessment, scoped=True
        ),
        "fieldwork:sample_draw": Expect(fieldwork_page(_draw), kwargs=_assessment, scoped=True),
        "fieldwork:case_detail": Expect(
            fieldwork_page(policy.can_view_cases), kwargs=_case, scoped=True
        ),
        "fieldwork:case_consent": Expect(post_only, kwargs=_case),
        "fieldwork:case_contact": Expect(post_only, kwargs=_case),
        "fieldwork:case_note": Expect(post_only, kwargs=_case),
        "fieldwork:case_sample": Expect(post_only, kwargs=_case),
        "fieldwork:sessions": Expect(fieldwork_page(), kwargs=_assessment, scoped=True),
        "fieldwork:session_create": Expect(
            fieldwork_page(policy.can_schedule_sessions), kwargs=_assessment, scoped=True
        ),
        "fieldwork:sessions_ics": Expect(fieldwork_page(), kwargs=_assessment, scoped=True),
        "fieldwork:session_detail": Expect(fieldwork_page(), kwargs=_session, scoped=True),
        "fieldwork:session_notes": Expect(post_only, kwargs=_session),
        "fieldwork:my_calendar": Expect(own_calendar),
        "fieldwork:my_calendar_ics": Expect(own_calendar),
        "fieldwork:sufficiency": Expect(
            fieldwork_page(policy.can_view_sufficiency), kwargs=_assessment, scoped=True
        ),
        "fieldwork:override": Expect(
            fieldwork_page(policy.can_override_peoples_experience),
            kwargs=_assessment,
            scoped=True,
        ),
    }
)


def _assessment_id(o: Objects) -> list[dict]:
    return [{"assessment_id": o.assessment.pk}]


def _case_id(o: Objects) -> list[dict]:
    return [{"case_id": _fieldwork(o)["case"]}]


def _session_id(o: Objects) -> list[dict]:
    return [{"session_id": _fieldwork(o)["session"]}]


EXPECTATIONS.update(
    {
        "api:fieldwork-case-list": Expect(api_not_get, kwargs=_assessment_id),
        "api:fieldwork-cases": Expect(
            api_fieldwork(policy.can_view_cases), kwargs=_assessment_id, scoped=True
        ),
        "api:fieldwork-sample": Expect(
            api_fieldwork(policy.can_view_cases), kwargs=_assessment_id, scoped=True
        ),
        "api:fieldwork-case": Expect(
            api_fieldwork(policy.can_view_cases), kwargs=_case_id, scoped=True
        ),
        "api:fieldwork-case-sample": Expect(api_not_get, kwargs=_case_id),
        "api:fieldwork-case-consent": Expect(api_not_get, kwargs=_case_id),
        "api:fieldwork-case-contact": Expect(api_not_get, kwargs=_case_id),
        "api:fieldwork-case-note": Expect(api_not_get, kwargs=_case_id),
        "api:fieldwork-sessions": Expect(api_fieldwork(), kwargs=_assessment_id, scoped=True),
        "api:fieldwork-session-notes": Expect(api_not_get, kwargs=_session_id),
        "api:fieldwork-sufficiency": Expect(
            api_fieldwork(policy.can_view_sufficiency), kwargs=_assessment_id, scoped=True
        ),
        "api:fieldwork-override": Expect(api_not_get, kwargs=_assessment_id),
    }
)
