"""Demo data: users for each role (the councils' leads are at two of the 2023 pilot councils).

Each app adds its own part through a `seed_<area>` function called from `seed_demo`; every
part is idempotent-by-reset (the command refuses to run twice on the same database).
"""

from __future__ import annotations

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create
from councils.models import Council

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed for the demo; demo data only

# The five councils in CQC's 2023 pilot of local authority assessments (indicative ratings).
PILOT_COUNCILS = ["Birmingham", "Lincolnshire", "North Lincolnshire", "Nottingham", "Suffolk"]
# The council of the demo's published assessment (issue 16: a correction and an action plan):
# Herefordshire, which has no published result in assessments/data/ (so no real result is
# overridden by a made-up one) and which no browser journey arranges. Joined on its GSS code.
PUBLISHED_DEMO_GSS_CODE = "E06000019"


def seed_users() -> dict[str, User]:
    councils = Council.objects.in_bulk(PILOT_COUNCILS, field_name="name")
    published_demo = Council.objects.get(gss_code=PUBLISHED_DEMO_GSS_CODE)
    users = {
        "admin": user_create(
            username="admin",
            password=DEMO_PASSWORD,
            role=Role.ADMIN,
            full_name="Ada Admin",
            email="admin@assess-asc.example",
        ),
        "lead": user_create(
            username="lead.assessor",
            password=DEMO_PASSWORD,
            role=Role.ASSESSOR,
            full_name="Leah Lead",
            email="leah.lead@assess-asc.example",
        ),
        "assessor": user_create(
            username="assessor",
            password=DEMO_PASSWORD,
            role=Role.ASSESSOR,
            full_name="Sam Assessor",
            email="sam.assessor@assess-asc.example",
        ),
        "other_assessor": user_create(
            username="assessor2",
            password=DEMO_PASSWORD,
            role=Role.ASSESSOR,
            full_name="Omar Other",
            email="omar.other@assess-asc.example",
        ),
        "council_lead": user_create(
            username="council.lead",
            password=DEMO_PASSWORD,
            role=Role.COUNCIL_LEAD,
            full_name="Chris Council (Suffolk)",
            email="chris.council@suffolk.example",
            councils=[councils["Suffolk"]],
        ),
        "other_council_lead": user_create(
            username="council.lead2",
            password=DEMO_PASSWORD,
            role=Role.COUNCIL_LEAD,
            full_name="Nina Nottingham",
            email="nina@nottingham.example",
            councils=[councils["Nottingham"]],
        ),
        "published_council_lead": user_create(
            username="council.lead3",
            password=DEMO_PASSWORD,
            role=Role.COUNCIL_LEAD,
            full_name="Harriet Hereford (demo)",
            email="harriet@herefordshire.example",
            councils=[published_demo],
        ),
    }
    return users
