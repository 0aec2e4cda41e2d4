"""Expectations for quality assurance, factual accuracy as CQC runs it, corrections and
action plans (issue 16)."""

from __future__ import annotations

import policy

from .base import (
    LOGIN,
    UNAUTHENTICATED,
    Ctx,
    Expect,
    _assessment,
    api_not_get,
    assessment_page,
)

EXPECTATIONS: dict[str, Expect] = {}


def pauses_page(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_manage_publication_pauses(ctx.user) else 403


def api_pauses(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 200 if policy.can_manage_publication_pauses(ctx.user) else 403


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
        "api:factual-accuracy-confirm": Expect(api_not_get, kwargs=_api_assessment),
        "api:publication-override": Expect(api_not_get, kwargs=_api_assessment),
        "api:publication-pauses": Expect(api_pauses),
    }
)
