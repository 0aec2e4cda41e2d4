"""The permission matrix: every URL of the project, for every role, for every status.

How a new URL gets covered: the URLs are collected from the URL resolver (recursively), so
a new URL appears here by itself; `test_every_url_has_an_expectation` then fails until an
entry for it is added to EXPECTATIONS below (how to fill its kwargs and which policy rule
decides the outcome). The Django admin (`admin/`, covered by tests/pages/test_pages.py) and
static files are skipped explicitly.

Outcomes: 200, LOGIN (302 to the sign-in page), 301 (an old address that moved), 403, 404,
REDIRECT (302 elsewhere) or 405
(GET on a POST-only URL). Rules are derived from policy/, so the matrix checks that the
views enforce the policy rather than restating it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import policy
from assessments import workflow
from assessments.models import Assessment, AssessmentStatus, EvidenceCategory, QualityStatement
from evidence.models import Attachment, AttachmentPreview, EvidenceItem
from reviews.models import ChallengeAttachment
from tests.factories import AssessmentFactory, ChallengeFactory, score_all, write_summary

pytestmark = pytest.mark.django_db

LOGIN = "302 to sign-in"
REDIRECT = "302 elsewhere"
SKIPPED_PREFIXES = ("admin/", "static/", "media/")
ROLES = (
    "anonymous",
    "team_assessor",
    "outside_assessor",
    "council_lead",
    "other_lead",
    "admin",
    "contributor",  # a council contributor of the council (issue 14)
)
STATUSES = list(AssessmentStatus.values)


# ---- the objects whose ids fill the URLs ----------------------------------------------------


@dataclass
class Objects:
    """One council's assessment and the things under it whose ids appear in URLs."""

    assessment: Assessment
    challenge: object
    challenge_attachment: ChallengeAttachment
    evidence: EvidenceItem
    evidence_attachment: Attachment


@dataclass
class Ctx:
    user: object
    assessment: Assessment

    @property
    def anonymous(self) -> bool:
        return not self.user.is_authenticated


def _make_objects(assessment: Assessment, raised_by, author) -> Objects:
    challenge = ChallengeFactory(assessment=assessment, raised_by=raised_by)
    name = storages["private"].save(f"matrix/{assessment.pk}.pdf", ContentFile(b"%PDF-1.4 m"))
    challenge_attachment = ChallengeAttachment.objects.create(
        challenge=challenge,
        original_name="support.pdf",
        stored_name=name,
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=raised_by,
    )
    evidence = EvidenceItem.objects.create(
        assessment=assessment,
        category=EvidenceCategory.objects.filter(framework=assessment.framework).first(),
        route="requested",
        source_type="information_return",
        title="Information return",
        narrative="Waiting times by team.",
        direction="neutral",
        effective_date=datetime.date(2025, 1, 6),
        author=author,
    )
    evidence_file = storages["private"].save(
        f"matrix/evidence-{assessment.pk}.pdf", ContentFile(b"%PDF-1.4 e")
    )
    evidence_attachment = Attachment.objects.create(
        evidence_item=evidence,
        original_name="return.pdf",
        stored_name=evidence_file,
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=author,
    )
    thumbnail = storages["private"].save(
        f"{evidence_file}.thumb.png", ContentFile(b"\x89PNG\r\n\x1a\n matrix")
    )
    AttachmentPreview.objects.create(
        attachment=evidence_attachment, status="ready", thumbnail_name=thumbnail
    )
    return Objects(assessment, challenge, challenge_attachment, evidence, evidence_attachment)


# ---- rules, from the policy -----------------------------------------------------------------

Rule = Callable[[Ctx, dict], object]


def public(ctx: Ctx, kwargs: dict):
    return 200


def signed_in(ctx: Ctx, kwargs: dict):
    return LOGIN if ctx.anonymous else 200


def post_only(ctx: Ctx, kwargs: dict):
    return LOGIN if ctx.anonymous else 405


def moved(ctx: Ctx, kwargs: dict):
    return 301  # an old address, sent on to where the page moved, for everyone


def sign_in_page(ctx: Ctx, kwargs: dict):
    return 200 if ctx.anonymous else REDIRECT  # a signed-in user is sent on


