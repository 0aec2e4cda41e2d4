"""What the load test's simulated users ask for, read from the national-scale database copy
(bench/national_scale_data.py built it) and written as JSON for bench/locustfile.py.

Run by bench/load_test.py inside `manage.py shell`, with the server's settings, against the
copy (never the template the copy was made from):

    manage.py shell -c "from bench.load_plan import write; write('plan.json')"

The national data set's users were saved with the test settings' MD5 hasher, which the
server's settings do not accept; their password is hashed again here with the server's own
hasher (PBKDF2), so each simulated user signs in through the real form at the real cost.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.urls import reverse

from bench.national_scale_data import PASSWORD

ITEMS_PER_ASSESSMENT = 40


def _assessor_plans(statements: list[int]) -> list[dict]:
    """One per bench assessor: an assessment in evidence gathering they lead, and some of its
    evidence items (ids and titles, to check the item page shows the right one)."""
    from assessments.models import Assessment, AssessmentStatus
    from evidence.models import EvidenceItem

    plans = []
    seen = set()
    open_assessments = (
        Assessment.objects.filter(status=AssessmentStatus.EVIDENCE_GATHERING)
        .select_related("council", "lead_assessor")
        .order_by("pk")
    )
    for assessment in open_assessments:
        username = assessment.lead_assessor.username
        if username in seen or not username.startswith("bench.assessor"):
            continue
        seen.add(username)
        items = EvidenceItem.objects.filter(assessment=assessment).order_by("pk")
        plans.append(
            {
                "username": username,
                "assessment": assessment.pk,
                "council": assessment.council.name,
                "statements": statements,
                "items": [
                    [pk, title]
                    for pk, title in items.values_list("pk", "title")[:ITEMS_PER_ASSESSMENT]
                ],
            }
        )
    return plans


def _lead_plans() -> list[dict]:
    """One per council: its lead's username and the council's two assessments (one
    published, with findings and challenges; one gathering evidence, with the portal)."""
    from assessments.models import Assessment, AssessmentStatus
    from councils.models import Council

    by_council: dict[int, dict] = {}
    for pk, council_id, status in Assessment.objects.values_list("pk", "council_id", "status"):
        by_council.setdefault(council_id, {})[status] = pk
    plans = []
    for council in Council.objects.order_by("gss_code"):
        assessments = by_council.get(council.pk, {})
        published = assessments.get(AssessmentStatus.PUBLISHED)
        open_ = assessments.get(AssessmentStatus.EVIDENCE_GATHERING)
        if published and open_:
            plans.append(
                {
                    "username": f"bench.lead.{council.gss_code}",
                    "council": council.name,
                    "gss_code": council.gss_code,
                    "published": published,
                    "open": open_,
                }
            )
    return plans


def plan() -> dict:
    from accounts.models import User
    from assessments.models import EvidenceCategory, Framework, QualityStatement
    from councils.models import Council
    from evidence.models import EvidenceItem

    User.objects.filter(username__startswith="bench.").update(password=make_password(PASSWORD))
    framework = Framework.objects.get(is_current=True)
    statements = list(
        QualityStatement.objects.filter(framework=framework)
        .order_by("number")
        .values_list("pk", flat=True)
    )
    return {
        "password": PASSWORD,
        "admin": "bench.admin",
        "assessors": _assessor_plans(statements),
        "leads": _lead_plans(),
        "category": EvidenceCategory.objects.get(code="peoples-experience").pk,
        "councils": dict(Council.objects.values_list("gss_code", "name")),
        "evidence_items": EvidenceItem.objects.count(),
        "urls": {"search": reverse("search:search"), "sign_in": reverse("accounts:login")},
    }


def write(path: str) -> None:
    Path(path).write_text(json.dumps(plan()))
