"""The permission matrix's vocabulary: the objects whose ids fill URLs, the outcomes, and the
rules (each derived from policy/) that say which outcome a role gets."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import storages

import policy
from assessments import panels, workflow
from assessments.models import Assessment, AssessmentStatus, EvidenceCategory, QualityStatement
from evidence.models import Attachment, AttachmentPreview, EvidenceItem
from reviews.models import ChallengeAttachment
from tests.factories import ChallengeFactory

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


def assessment_panel_rule(ctx: Ctx, kwargs: dict):
    """A deferred panel of the assessment page: 404 unless the assessment may be seen; then
    the panel's own rule, with the sign-in page for anonymous users it does not admit."""
    if not policy.can_view_assessment(ctx.user, ctx.assessment):
        return 404
    if not panels.BY_SLUG[kwargs["slug"]].visible(ctx.user, ctx.assessment):
        return LOGIN if ctx.anonymous else 403
    return 200


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
