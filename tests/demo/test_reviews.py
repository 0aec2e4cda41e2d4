"""The demo: pilots published in 2023 through the workflow; Suffolk in factual accuracy."""

import io

import pytest
from django.core.management import call_command

from assessments import selectors
from assessments.models import Assessment, AssessmentStatus
from audit.models import AuditEvent
from reviews.models import ChallengeDecision

pytestmark = pytest.mark.django_db


def test_seed_demo_publishes_the_pilots_and_opens_suffolk_in_factual_accuracy():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo data loaded" in out.getvalue()
    pilots = Assessment.objects.filter(kind="pilot")
    assert pilots.count() == 5
    assert set(pilots.values_list("status", flat=True)) == {AssessmentStatus.PUBLISHED}
    assert {a.published_on.year for a in pilots} == {2023}
    ratings = dict(pilots.values_list("council__name", "published_rating"))
    assert ratings["Birmingham"] == "requires_improvement"
    assert ratings["Lincolnshire"] == "good"
    for pilot in pilots:
        assert pilot.transitions.count() == 6  # opened + five steps
        assert pilot.transitions.get(to_status="published").at.year == 2023
        assert pilot.findings.count() == 9 and pilot.summary.summary
    suffolk = Assessment.objects.get(kind="formal", council__name="Suffolk")
    assert suffolk.status == AssessmentStatus.FACTUAL_ACCURACY
    assert suffolk.fa_due_on > suffolk.fa_sent_on
    decisions = sorted(suffolk.challenges.values_list("decision", flat=True))
    assert decisions == [ChallengeDecision.ACCEPTED, ChallengeDecision.PENDING]
    assert "78%" in suffolk.findings.get(statement__number=1).people_told_us
    assert AuditEvent.objects.filter(action="challenge.decide", assessment=suffolk).exists()
    pilot_ratings = sorted(pilot.published_rating for pilot in pilots)
    assert pilot_ratings.count("good") == 3
    assert pilot_ratings.count("requires_improvement") == 2
    assert selectors.national_rating_counts()["good"] >= 3
