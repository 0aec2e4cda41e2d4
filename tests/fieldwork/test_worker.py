"""The retention purge through a real Celery worker (PostgreSQL + Redis run): the queued task
purges what is due once; queued again, it purges nothing more."""

from __future__ import annotations

import datetime

from fieldwork import services, tasks
from fieldwork.models import Case, ContactAttempt, RetentionPurge
from tests.fieldwork.conftest import case_csv
from tests.reports.test_worker import _wait
from tests.returns.test_worker import celery_process  # noqa: F401 - a fixture
from tests.returns.test_worker import pytestmark as worker_marks

pytestmark = worker_marks


def test_purge_task_runs_on_a_real_worker(celery_process, assessment, council_lead, assessor):  # noqa: F811
    services.case_list_upload(actor=council_lead, assessment=assessment, data=case_csv(), name="c")
    services.sample_draw(actor=assessor, assessment=assessment, strata=[], seed=5)
    case = Case.objects.filter(in_sample=True).first()
    day = datetime.date(2020, 1, 6)
    services.case_consent_record(actor=assessor, case=case, status="given", on=day)
    services.contact_attempt_create(
        actor=assessor, case=case, on=day, method="phone", outcome="spoke"
    )
    assessment.status, assessment.published_on = "published", datetime.date(2020, 2, 3)
    assessment.save()

    _, log = celery_process("worker", "worker")
    tasks.purge_expired_case_data.delay()
    _wait(lambda: RetentionPurge.objects.filter(assessment=assessment).exists(), timeout=90,
          what="the purge to run", logs=[log])  # fmt: skip
    assert not ContactAttempt.objects.exists()
    case.refresh_from_db()
    assert case.contact_attempts_purged == 1
    tasks.purge_expired_case_data.delay()
    _wait(lambda: log.read_text(errors="replace").count(" succeeded in ") >= 2, timeout=60,
          what="the second run", logs=[log])  # fmt: skip
    assert RetentionPurge.objects.count() == 1
