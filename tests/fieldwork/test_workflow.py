"""'Submit for quality assurance' is refused while a statement lacks people's-experience
evidence, unless the lead assessor records an override with a reason (shown in the status
timeline, which the quality assurance panel works from, and in the change history)."""

import pytest
from django.urls import reverse

from assessments.errors import AssessmentError
from assessments.models import AssessmentStatus, QualityStatement
from assessments.services import assessment_transition
from audit.models import AuditEvent
from fieldwork import selectors, services
from tests.factories import EvidenceItemFactory, score_all
from tests.panels import panel_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring(assessment):
    assessment.status = AssessmentStatus.SCORING
    assessment.save()
    score_all(assessment)
    return assessment


def _statements(assessment, numbers):
    return list(QualityStatement.objects.filter(framework=assessment.framework, number__in=numbers))


def test_refused_while_statements_lack_peoples_experience(scoring, assessor):
    EvidenceItemFactory(assessment=scoring, statements=_statements(scoring, range(1, 8)))
    with pytest.raises(AssessmentError, match="statements 8, 9 have none"):
        assessment_transition(actor=assessor, assessment=scoring, action="submit_for_qa")
    # Other categories do not count.
    staff = scoring.framework.evidence_categories.get(code="staff-leaders-feedback")
    EvidenceItemFactory(assessment=scoring, category=staff, statements=_statements(scoring, [8, 9]))
    with pytest.raises(AssessmentError, match="statements 8, 9 have none"):
        assessment_transition(actor=assessor, assessment=scoring, action="submit_for_qa")
    EvidenceItemFactory(assessment=scoring, statements=_statements(scoring, [8, 9]))
    assessment_transition(actor=assessor, assessment=scoring, action="submit_for_qa")
    scoring.refresh_from_db()
    assert scoring.status == AssessmentStatus.QUALITY_ASSURANCE


def test_lead_assessor_override_with_reason(scoring, assessor, lead_assessor):
    with pytest.raises(services.FieldworkError, match="Only the lead assessor"):
        services.peoples_experience_override_record(actor=assessor, assessment=scoring, reason="x")
    with pytest.raises(services.FieldworkError, match="Enter why"):
        services.peoples_experience_override_record(
            actor=lead_assessor, assessment=scoring, reason=" "
        )
    override = services.peoples_experience_override_record(
        actor=lead_assessor, assessment=scoring, reason="Survey covers it; people declined."
    )
    assert override.statements_without == list(range(1, 10))
    assessment_transition(actor=assessor, assessment=scoring, action="submit_for_qa")
    event = AuditEvent.objects.get(action="assessment.peoples_experience_override")
    assert event.assessment_id == scoring.pk and event.note == "Survey covers it; people declined."


def test_override_lapses_when_the_assessment_returns_to_scoring(scoring, assessor, lead_assessor):
    services.peoples_experience_override_record(actor=lead_assessor, assessment=scoring, reason="R")
    assessment_transition(actor=assessor, assessment=scoring, action="submit_for_qa")
    assessment_transition(
        actor=lead_assessor, assessment=scoring, action="return_to_scoring", note="Rework"
    )
    assert selectors.override_applies(assessment=scoring) is None
    with pytest.raises(AssessmentError, match="people's experience"):
        assessment_transition(actor=assessor, assessment=scoring, action="submit_for_qa")


def test_override_shows_on_the_timeline_and_the_heat_map(client, scoring, lead_assessor):
    client.force_login(lead_assessor)
    url = reverse("fieldwork:override", args=[scoring.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "Enter the reason" in response.content.decode()
    response = client.post(url, {"reason": "Carers' survey stands in for the interviews."})
    assert response.status_code == 302
    heat = client.get(reverse("fieldwork:sufficiency", args=[scoring.pk])).content.decode()
    assert "Carers&#x27; survey stands in for the interviews." in heat
    history = panel_html(client, scoring, "history")
    # The assessment's change history (which quality assurance works from) shows it (the
    # audit trail), with the reason.
    assert "Assessment peoples experience override" in history
    assert history.count("Carers&#x27; survey stands in for the interviews.") == 1


def test_submitting_on_the_override_puts_the_reason_in_the_status_timeline(
    client, scoring, assessor, lead_assessor
):
    from assessments.models import StatusTransition

    EvidenceItemFactory(assessment=scoring, statements=_statements(scoring, range(1, 9)))
    services.peoples_experience_override_record(
        actor=lead_assessor, assessment=scoring, reason="People declined interviews."
    )
    assessment_transition(
        actor=assessor, assessment=scoring, action="submit_for_qa", note="Ready for QA."
    )
    step = StatusTransition.objects.get(to_status=AssessmentStatus.QUALITY_ASSURANCE)
    assert step.note.startswith("Ready for QA.")
    assert "Without people's experience evidence for statement 9, on the lead assessor's " in (
        step.note
    )
    assert step.note.endswith("People declined interviews.")
    client.force_login(lead_assessor)
    timeline = panel_html(client, scoring, "timeline").split('id="timeline"', 1)[1]
    assert "Without people&#x27;s experience evidence for statement 9" in timeline


def test_a_step_with_every_statement_covered_records_no_override(scoring, assessor, lead_assessor):
    from assessments.models import StatusTransition

    services.peoples_experience_override_record(actor=lead_assessor, assessment=scoring, reason="R")
    EvidenceItemFactory(assessment=scoring, statements=_statements(scoring, range(1, 10)))
    assessment_transition(actor=assessor, assessment=scoring, action="submit_for_qa")
    assert StatusTransition.objects.get(to_status=AssessmentStatus.QUALITY_ASSURANCE).note == ""
