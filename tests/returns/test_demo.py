"""The demo shows a council in evidence gathering with a half-prepared return, two open
requests (one overdue), a self-assessment draft, a council lead and a contributor."""

import pytest
from django.utils import timezone

from accounts.models import User
from demo.seed.base import DEMO_PASSWORD
from demo.seed.returns import SYNTHETIC, seed_returns
from returns.models import AnswerStatus, SelfAssessmentSection
from tests.factories import council

pytestmark = pytest.mark.django_db


def test_seed_returns_prepares_half_a_return_and_two_requests(admin_user, lead_assessor, assessor):
    lincolnshire = council("Lincolnshire")
    users = {"admin": admin_user, "lead": lead_assessor, "assessor": assessor}
    assessment = seed_returns(users, DEMO_PASSWORD)
    assert assessment.status == "evidence_gathering" and assessment.council == lincolnshire
    statuses = list(assessment.information_return.answers.values_list("status", flat=True))
    done = sum(s in (AnswerStatus.READY, AnswerStatus.NOT_HELD) for s in statuses)
    assert len(statuses) == 18 and 0 < done < 18
    assert assessment.information_return.answers.filter(files__isnull=False).exists()
    requests = list(assessment.document_requests.all())
    assert sorted(r.display_status() for r in requests) == ["Open", "Overdue"]
    draft = SelfAssessmentSection.objects.get(assessment=assessment)
    assert draft.submitted_at is None and draft.text.startswith(SYNTHETIC)
    contributor = User.objects.get(username="lincs.contributor")
    assert contributor.check_password(DEMO_PASSWORD)
    assert (
        contributor.has_role("council_contributor") and lincolnshire.pk in contributor.council_ids
    )
    lead = User.objects.get(username="lincs.lead")
    assert lead.has_role("council_lead") and lincolnshire.pk in lead.council_ids
    assert lead.notifications.filter(kind="request_raised").count() == 2
    assert all(r.due_on != timezone.localdate() for r in requests)
