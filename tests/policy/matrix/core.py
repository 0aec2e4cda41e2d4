"""Expectations for the first version's URLs: pages, accounts, councils, assessments, evidence,
reviews and national."""

from __future__ import annotations

import policy
from assessments import panels, workflow

from .base import (
    Expect,
    _assessment,
    _challenge,
    _challenge_file,
    _first_statement_id,
    admin_only,
    api_admin_write,
    api_assessment,
    api_not_found,
    api_not_get,
    api_public,
    api_signed_in,
    api_unlock_list,
    api_unlock_write,
    assessment_page,
    assessment_panel_rule,
    create_assessment_rule,
    evidence_item_page,
    moved,
    post_only,
    public,
    sign_in_page,
    signed_in,
    transition_rule,
    unlock_page,
    waiting_list_entry,
)

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
    "assessments:panel": Expect(
        assessment_panel_rule,
        kwargs=lambda o: [{"pk": o.assessment.pk, "slug": p.slug} for p in panels.PANELS],
        scoped=True,
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
