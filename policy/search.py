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


def _object_rules() -> dict:
    """The object form of each queryset scope above: the same rule for one assessment
    (tests/search/test_permissions.py checks that each pair agrees)."""
    from policy.assessments import can_view_draft
    from policy.evidence import can_view_evidence, can_view_personal_data
    from policy.returns import can_view_council_portal, visible_portal_assessments
    from policy.reviews import can_view_challenges

    return {
        assessments_with_visible_evidence: can_view_evidence,
        assessments_with_visible_drafts: can_view_draft,
        assessments_with_visible_challenges: can_view_challenges,
        visible_portal_assessments: can_view_council_portal,
        assessments_with_visible_personal_data: can_view_personal_data,
    }


def visible_search_documents(user, queryset: QuerySet, *, assessment: Assessment | None = None):
    """Restrict a SearchDocument queryset to what `user` may open; within one assessment
    when `assessment` is given (its kinds are then decided on the object, with no query)."""
    from django.db.models import Value

    from search import registry

    if not _authenticated(user):
        return queryset.none()
    if assessment is not None:
        rules = _object_rules()
        names = [
            kind.name
            for kind in registry.kinds()
            if rules[kind.visible_assessments](user, assessment)
        ]
        queryset = queryset.filter(assessment_id=assessment.pk, kind__in=names)
        if not rules[assessments_with_visible_personal_data](user, assessment):
            queryset = queryset.filter(contains_personal_data=False)
        return queryset
    if is_admin(user):
        return queryset
    assessments = Assessment.objects.all()
    # Several kinds share a scope (the draft's findings and summary, the portal's three
    # kinds); each distinct scope is read once, all of them in one query (UNION ALL), into
    # lists of ids: the database then plans the search with exact ids, and picks the
    # assessment index over reading every match of a common word.
    scopes = list(dict.fromkeys(kind.visible_assessments for kind in registry.kinds()))
    scopes.append(assessments_with_visible_personal_data)
    parts = [
        scope(user, assessments).order_by().annotate(scope=Value(n)).values_list("pk", "scope")
        for n, scope in enumerate(scopes)
    ]
    ids: list[list[int]] = [[] for _ in scopes]
    for pk, n in parts[0].union(*parts[1:], all=True):
        ids[n].append(pk)
    visible = Q(pk__in=[])
    for n, scope in enumerate(scopes[:-1]):
        names = [kind.name for kind in registry.kinds() if kind.visible_assessments is scope]
        if ids[n]:
            visible |= Q(kind__in=names, assessment_id__in=ids[n])
    personal = Q(contains_personal_data=False) | Q(assessment_id__in=ids[-1])
    return queryset.filter(visible & personal)


def can_search(user) -> bool:
    """The search pages and API: anyone signed in (what they find is filtered above)."""
    return _authenticated(user)
