"""Expectations for the national picture's council returns (issue 18): spending plans by
grant condition, High Impact Changes, winter pressures and the public risk rating. The
council in the URLs is Suffolk, the council of the matrix's council lead and contributor."""

from __future__ import annotations

import policy
from councils.models import Council

from .base import LOGIN, UNAUTHENTICATED, Ctx, Expect, admin_only, api_public, public

SUFFOLK = "E10000029"
GRANT = {"code": "ibcf-2017", "gss_code": SUFFOLK, "year": 2017}
SURVEY = {"code": "winter-2017-18", "gss_code": SUFFOLK}


def _suffolk_id() -> int:
    return Council.objects.only("pk").get(gss_code=SUFFOLK).pk


def council_entry(ctx: Ctx, kwargs: dict):
    """The council's own leads and contributors, and admins (policy.can_enter_for_council)."""
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_enter_for_council(ctx.user, _suffolk_id()) else 403


def confidential_answers(ctx: Ctx, kwargs: dict):
    """Unpublished winter answers: the council's users and admins; nobody else learns they
    exist (404), signed in or not."""
    allowed = policy.can_view_council_winter_answers(ctx.user, _suffolk_id(), published=False)
    return 200 if allowed else 404


def api_missing(ctx: Ctx, kwargs: dict):
    return 404  # nothing has been entered for the matrix's council (and no one learns more)


def api_put_only(ctx: Ctx, kwargs: dict):
    return UNAUTHENTICATED if ctx.anonymous else 405


EXPECTATIONS: dict[str, Expect] = {
    "grants:list": Expect(public),
    "grants:upload": Expect(admin_only),
    "grants:national": Expect(public, kwargs=lambda o: [{"code": "ibcf-2017"}]),
    "grants:council_plan": Expect(public, kwargs=lambda o: [GRANT]),
    "grants:plan_edit": Expect(council_entry, kwargs=lambda o: [GRANT]),
    "hic:national": Expect(public),
    "hic:council": Expect(public, kwargs=lambda o: [{"gss_code": SUFFOLK}]),
    "hic:create": Expect(council_entry, kwargs=lambda o: [{"gss_code": SUFFOLK}]),
    "winter:list": Expect(public),
    "winter:upload": Expect(admin_only),
    "winter:survey": Expect(public, kwargs=lambda o: [{"code": "winter-2017-18"}]),
    "winter:council": Expect(confidential_answers, kwargs=lambda o: [SURVEY]),
    "winter:edit": Expect(council_entry, kwargs=lambda o: [SURVEY]),
    "riskrating:page": Expect(public),
    "riskrating:feed": Expect(public),
    "riskrating:statement_edit": Expect(council_entry, kwargs=lambda o: [{"gss_code": SUFFOLK}]),
    # ---- the REST API ----
    "api:grants": Expect(api_public),
    "api:grant-shares": Expect(api_public, kwargs=lambda o: [{"code": "ibcf-2017"}]),
    "api:grant-council-plan": Expect(api_missing, kwargs=lambda o: [GRANT]),
    "api:hic-national": Expect(api_public),
    "api:hic-council": Expect(api_public, kwargs=lambda o: [{"gss_code": SUFFOLK}]),
    "api:winter-shares": Expect(api_public, kwargs=lambda o: [{"code": "winter-2017-18"}]),
    "api:risk-ratings": Expect(api_public),
    "api:outcome-domains": Expect(api_public),
    "api:winter-council": Expect(api_missing, kwargs=lambda o: [SURVEY]),
    "api:risk-statement": Expect(api_put_only, kwargs=lambda o: [{"gss_code": SUFFOLK}]),
}
