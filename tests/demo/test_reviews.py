"""The demo: real published results; Suffolk (demo data) in factual accuracy."""

import io

import pytest
from django.core.management import call_command

from assessments.models import Assessment, AssessmentStatus
from audit.models import AuditEvent
from reviews.models import ChallengeDecision

pytestmark = pytest.mark.django_db


def test_seed_demo_opens_suffolk_in_factual_accuracy_as_demo_data():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo data loaded" in out.getvalue()
    suffolk = Assessment.objects.get(kind="formal", council__name="Suffolk")
    assert suffolk.status == AssessmentStatus.FACTUAL_ACCURACY
    assert suffolk.is_demo and not suffolk.imported
    assert suffolk.fa_due_on > suffolk.fa_sent_on
    decisions = sorted(suffolk.challenges.values_list("decision", flat=True))
    assert decisions == [ChallengeDecision.ACCEPTED, ChallengeDecision.PENDING]
    assert "78%" in suffolk.findings.get(statement__number=1).people_told_us
    assert AuditEvent.objects.filter(action="challenge.decide", assessment=suffolk).exists()
    # Every published assessment is an imported real result or flagged demo data (one:
    # Herefordshire, see tests/demo/test_published.py), and so is everything the demo made.
    published = Assessment.objects.filter(status=AssessmentStatus.PUBLISHED)
    assert set(published.filter(imported=False).values_list("is_demo", flat=True)) == {True}
    assert not published.filter(imported=True, is_demo=True).exists()
    assert set(Assessment.objects.filter(imported=False).values_list("is_demo", flat=True)) == {
        True
    }


def test_every_page_showing_demo_work_says_demo_data(client):
    call_command("seed_demo", stdout=io.StringIO())
    from accounts.models import User

    client.force_login(User.objects.get(username="admin"))
    suffolk = Assessment.objects.get(kind="formal", council__name="Suffolk")
    real = Assessment.objects.filter(imported=True).first()
    for url in (
        suffolk.get_absolute_url(),
        f"{suffolk.get_absolute_url()}findings/",
        suffolk.council.get_absolute_url(),
        "/assessments/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Demo data" in page.content.decode(), url
    assert "Demo data" not in client.get(real.get_absolute_url()).content.decode()


def test_seed_demo_runs_a_calibration_panel_that_changed_one_score_and_confirms_early():
    """Issue 16: the demo's panel changed one score; Suffolk's council confirmed early."""
    from calibration.selectors import moderation_rows, panel_of
    from reviews.selectors import fa_confirmation

    call_command("seed_demo", stdout=io.StringIO())
    suffolk = Assessment.objects.get(kind="formal", council__name="Suffolk")
    panel = panel_of(assessment=suffolk)
    assert panel.is_signed_off and panel.members.count() == 3
    changed = [(o.statement.number, o.proposed_score, o.agreed_score)
               for o in panel.outcomes.all() if o.changed]  # fmt: skip
    assert changed == [(6, 3, 2)]
    assert fa_confirmation(assessment=suffolk).kind == "all_comments_in"
    rows = {row.number: row for row in moderation_rows()}
    assert (rows[6].lowered, rows[6].raised, sum(r.outcomes for r in rows.values())) == (1, 0, 18)
