"""Search: a user finds exactly what they could open, decided in the query.

Each searchable kind names, at its registration, the policy scope that decides which
assessments' documents of that kind a user may see (the queryset form of the same rule the
pages ask object by object; tests/search/test_permissions.py checks that the two agree for
every role and status). On top of that, documents marked as personal data are found only by
those who may see the assessment's personal data. Admins find everything; signed-out users
nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from assessments.models import Assessment, AssessmentStatus
from policy.evidence import COUNCIL_EVIDENCE_STATUSES
from policy.roles import is_admin, is_council_lead, team_assessments_q


def _authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


def _team_or_council_leads(user, queryset: QuerySet, **council_condition) -> QuerySet:
    """Admins: all; otherwise the user's team assessments and, for a council lead, their
    councils' assessments meeting `council_condition` (field lookups on Assessment)."""
    if is_admin(user):
        return queryset
    if not _authenticated(user):
        return queryset.none()
    visible = team_assessments_q(user)
    if is_council_lead(user):
        visible |= Q(council_id__in=user.council_ids, **council_condition)
    return queryset.filter(visible)


def assessments_with_visible_evidence(user, queryset: QuerySet) -> QuerySet:
    """Queryset form of `can_view_evidence`: the team and admins; the council's leads from
    the sending of the draft (policy/evidence.py says why)."""
    return _team_or_council_leads(user, queryset, status__in=COUNCIL_EVIDENCE_STATUSES)


def assessments_with_visible_challenges(user, queryset: QuerySet) -> QuerySet:
    """Queryset form of `can_view_challenges`: the team, admins and the council's leads."""
    return _team_or_council_leads(user, queryset)


def assessments_with_visible_personal_data(user, queryset: QuerySet) -> QuerySet:
    """Queryset form of `can_view_personal_data`: the team and admins."""
    if is_admin(user):
        return queryset
    if not _authenticated(user):
        return queryset.none()
    return queryset.filter(team_assessments_q(user))


def assessments_with_visible_drafts(user, queryset: QuerySet) -> QuerySet:
    """Queryset form of `can_view_draft`: published for everyone; otherwise the team, and the
    council's leads during the factual accuracy check."""
    if is_admin(user):
        return queryset
    visible = Q(status=AssessmentStatus.PUBLISHED)
    if _authenticated(user):
        visible |= team_assessments_q(user)
        if is_council_lead(user):
            visible |= Q(status=AssessmentStatus.FACTUAL_ACCURACY, council_id__in=user.council_ids)
    return queryset.filter(visible)


def visible_search_documents(user, queryset: QuerySet) -> QuerySet:
    """Restrict a SearchDocument queryset to what `user` may open."""
    from search import registry

    if is_admin(user):
        return queryset
    if not _authenticated(user):
        return queryset.none()
    assessments = Assessment.objects.all()
    # Each scope is read into a list of ids first (at most a few hundred assessments): the
    # database then plans the search with exact ids, and picks the assessment index over
    # reading every match of a common word.
    visible = Q(pk__in=[])
    for kind in registry.kinds():
        scope = list(kind.visible_assessments(user, assessments).values_list("pk", flat=True))
        if scope:
            visible |= Q(kind=kind.name, assessment_id__in=scope)
    personal_scope = list(
        assessments_with_visible_personal_data(user, assessments).values_list("pk", flat=True)
    )
    personal = Q(contains_personal_data=False) | Q(assessment_id__in=personal_scope)
    return queryset.filter(visible & personal)


def can_search(user) -> bool:
    """The search pages and API: anyone signed in (what they find is filtered above)."""
    return _authenticated(user)
