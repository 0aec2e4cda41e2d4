"""The demo shows a council in evidence gathering with a case list, a drawn sample with
consent states, a site-visit week of sessions and a heat-map with gaps, all synthetic."""

import pytest

from demo.seed.base import DEMO_PASSWORD
from demo.seed.fieldwork import SYNTHETIC, seed_fieldwork
from demo.seed.returns import seed_returns
from fieldwork import selectors
from fieldwork.models import Case, JourneyNote, Session
from tests.factories import council

pytestmark = pytest.mark.django_db


def test_seed_fieldwork(admin_user, lead_assessor, assessor):
    council("Lincolnshire")
    users = {"admin": admin_user, "lead": lead_assessor, "assessor": assessor}
    assessment = seed_returns(users, DEMO_PASSWORD)
    seed_fieldwork(users, assessment)
    assert assessment.is_demo and assessment.status == "evidence_gathering"
    assert Case.objects.filter(assessment=assessment).count() == 40
    assert all(c.startswith("DEMO-") for c in Case.objects.values_list("reference", flat=True))
    consents = set(Case.objects.filter(in_sample=True).values_list("consent", flat=True))
    assert {"given", "asked", "declined", "withdrawn"} <= consents
    assert all(n.text.startswith(SYNTHETIC) for n in JourneyNote.objects.all())
    assert Session.objects.filter(assessment=assessment).count() == 9
    heat = selectors.sufficiency(assessment=assessment)
    assert heat.gaps and len(heat.gaps) < 9  # some statements lack people's experience
