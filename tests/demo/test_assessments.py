"""The demo's scores: pilots scored coherently and a full national table."""

import pytest

from assessments import scoring, selectors
from assessments.models import AssessmentStatus, CategoryScore, StatusTransition
from audit.models import AuditEvent
from demo.seed import assessments as assessment_demo
from demo.seed import base as demo
from national import selectors as national_selectors

pytestmark = pytest.mark.django_db


def test_seed_scores_scores_the_pilots_and_fills_the_national_table():
    users = demo.seed_users()
    pilots = demo.seed_pilot_assessments(users)
    assessment_demo.seed_scores(users, pilots)
    results = {}
    for pilot in pilots:
        pilot.refresh_from_db()
        assert pilot.status == AssessmentStatus.SCORING
        assert StatusTransition.objects.filter(assessment=pilot, to_status="scoring").exists()
        result = selectors.assessment_result(assessment=pilot)
        results[pilot.council.name] = (result.display_percentage, result.rating, result.scored)
    assert results["Lincolnshire"] == (75, scoring.GOOD, 9)  # DESIGN.md: nine 3s
    assert results["Suffolk"] == (72, scoring.GOOD, 9)  # eight 3s and one 2
    assert results["Birmingham"] == (58, scoring.REQUIRES_IMPROVEMENT, 9)  # three 3s, six 2s
    assert CategoryScore.objects.filter(assessment__in=pilots).count() == 5 * 9 * 4
    assert AuditEvent.objects.filter(action="score.set_categories").count() == 45
    table = national_selectors.national_table()
    assert table.total == 120
    assert table.counts == {
        "outstanding": 5,
        "good": 76,
        "requires_improvement": 35,
        "inadequate": 4,
    }
    assert not {row.council.name for row in table.rows} & set(assessment_demo.PILOT_SCORES)
    assert {row.assessment.published_on.year for row in table.rows} <= {2024, 2025}


def test_synthetic_results_are_deterministic():
    first = assessment_demo.published_results_csv(exclude=[])
    assert first == assessment_demo.published_results_csv(exclude=[])
    assert len(first.strip().splitlines()) == 1 + 120 + assessment_demo.EARLIER_RESULTS
