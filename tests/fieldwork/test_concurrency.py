"""Two bookings of the same assessor at the same time in two councils' assessments, sent at
once (PostgreSQL: a connection each): exactly one is made, the other is refused as a double
booking (the assessors' rows are locked; each assessment's own lock would not serialise
them)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.conf import settings
from django.db import connection

from fieldwork import services
from fieldwork.models import Session
from tests.factories import AssessmentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="two overlapping transactions need a connection each: PostgreSQL",
    ),
]


def test_concurrent_bookings_of_one_assessor_make_one_session(
    assessment, lead_assessor, assessor, nottingham
):
    other = AssessmentFactory(council=nottingham, lead_assessor=lead_assessor)
    start = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def book(actor, target, title):
        try:
            barrier.wait()
            services.session_create(
                actor=actor, assessment=target, kind="interview", title=title,
                starts_at=start, ends_at=start + datetime.timedelta(hours=1),
                assessors=[lead_assessor], participant_roles=["director"], location="X",
                invite_council=False,
            )  # fmt: skip
            outcomes.append("made")
        except services.FieldworkError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=(lead_assessor, assessment, "Suffolk")),
        threading.Thread(target=book, args=(lead_assessor, other, "Nottingham")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes, key=lambda o: o != "made")[0] == "made"
    assert len(outcomes) == 2 and "is already booked" in [o for o in outcomes if o != "made"][0]
    assert Session.objects.count() == 1
