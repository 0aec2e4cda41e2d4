"""Corrections that change the data (issue 16): the next published version carries a
"Corrections" annex; earlier versions stay downloadable and unchanged (SHA-256 verified)."""

import hashlib
from unittest import mock

import pytest
from django.urls import reverse

from assessments.models import StatementScore
from audit.models import AuditEvent
from reports import storage, tasks
from reports.corrections import Change, report_correct
from reports.models import RenderStatus, Report, ReportCorrection
from reports.services import ReportError, report_request
from reviews.models import StatementFinding
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    with mock.patch("reports.tasks.render_report.apply_async") as render:
        yield render


def _stored_sha(report: Report) -> str:
    with storage.open_file(report.stored_name) as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_a_correction_changes_the_data_and_keeps_earlier_versions(
    client, published_assessment, lead_assessor, sent
):
    v1 = report_request(actor=lead_assessor, assessment=published_assessment, kind="published")
    tasks.render_report(v1.pk)
    v1.refresh_from_db()
    v1_sha, v1_text = v1.sha256, None
    with storage.open_file(v1.stored_name) as handle:
        v1_text = pdf_text(handle.read())
    finding = StatementFinding.objects.get(assessment=published_assessment, statement__number=2)
    old_strengths = finding.strengths
    before = published_assessment.published_percentage  # 3,3,4,3,4,4,3,4,4 -> 88.9%
    v2 = report_correct(
        actor=lead_assessor,
        assessment=published_assessment,
        reason="The council's evidence of its 2024 prevention strategy was upheld on review.",
        changes=[
            Change(kind="finding", statement_number=2, field="strengths",
                   new_value="Corrected: the prevention strategy ran from April 2024."),
            Change(kind="score", statement_number=3, new_value="3"),
        ],
    )  # fmt: skip
    tasks.render_report(v2.pk)
    v2.refresh_from_db()
    published_assessment.refresh_from_db()
    # The data changed: finding text, score, the frozen result recomputed.
    finding.refresh_from_db()
    assert finding.strengths == "Corrected: the prevention strategy ran from April 2024."
    assert StatementScore.objects.get(assessment=published_assessment,
                                      statement__number=3).score == 3  # fmt: skip
    assert published_assessment.published_percentage == pytest.approx(100 * 31 / 36)
    assert published_assessment.published_percentage < before
    assert ReportCorrection.objects.filter(report=v2).count() == 2
    # The new version: ready, its own file, the annex listing each change with the reason.
    assert (v2.version, v2.status) == (2, RenderStatus.READY)
    with storage.open_file(v2.stored_name) as handle:
        v2_text = pdf_text(handle.read())
    # Listed in the contents and opening the annex itself.
    assert v2_text.count("Annex: corrections") == 2
    assert "Corrected: the prevention strategy ran from April 2024." in v2_text
    assert old_strengths[:40] in v2_text  # the "was" column
    assert "prevention strategy was upheld on review" in v2_text
    assert "Annex: corrections" not in v1_text
    # The earlier version is unchanged: same recorded SHA-256, same bytes on disk.
    v1.refresh_from_db()
    assert v1.sha256 == v1_sha == _stored_sha(v1)
    assert v2.sha256 == _stored_sha(v2) != v1_sha
    for report in (v1, v2):
        response = client.get(reverse("reports:download", args=[report.pk]))
        assert response.status_code == 200
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == report.sha256
    assert AuditEvent.objects.filter(action="report.correction_record").count() == 1
    assert AuditEvent.objects.filter(action="score.change_by_correction").count() == 2


def test_a_correction_that_changes_nothing_is_refused_and_saves_nothing(
    published_assessment, lead_assessor, council_lead, sent
):
    report_request(actor=lead_assessor, assessment=published_assessment, kind="published")
    score = StatementScore.objects.get(assessment=published_assessment, statement__number=1)
    with pytest.raises(ReportError, match="must differ") as refused:
        report_correct(
            actor=lead_assessor, assessment=published_assessment, reason="No change.",
            changes=[Change(kind="score", statement_number=1, new_value=str(score.score))],
        )  # fmt: skip
    assert refused.value.field == "new_value"
    with pytest.raises(ReportError, match="reason"):
        report_correct(actor=lead_assessor, assessment=published_assessment, reason=" ",
                       changes=[Change(kind="summary", new_value="New.")])  # fmt: skip
    with pytest.raises(ReportError, match="Only the assessment team"):
        report_correct(actor=council_lead, assessment=published_assessment, reason="x",
                       changes=[Change(kind="summary", new_value="New.")])  # fmt: skip
    assert Report.objects.filter(assessment=published_assessment).count() == 1
    assert not ReportCorrection.objects.exists()


def test_the_correction_form_re_shows_input_with_errors(
    client, published_assessment, lead_assessor, sent
):
    report_request(actor=lead_assessor, assessment=published_assessment, kind="published")
    client.force_login(lead_assessor)
    url = reverse("reports:request_published", args=[published_assessment.pk])
    response = client.post(url, {"kind": "score", "statement": "", "new_value": "9",
                                 "reason": "Upheld challenge."})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Choose the quality statement" in html and "from 1 to 4" in html
    assert "Upheld challenge." in html
