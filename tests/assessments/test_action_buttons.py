"""The assessment page's buttons and the banners after a step: the forward step leads, the
banner says what happened, and report buttons fit the assessment's stage."""

import re

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus
from reports.models import RenderStatus, Report, ReportKind
from tests.factories import AssessmentFactory, score_all

pytestmark = pytest.mark.django_db


def _buttons(html: str) -> list[tuple[str, str]]:
    """(class, label) of each workflow button, in page order."""
    return [
        (cls, label.strip())
        for cls, label in re.findall(
            r'<a class="(govuk-button[^"]*)" role="button"[^>]*/steps/[^>]*>([^<]+)</a>', html
        )
    ]


def test_the_forward_step_is_the_primary_button_and_going_back_is_secondary(
    client, assessment, lead_assessor
):
    assessment.status = AssessmentStatus.SCORING
    assessment.save(update_fields=["status"])
    client.force_login(lead_assessor)
    buttons = _buttons(client.get(assessment.get_absolute_url()).content.decode())
    assert buttons[0] == ("govuk-button", "Submit for quality assurance")
    assert ("govuk-button govuk-button--secondary", "Return to evidence gathering") in buttons


def test_a_step_back_alone_is_never_the_primary_button(client, assessment, lead_assessor):
    assessment.status = AssessmentStatus.FACTUAL_ACCURACY
    assessment.save(update_fields=["status"])
    client.force_login(lead_assessor)  # may return to scoring, may not publish
    buttons = _buttons(client.get(assessment.get_absolute_url()).content.decode())
    assert buttons == [("govuk-button govuk-button--secondary", "Return to scoring and drafting")]


def test_the_banner_after_a_step_says_what_happened(client, assessment, lead_assessor):
    client.force_login(lead_assessor)
    url = reverse("assessments:transition", args=[assessment.pk, "start_scoring"])
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert "Scoring and drafting has started." in html
    assert "Done:" not in html


def test_the_banner_after_publishing_says_the_assessment_was_published(client, admin_user):
    assessment = AssessmentFactory(status=AssessmentStatus.FACTUAL_ACCURACY)
    score_all(assessment)
    client.force_login(admin_user)
    url = reverse("assessments:transition", args=[assessment.pk, "publish"])
    html = client.post(url, follow=True).content.decode()
    assert "The assessment was published." in html
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED


def _published_with_report(status: str, by) -> Report:
    assessment = AssessmentFactory(status=AssessmentStatus.PUBLISHED, lead_assessor=by)
    ready = status == RenderStatus.READY
    return Report.objects.create(
        assessment=assessment,
        kind=ReportKind.PUBLISHED,
        version=1,
        status=status,
        sha256="0" * 64 if ready else "",
        stored_name="reports/r.pdf" if ready else "",
    )


def test_no_draft_report_after_publication(client, lead_assessor):
    report = _published_with_report(RenderStatus.READY, lead_assessor)
    client.force_login(lead_assessor)
    html = client.get(report.assessment.get_absolute_url()).content.decode()
    assert "Produce a draft report" not in html
    response = client.post(reverse("reports:request_draft", args=[report.assessment.pk]))
    assert response.status_code == 403
    assert not Report.objects.filter(assessment=report.assessment, kind=ReportKind.DRAFT).exists()


def test_a_draft_report_is_offered_before_publication(client, assessment, lead_assessor):
    client.force_login(lead_assessor)
    assert "Produce a draft report" in client.get(assessment.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (RenderStatus.QUEUED, False),
        (RenderStatus.RENDERING, False),
        (RenderStatus.FAILED, False),
        (RenderStatus.READY, True),
    ],
)
def test_correct_the_published_report_only_once_it_is_ready(client, lead_assessor, status, offered):
    report = _published_with_report(status, lead_assessor)
    client.force_login(lead_assessor)
    html = client.get(report.assessment.get_absolute_url()).content.decode()
    assert ("Correct the published report" in html) is offered