def admin_only(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_manage_reference_data(ctx.user) else 403


def unlock_page(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_unlock_users(ctx.user) else 403


def waiting_list_entry(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_enter_waiting_list(ctx.user) else 403


def assessment_page(
    check: Callable | None = None, *, public_view: bool = False, hide: bool = False
) -> Rule:
    """404 unless the user may see the assessment; then 403 (or 404 when `hide`) unless
    `check(user, assessment)`; anonymous users meet the sign-in page unless the view is
    public."""

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous and not public_view:
            return LOGIN
        if not policy.can_view_assessment(ctx.user, ctx.assessment):
            return 404
        if check is not None and not check(ctx.user, ctx.assessment):
            return 404 if hide else 403
        return 200

    return rule


def transition_rule(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    if not policy.can_view_assessment(ctx.user, ctx.assessment):
        return 404
    action = workflow.get_action(kwargs["action"])
    if not policy.can_make_transition(ctx.user, ctx.assessment, action.roles):
        return 403
    if ctx.assessment.status not in action.from_statuses:
        return REDIRECT  # back to the assessment page with the reason
    return 200


# The REST API answers an anonymous request for a signed-in-only endpoint with 401 (and
# WWW-Authenticate: Token), not the sign-in page.
UNAUTHENTICATED = 401


def api_public(ctx: Ctx, kwargs: dict):
    return 200


def api_signed_in(ctx: Ctx, kwargs: dict):
    return UNAUTHENTICATED if ctx.anonymous else 200


def api_not_get(ctx: Ctx, kwargs: dict):
    """A write-only endpoint: GET is refused once the user is authenticated."""
    return UNAUTHENTICATED if ctx.anonymous else 405


def api_admin_write(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 405 if policy.can_manage_reference_data(ctx.user) else 403


def api_unlock_list(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 200 if policy.can_unlock_users(ctx.user) else 403


def api_unlock_write(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return UNAUTHENTICATED
    return 405 if policy.can_unlock_users(ctx.user) else 403


def api_assessment(
    check: Callable | None = None, *, public_view: bool = False, hide: bool = False
) -> Rule:
    """As `assessment_page`, with 401 for anonymous requests to non-public endpoints."""

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous and not public_view:
            return UNAUTHENTICATED
        if not policy.can_view_assessment(ctx.user, ctx.assessment):
            return 404
        if check is not None and not check(ctx.user, ctx.assessment):
            return 404 if hide else 403
        return 200

    return rule


def create_assessment_rule(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_create_assessment(ctx.user) else 403


def evidence_item_page(check: Callable | None = None, *, file: bool = False) -> Rule:
    """An evidence item's page (or, with `file`, an attachment's download): 404 unless the
    user may see the assessment and the item (personal data is not disclosed); then 403 unless
    `check(user, assessment)`."""

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous:
            return LOGIN
        if not policy.can_view_assessment(ctx.user, ctx.assessment):
            return 404
        if file:
            item = Attachment.objects.get(pk=kwargs["pk"]).evidence_item
        else:
            item = EvidenceItem.objects.get(pk=kwargs["pk"])
        if not policy.can_view_evidence_item(ctx.user, item):
            return 404
        if check is not None and not check(ctx.user, ctx.assessment):
            return 403
        return 200

    return rule


def api_not_found(ctx: Ctx, kwargs: dict):
    return 404


# ---- the expectations: one entry per URL (by name) ------------------------------------------


@dataclass(frozen=True)
class Expect:
    rule: Rule
    kwargs: Callable[[Objects], list[dict]] = lambda objects: [{}]
    # Whether the URL takes ids of an assessment or of what is under it (checked with another
    # council's ids for council leads).
    scoped: bool = False


def _assessment(o: Objects) -> list[dict]:
    return [{"pk": o.assessment.pk}]


def _challenge(o: Objects) -> list[dict]:
    return [{"pk": o.assessment.pk, "challenge_pk": o.challenge.pk}]


def _challenge_file(o: Objects) -> list[dict]:
    return [
        {
            "pk": o.assessment.pk,
            "challenge_pk": o.challenge.pk,
            "attachment_pk": o.challenge_attachment.pk,
        }
    ]


def _first_statement_id(o: Objects) -> int:
    statements = QualityStatement.objects.filter(framework_id=o.assessment.framework_id)
    return statements.order_by("number").values_list("pk", flat=True).first() or 1


EXPECTATIONS: dict[str, Expect] = {
    "pages:home": Expect(public),
    "pages:accessibility": Expect(public),
    "pages:methods": Expect(public),
    "accounts:login": Expect(sign_in_page),
    "accounts:logout": Expect(post_only),
    "accounts:account": Expect(signed_in),
    "accounts:token_create": Expect(post_only),
    "accounts:token_revoke": Expect(post_only),
    "accounts:locked_users": Expect(unlock_page),
    "accounts:user_unlock": Expect(post_only, kwargs=lambda o: [{"user_id": o.evidence.author_id}]),
    "councils:list": Expect(public),
    "councils:detail": Expect(
        public, kwargs=lambda o: [{"gss_code": o.assessment.council.gss_code}]
    ),
    "assessments:list": Expect(signed_in),
    "assessments:national_table": Expect(moved),
    "national:ratings": Expect(public),
    "national:ratings_csv": Expect(public),
    "assessments:detail": Expect(
        assessment_page(public_view=True), kwargs=_assessment, scoped=True
    ),
    "assessments:transition": Expect(
        transition_rule,
        kwargs=lambda o: [{"pk": o.assessment.pk, "action": name} for name in workflow.ACTIONS],
        scoped=True,
    ),
    "reviews:findings": Expect(
        assessment_page(policy.can_view_draft, public_view=True), kwargs=_assessment, scoped=True
    ),
    "reviews:summary_edit": Expect(
        assessment_page(policy.can_edit_findings), kwargs=_assessment, scoped=True
    ),
    "reviews:finding_edit": Expect(
        assessment_page(policy.can_edit_findings),
        kwargs=lambda o: [{"pk": o.assessment.pk, "number": 1}],
        scoped=True,
    ),
    "reviews:challenges": Expect(
        assessment_page(policy.can_view_challenges), kwargs=_assessment, scoped=True
    ),
    "reviews:challenge_create": Expect(
        assessment_page(policy.can_raise_challenge), kwargs=_assessment, scoped=True
    ),
    "reviews:challenge_detail": Expect(
        assessment_page(policy.can_view_challenges), kwargs=_challenge, scoped=True
    ),
    "reviews:challenge_attachment": Expect(
        assessment_page(policy.can_view_challenges, hide=True),
        kwargs=_challenge_file,
        scoped=True,
    ),
    "assessments:national_table_csv": Expect(moved),
    "assessments:results_import": Expect(admin_only),
    "assessments:statement_score": Expect(
        assessment_page(policy.can_view_draft, public_view=True),
        kwargs=lambda o: [{"pk": o.assessment.pk, "number": 1}],
        scoped=True,
    ),
    # POST-only (htmx previews): a GET is refused before any permission check.
    "assessments:statement_score_preview": Expect(
        post_only, kwargs=lambda o: [{"pk": o.assessment.pk, "number": 1}]
    ),
    "assessments:scores_preview": Expect(post_only, kwargs=_assessment),
    "national:outcomes": Expect(public),
    "national:outcomes_ranking": Expect(public),
    "national:outcomes_method": Expect(public),
    "national:pressure": Expect(public),
    "national:council_profile": Expect(
        public, kwargs=lambda o: [{"gss_code": o.assessment.council.gss_code}]
    ),
    "national:waiting_list_create": Expect(waiting_list_entry),
    "national:upload_indicators": Expect(admin_only),
    "national:upload_spend": Expect(admin_only),
    "national:upload_waiting_lists": Expect(admin_only),
    "reviews:deadline_extend": Expect(
        assessment_page(policy.can_extend_deadline), kwargs=_assessment, scoped=True
    ),
    # ---- the REST API (/api/v1/) ----
    "api:schema": Expect(api_public),
    "api:docs": Expect(api_public),
    "api:not-found": Expect(api_not_found),
    "api:my-token": Expect(api_signed_in),
    "api:user-token": Expect(api_not_get, kwargs=lambda o: [{"user_id": o.evidence.author_id}]),
    "api:users-locked": Expect(api_unlock_list),
    "api:user-unlock": Expect(
        api_unlock_write, kwargs=lambda o: [{"user_id": o.evidence.author_id}]
    ),
    "api:council-list": Expect(api_public),
    "api:council-detail": Expect(
        api_public, kwargs=lambda o: [{"gss_code": o.assessment.council.gss_code}]
    ),
    "api:framework-list": Expect(api_public),
    "api:framework-detail": Expect(
        api_public, kwargs=lambda o: [{"framework_id": o.assessment.framework_id}]
    ),
    "api:statement-list": Expect(api_public),
    "api:statement-detail": Expect(
        api_public,
        kwargs=lambda o: [{"statement_id": _first_statement_id(o)}],
    ),
    "api:assessment-list": Expect(api_public),
    "api:assessment-detail": Expect(
        api_assessment(public_view=True),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    "api:assessment-history": Expect(
        api_assessment(policy.can_view_history),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    "api:assessment-scores": Expect(
        api_assessment(policy.can_view_draft, public_view=True),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    "api:statement-score": Expect(
        api_assessment(policy.can_view_draft, public_view=True),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk, "number": 1}],
        scoped=True,
    ),
    "api:national-ratings": Expect(api_public),
    "api:national-ratings-summary": Expect(api_public),
    "api:results-import": Expect(api_admin_write),
    "api:assessment-timeline": Expect(
        api_assessment(policy.can_view_history),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    "api:assessment-actions": Expect(
        api_assessment(),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    **{
        f"api:assessment-{name.replace('_', '-')}": Expect(
            api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk}]
        )
        for name in workflow.ACTIONS
    },
    "api:assessment-summary": Expect(
        api_assessment(policy.can_view_draft, public_view=True),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    "api:assessment-findings": Expect(
        api_assessment(policy.can_view_draft, public_view=True),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    "api:statement-finding": Expect(
        api_assessment(policy.can_view_draft, public_view=True),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk, "number": 1}],
        scoped=True,
    ),
    "api:challenge-list": Expect(
        api_assessment(policy.can_view_challenges),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
        scoped=True,
    ),
    "api:challenge-detail": Expect(
        api_assessment(policy.can_view_challenges),
        kwargs=lambda o: [{"assessment_id": o.assessment.pk, "challenge_id": o.challenge.pk}],
        scoped=True,
    ),
    "api:challenge-decision": Expect(
        api_not_get,
        kwargs=lambda o: [{"assessment_id": o.assessment.pk, "challenge_id": o.challenge.pk}],
    ),
    "api:challenge-attachment": Expect(
        api_assessment(policy.can_view_challenges, hide=True),
        kwargs=lambda o: [
            {
                "assessment_id": o.assessment.pk,
                "challenge_id": o.challenge.pk,
                "attachment_id": o.challenge_attachment.pk,
            }
        ],
        scoped=True,
    ),
    "api:assessment-deadline": Expect(
        api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk}]
    ),
    "assessments:create": Expect(create_assessment_rule),
    "assessments:edit": Expect(
        assessment_page(policy.can_edit_assessment), kwargs=_assessment, scoped=True
    ),
    "evidence:overview": Expect(
        assessment_page(policy.can_view_evidence), kwargs=_assessment, scoped=True
    ),
    "evidence:create": Expect(
        assessment_page(policy.can_edit_evidence), kwargs=_assessment, scoped=True
    ),
    "evidence:category_options": Expect(
        assessment_page(policy.can_edit_evidence), kwargs=_assessment, scoped=True
    ),
    "evidence:statement": Expect(
        assessment_page(policy.can_view_evidence),
        kwargs=lambda o: [{"pk": o.assessment.pk, "number": 1}],
        scoped=True,
    ),
    "evidence:detail": Expect(
        evidence_item_page(), kwargs=lambda o: [{"pk": o.evidence.pk}], scoped=True
    ),
    "evidence:edit": Expect(
        evidence_item_page(policy.can_edit_evidence),
        kwargs=lambda o: [{"pk": o.evidence.pk}],
        scoped=True,
    ),
    "evidence:withdraw": Expect(
        evidence_item_page(policy.can_edit_evidence),
        kwargs=lambda o: [{"pk": o.evidence.pk}],
        scoped=True,
    ),
    "evidence:attachment": Expect(
        evidence_item_page(file=True),
        kwargs=lambda o: [{"pk": o.evidence_attachment.pk}],
        scoped=True,
    ),
    # Previews (inline view and thumbnail) ask the same policy as the download.
    "evidence:attachment_inline": Expect(
        evidence_item_page(file=True),
        kwargs=lambda o: [{"pk": o.evidence_attachment.pk}],
        scoped=True,
    ),
    "evidence:attachment_thumbnail": Expect(
        evidence_item_page(file=True),
        kwargs=lambda o: [{"pk": o.evidence_attachment.pk}],
        scoped=True,
    ),
}


# ---- reports (issue 6) ----------------------------------------------------------------------


def _ready_file(name: str) -> str:
    return storages["private"].save(name, ContentFile(b"%PDF-1.7 matrix"))


def _report_kwargs(o: Objects) -> list[dict]:
    """A ready draft report of the assessment (and its published report once published)."""
    from reports.models import Report

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pk": 1}]
    kwargs = []
    kinds = ["draft"] + (["published"] if o.assessment.is_published else [])
    for kind in kinds:
        report, _ = Report.objects.get_or_create(
            assessment=o.assessment,
            kind=kind,
            version=1,
            defaults={
                "status": "ready",
                "sha256": "0" * 64,
                "stored_name": _ready_file(f"matrix/report-{o.assessment.pk}-{kind}.pdf"),
            },
        )
        kwargs.append({"pk": report.pk})
    return kwargs


def _export_kwargs(o: Objects) -> list[dict]:
    from reports.models import BulkExport

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pk": 1}]
    export = BulkExport.objects.filter(status="ready").first() or BulkExport.objects.create(
        requested_by=o.evidence.author,
        status="ready",
        stored_name=_ready_file("matrix/export.zip"),
    )
    return [{"pk": export.pk}]


def report_download_rule(ctx: Ctx, kwargs: dict):
    from reports.models import Report

    report = Report.objects.get(pk=kwargs["pk"])
    if not policy.can_view_assessment(ctx.user, report.assessment):
        return 404
    return 200 if policy.can_view_report(ctx.user, report) else 403


def report_published_rule(ctx: Ctx, kwargs: dict):
    """The correction form when a published report exists; otherwise back to the page."""
    if ctx.anonymous:
        return LOGIN
    if not policy.can_view_assessment(ctx.user, ctx.assessment):
        return 404
    if not policy.can_request_published_report(ctx.user, ctx.assessment):
        return 403
    return 200 if ctx.assessment.reports.filter(kind="published").exists() else REDIRECT


def exports_only(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_export(ctx.user) else 403


EXPECTATIONS.update(
    {
        "reports:panel": Expect(assessment_page(public_view=True), kwargs=_assessment, scoped=True),
        "reports:request_draft": Expect(post_only, kwargs=_assessment),
        "reports:request_published": Expect(report_published_rule, kwargs=_assessment, scoped=True),
        "reports:retry": Expect(post_only, kwargs=_report_kwargs),
        "reports:download": Expect(report_download_rule, kwargs=_report_kwargs, scoped=True),
        "reports:exports": Expect(exports_only),
        "reports:bulk_panel": Expect(exports_only),
        "reports:bulk_download": Expect(exports_only, kwargs=_export_kwargs),
        "reports:national_csv": Expect(moved),
        "reports:national_xlsx": Expect(moved),
        "national:ratings_xlsx": Expect(exports_only),
    }
)


def _api_report_kwargs(o: Objects) -> list[dict]:
    return [{"report_id": kwargs["pk"]} for kwargs in _report_kwargs(o)]


def api_report_rule(ctx: Ctx, kwargs: dict):
    """As the page; a refusal the user might overcome by signing in is 401 in the API."""
    outcome = report_download_rule(ctx, {"pk": kwargs["report_id"]})
    return UNAUTHENTICATED if outcome == 403 and ctx.anonymous else outcome


EXPECTATIONS.update(
    {
        "api:assessment-reports": Expect(
            api_assessment(public_view=True),
            kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
            scoped=True,
        ),
        "api:report-detail": Expect(
            api_report_rule,
            kwargs=_api_report_kwargs,
            scoped=True,
        ),
        "api:report-download": Expect(
            api_report_rule,
            kwargs=_api_report_kwargs,
            scoped=True,
        ),
        "api:report-retry": Expect(api_not_get, kwargs=_api_report_kwargs),
    }
)


def api_evidence_item(file: bool = False) -> Rule:
    """As `evidence_item_page`, with 401 for anonymous requests."""
    page_rule = evidence_item_page(file=file)

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous:
            return UNAUTHENTICATED
        key = "attachment_id" if file else "evidence_id"
        return page_rule(ctx, {"pk": kwargs[key]})

    return rule


EXPECTATIONS.update(
    {
        "api:evidence-list": Expect(
            api_assessment(policy.can_view_evidence),
            kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
            scoped=True,
        ),
        "api:evidence-upload": Expect(
            api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk}]
        ),
        "api:evidence-detail": Expect(
            api_evidence_item(), kwargs=lambda o: [{"evidence_id": o.evidence.pk}], scoped=True
        ),
        "api:evidence-withdraw": Expect(
            api_not_get, kwargs=lambda o: [{"evidence_id": o.evidence.pk}]
        ),
        "api:evidence-attachment": Expect(
            api_evidence_item(file=True),
            kwargs=lambda o: [{"attachment_id": o.evidence_attachment.pk}],
            scoped=True,
        ),
    }
)


def health_check(ctx: Ctx, kwargs: dict):
    """/healthz: the same for everyone, signed in or not; no worker beats in this test run,
    so it answers 503 (tests/operations/test_health.py covers 200)."""
    from operations import health

    return 200 if health.check_worker() == health.OK else 503


EXPECTATIONS["healthz"] = Expect(health_check)


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


# ---- collecting the URLs --------------------------------------------------------------------


def collect_urls(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """(route, name) of every URL pattern, walking included URL configurations."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            child_ns = namespace
            if pattern.namespace:
                child_ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from collect_urls(pattern, route, child_ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield route, name or route


def project_urls() -> dict[str, str]:
    return {name: route for route, name in collect_urls()}


def test_every_url_has_an_expectation():
    urls = project_urls()
    missing = sorted(set(urls) - set(EXPECTATIONS))
    assert not missing, (
        "These URLs have no entry in the permission matrix: "
        + ", ".join(f"{name} ({urls[name]})" for name in missing)
        + ". Add one to EXPECTATIONS in tests/policy/test_permission_matrix.py: how to fill its "
        "kwargs and which policy/ rule decides who gets 200, 302 to sign-in, 403 or 404."
    )
    stale = sorted(set(EXPECTATIONS) - set(urls))
    assert not stale, f"EXPECTATIONS names URLs that no longer exist: {stale}"


def test_admin_and_static_are_skipped_and_everything_else_is_collected():
    routes = [route for route, _ in collect_urls()]
    assert not any(route.startswith(SKIPPED_PREFIXES) for route in routes)
    assert "assessments/<int:pk>/challenges/<int:challenge_pk>/files/<int:attachment_pk>/" in routes


# ---- walking it -----------------------------------------------------------------------------


@pytest.fixture
def people(
    admin_user,
    lead_assessor,
    assessor,
    outside_assessor,
    council_lead,
    other_council_lead,
    council_contributor,
):
    return {
        "contributor": council_contributor,
        "anonymous": AnonymousUser(),
        "team_assessor": assessor,
        "outside_assessor": outside_assessor,
        "council_lead": council_lead,
        "other_lead": other_council_lead,
        "admin": admin_user,
        "lead_assessor": lead_assessor,
    }


@pytest.fixture
def clients(people):
    result = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        result[role] = client
    return result


def _place(assessment: Assessment, status: str) -> Assessment:
    assessment.status = status
    if status in (AssessmentStatus.FACTUAL_ACCURACY, AssessmentStatus.PUBLISHED):
        assessment.fa_sent_on = datetime.date.today() - datetime.timedelta(days=3)
        assessment.fa_due_on = datetime.date.today() + datetime.timedelta(days=11)
    if status == AssessmentStatus.PUBLISHED:
        assessment.published_on = datetime.date.today()
        assessment.published_rating, assessment.published_percentage = "good", 75.0
    if status == AssessmentStatus.WITHDRAWN:
        assessment.withdrawn_reason = "Test"
    assessment.save()
    return assessment


def _outcome(response) -> object:
    if response.status_code == 302:
        login = reverse("accounts:login")
        return LOGIN if response.url.startswith(login) else REDIRECT
    return response.status_code


def _walk(clients, people, objects: Objects, only_scoped: bool = False, roles=ROLES, expect=None):
    """Request every URL for every role; return (requests made, list of mismatches)."""
    failures, count = [], 0
    for name, entry in EXPECTATIONS.items():
        if only_scoped and not entry.scoped:
            continue
        for kwargs in entry.kwargs(objects):
            url = reverse(name, kwargs=kwargs)
            for role in roles:
                ctx = Ctx(people[role], objects.assessment)
                wanted = expect if expect is not None else entry.rule(ctx, kwargs)
                got = _outcome(clients[role].get(url))
                count += 1
                if got != wanted:
                    failures.append(f"{role:<16} GET {url:<60} expected {wanted}, got {got}")
    return count, failures


@pytest.mark.parametrize("status", STATUSES)
def test_permission_matrix(status, clients, people, suffolk):
    assessment = AssessmentFactory(
        council=suffolk, lead_assessor=people["lead_assessor"], assessors=[people["team_assessor"]]
    )
    score_all(assessment)
    write_summary(assessment)
    objects = _make_objects(assessment, people["council_lead"], people["team_assessor"])
    _place(assessment, status)
    count, failures = _walk(clients, people, objects)
    assert count >= len(EXPECTATIONS) * len(ROLES)
    assert not failures, f"{len(failures)} of {count} requests broke the policy:\n" + "\n".join(
        failures
    )


@pytest.mark.parametrize("status", [s for s in STATUSES if s != AssessmentStatus.PUBLISHED])
def test_council_lead_never_reaches_another_councils_unpublished_ids(
    status, clients, people, nottingham, suffolk
):
    """Guessed ids: the Suffolk lead and an outside assessor get 404 for every page, file and
    id of Nottingham's unpublished assessment, and for Nottingham ids under Suffolk's."""
    notts = AssessmentFactory(council=nottingham, lead_assessor=people["lead_assessor"])
    objects = _make_objects(notts, people["other_lead"], people["lead_assessor"])
    _place(notts, status)
    count, failures = _walk(
        clients,
        people,
        objects,
        only_scoped=True,
        roles=("council_lead", "outside_assessor", "contributor"),
        expect=404,
    )
    # Suffolk's own assessment with Nottingham's challenge and file ids.
    own = _place(AssessmentFactory(council=suffolk), AssessmentStatus.FACTUAL_ACCURACY)
    for name, kwargs in (
        ("reviews:challenge_detail", {"pk": own.pk, "challenge_pk": objects.challenge.pk}),
        (
            "reviews:challenge_attachment",
            {
                "pk": own.pk,
                "challenge_pk": objects.challenge.pk,
                "attachment_pk": objects.challenge_attachment.pk,
            },
        ),
    ):
        got = _outcome(clients["council_lead"].get(reverse(name, kwargs=kwargs)))
        count += 1
        if got != 404:
            failures.append(f"council_lead GET {name} {kwargs} expected 404, got {got}")
    assert count > 0
    assert not failures, "\n".join(failures)


def test_matrix_size(capsys):
    """Prints URLs x roles x statuses (run with -s to see it)."""
    concrete = sum(len(entry.kwargs(_FakeObjects())) for entry in EXPECTATIONS.values())
    with capsys.disabled():
        print(
            f"\npermission matrix: {len(project_urls())} URL patterns ({concrete} concrete URLs)"
            f" x {len(ROLES)} roles x {len(STATUSES)} statuses = "
            f"{concrete * len(ROLES) * len(STATUSES)} requests"
        )
    assert concrete >= len(EXPECTATIONS)


class _FakeObjects:
    """Stand-ins with ids, to count concrete URLs without a database."""

    class _Id:
        pk = 1
        gss_code = "E10000029"
        author_id = 1

    assessment = type("A", (), {"pk": 1, "council": _Id(), "framework_id": 1})()
    challenge = challenge_attachment = evidence = evidence_attachment = _Id()
