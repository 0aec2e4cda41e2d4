"""The demo data of issue 18 is synthetic, labelled, and shaped like the issue's figures."""

import pytest

from demo.seed.picture import SOURCE, seed_picture
from grants import selectors as grant_selectors
from grants.models import SpendingPlan
from hic import selectors as hic_selectors
from winter import selectors as winter_selectors
from winter.models import Response, Survey

pytestmark = pytest.mark.django_db


def test_demo_is_labelled_and_shaped_like_the_issues_figures():
    seed_picture()
    assert "synthetic demo data" in SOURCE
    assert not SpendingPlan.objects.exclude(source_file=SOURCE).exists()
    assert not Response.objects.exclude(source_file=SOURCE).exists()
    grant = grant_selectors.grant_get(code="ibcf-2017")
    shares = grant_selectors.national_shares(grant=grant, year=2017)
    assert shares.synthetic and shares.answering == 153
    means = {n: round(s.mean, 2) for n, s in shares.national.items()}
    assert means == {1: 0.44, 2: 0.23, 3: 0.33}
    assert shares.national[1].highest - shares.national[1].lowest > 0.5  # large differences
    ranks = hic_selectors.national_ranking().ranks
    assert ranks[0].change.name == "Focus on choice"
    assert ranks[-1].change.name == "Systems to monitor patient flow"
    survey = Survey.objects.get(code="winter-2017-18")
    rows = {r.question.code: r.national for r in winter_selectors.survey_shares(survey=survey).rows}
    assert rows["exceptional_measures"].share > 0.5
    assert round(rows["life_and_limb"].share, 2) == 0.13
