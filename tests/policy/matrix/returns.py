"""Expectations for the council portal (issue 14)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import policy
from assessments.models import Assessment

from .base import (
    LOGIN,
    REDIRECT,
    UNAUTHENTICATED,
    Ctx,
    Expect,
    Objects,
    Rule,
    _assessment,
    api_not_get,
    api_signed_in,
    post_only,
    public,
    signed_in,
)
from .reports import _ready_file

EXPECTATIONS: dict[str, Expect] = {}

# ---- council portal: information return, requests, notifications (issue 14) ----------------


def _portal(o: Objects) -> dict:
    """The assessment's information return (one answer with a file), a document request with
    an answer and a file, made once per assessment; ids only when counting URLs."""
    from returns.models import (
        DocumentRequest,
        InformationReturn,
        RequestResponse,
        ReturnAnswer,
        ReturnFile,
        ReturnTemplate,
    )

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return {"answer": 1, "response": 1, "answer_file": 1, "request": 1}
    template = ReturnTemplate.objects.get(is_current=True)
    information_return, created = InformationReturn.objects.get_or_create(
        assessment=o.assessment,
        defaults={"template": template, "due_on": datetime.date(2025, 3, 3),
                  "issued_by": o.evidence.author},
    )  # fmt: skip
    if created:
        answer = ReturnAnswer.objects.create(
            information_return=information_return, item=template.items.first(), text="Policy."
        )
        request = DocumentRequest.objects.create(
            assessment=o.assessment, title="Audit", reason="Why", raised_by=o.evidence.author,
            due_on=datetime.date(2025, 3, 3),
        )  # fmt: skip
        response = RequestResponse.objects.create(
            request=request, text="Here.", created_by=o.evidence.author
        )
        ReturnFile.objects.create(
            answer=answer, original_name="a.pdf", content_type="application/pdf", size=10,
            sha256="0" * 64, uploaded_by=o.evidence.author,
            stored_name=_ready_file(f"matrix/return-{o.assessment.pk}.pdf"),
        )  # fmt: skip
    answer = information_return.answers.get()
    response = RequestResponse.objects.get(request__assessment=o.assessment)
    return {
        "answer": answer.pk,
        "response": response.pk,
        "answer_file": answer.files.get().pk,
        "request": response.request_id,
    }


def portal_page(check: Callable | None = None, *, allowed=200) -> Rule:
    """404 unless the user may see the assessment's council portal; then 403 unless
    `check(user, assessment)`; `allowed` is what a permitted user gets."""

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous:
            return LOGIN
        if not policy.can_view_council_portal(ctx.user, ctx.assessment):
            return 404
        if check is not None and not check(ctx.user, ctx.assessment):
            return 403
        return allowed

    return rule


def contributors_rule(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_manage_contributors(ctx.user, ctx.assessment.council_id) else 403


def _assessment_with_return(o: Objects) -> list[dict]:
    _portal(o)
    return _assessment(o)


def _theme_kwargs(o: Objects) -> list[dict]:
    return [{"pk": o.assessment.pk, "theme": 1}]


def _statement_kwargs(o: Objects) -> list[dict]:
    return [{"pk": o.assessment.pk, "number": 7}]


EXPECTATIONS.update(
    {
        "returns:portal": Expect(signed_in),
        "returns:template": Expect(signed_in),
        "returns:notifications": Expect(signed_in),
        "returns:notification_read": Expect(post_only, kwargs=lambda o: [{"pk": 1}]),
        "returns:notifications_read_all": Expect(post_only),
        "returns:task_list": Expect(portal_page(), kwargs=_assessment, scoped=True),
        # The matrix's assessment already has its return: a permitted user is sent to it.
        "returns:issue": Expect(
            portal_page(policy.can_issue_return, allowed=REDIRECT),
            kwargs=_assessment_with_return,
            scoped=True,
        ),
        "returns:answer": Expect(
            portal_page(),
            kwargs=lambda o: [{"pk": o.assessment.pk, "answer_pk": _portal(o)["answer"]}],
            scoped=True,
        ),
        "returns:submit": Expect(
            portal_page(policy.can_submit_return), kwargs=_assessment, scoped=True
        ),
        "returns:reopen": Expect(
            portal_page(policy.can_manage_requests), kwargs=_assessment, scoped=True
        ),
        "returns:self_assessment": Expect(portal_page(), kwargs=_assessment, scoped=True),
        "returns:self_assessment_edit": Expect(
            portal_page(policy.can_answer_for_council), kwargs=_theme_kwargs, scoped=True
        ),
        "returns:self_assessment_statement": Expect(
            portal_page(policy.can_answer_for_council), kwargs=_statement_kwargs, scoped=True
        ),
        "returns:requests": Expect(portal_page(), kwargs=_assessment, scoped=True),
        "returns:request_create": Expect(
            portal_page(policy.can_manage_requests), kwargs=_assessment, scoped=True
        ),
        "returns:request_detail": Expect(
            portal_page(), kwargs=lambda o: [{"pk": _portal(o)["request"]}], scoped=True
        ),
        "returns:request_answer": Expect(
            portal_page(policy.can_answer_for_council),
            kwargs=lambda o: [{"pk": _portal(o)["request"]}],
            scoped=True,
        ),
        "returns:request_review": Expect(
            portal_page(policy.can_manage_requests),
            kwargs=lambda o: [{"pk": _portal(o)["request"]}],
            scoped=True,
        ),
        "returns:accept_answer": Expect(
            portal_page(policy.can_accept_as_evidence),
            kwargs=lambda o: [{"pk": _portal(o)["answer"]}],
            scoped=True,
        ),
        "returns:accept_response": Expect(
            portal_page(policy.can_accept_as_evidence),
            kwargs=lambda o: [{"pk": _portal(o)["response"]}],
            scoped=True,
        ),
        "returns:file": Expect(
            portal_page(), kwargs=lambda o: [{"pk": _portal(o)["answer_file"]}], scoped=True
        ),
        "returns:contributors": Expect(
            contributors_rule, kwargs=lambda o: [{"gss_code": o.assessment.council.gss_code}]
        ),
        "returns:contributor_remove": Expect(
            post_only,
            kwargs=lambda o: [{"gss_code": o.assessment.council.gss_code, "user_pk": 1}],
        ),
        # An invalid or used link: the page says so to anyone.
        "returns:invitation": Expect(
            public, kwargs=lambda o: [{"uidb64": "MQ", "token": "set-password"}]
        ),
    }
)


def api_portal(ctx: Ctx, kwargs: dict):
    """As `portal_page()`, with 401 for anonymous requests."""
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 200 if policy.can_view_council_portal(ctx.user, ctx.assessment) else 404


def api_contributors(ctx: Ctx, kwargs: dict):
    outcome = contributors_rule(ctx, kwargs)
    return UNAUTHENTICATED if outcome == LOGIN else outcome


def _assessment_id_with_return(o: Objects) -> list[dict]:
    _portal(o)
    return [{"assessment_id": o.assessment.pk}]


EXPECTATIONS.update(
    {
        "api:return-template": Expect(api_signed_in),
        "api:information-return": Expect(
            api_portal, kwargs=_assessment_id_with_return, scoped=True
        ),
        "api:information-return-submit": Expect(
            api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk}]
        ),
        "api:information-return-reopen": Expect(
            api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk}]
        ),
        "api:return-answer": Expect(
            api_portal, kwargs=lambda o: [{"answer_id": _portal(o)["answer"]}], scoped=True
        ),
        "api:return-answer-files": Expect(
            api_not_get, kwargs=lambda o: [{"answer_id": _portal(o)["answer"]}]
        ),
        "api:return-answer-accept": Expect(
            api_not_get, kwargs=lambda o: [{"answer_id": _portal(o)["answer"]}]
        ),
        "api:return-file": Expect(
            api_portal, kwargs=lambda o: [{"file_id": _portal(o)["answer_file"]}], scoped=True
        ),
        "api:self-assessment": Expect(
            api_portal, kwargs=lambda o: [{"assessment_id": o.assessment.pk}], scoped=True
        ),
        "api:self-assessment-statement": Expect(
            api_portal,
            kwargs=lambda o: [{"assessment_id": o.assessment.pk, "number": 7}],
            scoped=True,
        ),
        "api:self-assessment-submit": Expect(
            api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk}]
        ),
        "api:document-request-list": Expect(
            api_portal, kwargs=lambda o: [{"assessment_id": o.assessment.pk}], scoped=True
        ),
        "api:document-request-detail": Expect(
            api_portal, kwargs=lambda o: [{"request_id": _portal(o)["request"]}], scoped=True
        ),
        "api:document-request-respond": Expect(
            api_not_get, kwargs=lambda o: [{"request_id": _portal(o)["request"]}]
        ),
        "api:document-request-review": Expect(
            api_not_get, kwargs=lambda o: [{"request_id": _portal(o)["request"]}]
        ),
        "api:document-request-response-accept": Expect(
            api_not_get, kwargs=lambda o: [{"response_id": _portal(o)["response"]}]
        ),
        "api:notification-list": Expect(api_signed_in),
        "api:notification-read": Expect(api_not_get, kwargs=lambda o: [{"notification_id": 1}]),
        "api:council-contributors": Expect(
            api_contributors, kwargs=lambda o: [{"gss_code": o.assessment.council.gss_code}]
        ),
        "api:council-contributor": Expect(
            api_not_get,
            kwargs=lambda o: [{"gss_code": o.assessment.council.gss_code, "user_id": 1}],
        ),
    }
)
