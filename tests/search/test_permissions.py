"""Search never shows what the user may not open: no hit, no count, no snippet.

The policy filters documents in the query (policy/search.py); these tests check that, for
every role and every status, the documents a user finds are exactly those whose object the
pages' own per-object rules let them open."""

import pytest
from django.contrib.auth.models import AnonymousUser

import policy
from assessments.models import AssessmentStatus
from reviews.models import AssessmentSummary, Challenge, StatementFinding
from search.models import SearchDocument
from search.selectors import search, visible_documents
from tests.factories import (
    AssessmentFactory,
    ChallengeFactory,
    EvidenceItemFactory,
    score_all,
    write_summary,
)

pytestmark = pytest.mark.django_db

SECRET = "zanzibar"  # a word that appears only in the other council's documents


def _may_open(user, document: SearchDocument) -> bool:
    """The pages' own rule for the object behind a document."""
    assessment = document.assessment
    if document.kind == "evidence":
        from evidence.models import EvidenceItem

        return policy.can_view_evidence_item(user, EvidenceItem.objects.get(pk=document.object_id))
    if document.kind in ("finding", "summary"):
        return policy.can_view_draft(user, assessment)
    if document.kind == "challenge":
        return policy.can_view_challenges(user, assessment)
    if document.kind in ("return_answer", "request_response", "self_assessment"):
        return policy.can_view_council_portal(user, assessment)
    raise AssertionError(f"no per-object rule for {document.kind}")


def _world(people, suffolk, nottingham, status):
    """Two councils' assessments in `status`, each with evidence (one personal), findings,
    a summary and a challenge."""
    made = []
    for council, words in ((suffolk, "waiting"), (nottingham, f"waiting {SECRET}")):
        assessment = AssessmentFactory(
            council=council,
            lead_assessor=people["lead_assessor"],
            assessors=[people["team_assessor"]] if council == suffolk else [],
            status=status,
        )
        EvidenceItemFactory(assessment=assessment, narrative=f"Evidence about {words}.")
        EvidenceItemFactory(
            assessment=assessment, narrative=f"Case note {words}.", contains_personal_data=True
        )
        score_all(assessment)
        write_summary(assessment, text=f"Summary on {words}.")
        StatementFinding.objects.filter(assessment=assessment).update(strengths=f"Strong {words}.")
        if not StatementFinding.objects.filter(assessment=assessment).exists():
            statement = assessment.framework.quality_statements.get(number=1)
            StatementFinding.objects.create(
                assessment=assessment, statement=statement, strengths=f"Strong {words}."
            )
        ChallengeFactory(
            assessment=assessment,
            raised_by=people["council_lead" if council == suffolk else "other_lead"],
            text_challenged=f"Challenge on {words}.",
        )
        _portal_answers(assessment, people["lead_assessor"], words)
        made.append(assessment)
    return made


def _portal_answers(assessment, author, words):
    """An information-return answer and an answer to a document request."""
    import datetime

    from returns.models import (
        DocumentRequest,
        InformationReturn,
        RequestResponse,
        ReturnAnswer,
        ReturnTemplate,
        SelfAssessmentSection,
    )

    template = ReturnTemplate.objects.get(is_current=True)
    information_return = InformationReturn.objects.create(
        assessment=assessment, template=template, due_on=datetime.date(2025, 3, 3),
        issued_by=author,
    )  # fmt: skip
    ReturnAnswer.objects.create(
        information_return=information_return, item=template.items.first(),
        text=f"Policy on {words}.",
    )  # fmt: skip
    request = DocumentRequest.objects.create(
        assessment=assessment, title="Audit", reason="Why", raised_by=author,
        due_on=datetime.date(2025, 3, 3),
    )  # fmt: skip
    RequestResponse.objects.create(request=request, text=f"Audit of {words}.", created_by=author)
    SelfAssessmentSection.objects.create(
        assessment=assessment, theme=template.items.first().theme, text=f"We know {words}.",
        updated_by=author,
    )  # fmt: skip


@pytest.fixture
def people(
    admin_user, lead_assessor, assessor, outside_assessor, council_lead, other_council_lead,
    council_contributor,
):  # fmt: skip
    return {
        "admin": admin_user,
        "lead_assessor": lead_assessor,
        "team_assessor": assessor,
        "outside_assessor": outside_assessor,
        "council_lead": council_lead,
        "other_lead": other_council_lead,
        "contributor": council_contributor,
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("status", AssessmentStatus.values)
def test_every_role_finds_exactly_what_it_may_open(status, people, suffolk, nottingham, reindex):
    _world(people, suffolk, nottingham, status)
    reindex()
    documents = list(SearchDocument.objects.select_related("assessment"))
    assert {d.kind for d in documents} == {
        "evidence", "finding", "summary", "challenge", "return_answer", "request_response",
        "self_assessment",
    }  # fmt: skip
    assessments = {document.assessment for document in documents}
    failures = []
    for role, user in people.items():
        found = set(visible_documents(user).values_list("pk", flat=True))
        for document in documents:
            wanted = _may_open(user, document) if user.is_authenticated else False
            if (document.pk in found) != wanted:
                failures.append(f"{role}: {document} found={document.pk in found} may={wanted}")
        # Searching within one assessment decides on the object: the same documents.
        for assessment in assessments:
            if not policy.can_view_assessment(user, assessment):
                continue
            within = set(
                visible_documents(user, assessment=assessment).values_list("pk", flat=True)
            )
            expected = {
                pk for pk in found if pk in {d.pk for d in documents if d.assessment == assessment}
            }
            if within != expected:
                failures.append(f"{role} within {assessment}: {within} != {expected}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("status", [s for s in AssessmentStatus.values if s != "published"])
def test_a_council_lead_gets_no_hit_count_or_snippet_from_another_council(
    status, people, suffolk, nottingham, reindex
):
    _world(people, suffolk, nottingham, status)
    reindex()
    for role in ("council_lead", "contributor", "outside_assessor"):
        results = search(people[role], SECRET)
        assert (results.total, results.hits) == (0, []), role
    # Nottingham's own lead finds Nottingham's non-personal evidence with the word.
    found = search(people["other_lead"], SECRET)
    assert found.total >= 1
    assert all(hit.document.council_id == nottingham.pk for hit in found.hits)
    assert not any(hit.document.contains_personal_data for hit in found.hits)


def test_personal_data_is_found_by_the_team_only(people, suffolk, nottingham, reindex):
    _world(people, suffolk, nottingham, AssessmentStatus.EVIDENCE_GATHERING)
    reindex()
    assert search(people["team_assessor"], '"case note"').total == 1
    assert search(people["admin"], '"case note"').total == 2
    assert search(people["council_lead"], '"case note"').total == 0


def test_signed_out_finds_nothing(people, suffolk, nottingham, reindex):
    _world(people, suffolk, nottingham, AssessmentStatus.PUBLISHED)
    reindex()
    assert search(AnonymousUser(), "waiting").total == 0
    assert AssessmentSummary.objects.count() == 2 and Challenge.objects.count() == 2
