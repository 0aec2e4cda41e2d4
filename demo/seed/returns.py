"""Demo data for the council portal: Lincolnshire's formal assessment in evidence gathering with
a half-prepared information return, two open document requests (one overdue), a
self-assessment draft, and a council contributor. Every council text here is synthetic and
says so."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create
from assessments import services as assessment_services
from assessments import working_days
from assessments.models import Assessment, AssessmentKind, QualityStatement
from councils.models import Council
from demo.seed.assessments import mark_demo
from returns import selectors as returns_selectors
from returns.models import DocumentRequest
from returns.services import requests as request_services
from returns.services import returns as return_services

# A pilot council (published 2023) that no browser journey opens again.
DEMO_COUNCIL = "Lincolnshire"
SYNTHETIC = "Synthetic demo text, not from the council:"


def seed_returns(users: dict[str, User], password: str) -> Assessment:
    """Open Lincolnshire's formal assessment, issue its return and half prepare it. Adds
    users["portal_lead"] and users["contributor"]. Returns the assessment."""
    council = Council.objects.get(name=DEMO_COUNCIL)
    users["portal_lead"] = user_create(
        username="lincs.lead",
        password=password,
        role=Role.COUNCIL_LEAD,
        full_name="Lena Lead (Lincolnshire)",
        email="lena.lead@lincolnshire.example",
        councils=[council],
    )
    users["contributor"] = user_create(
        username="lincs.contributor",
        password=password,
        role=Role.COUNCIL_CONTRIBUTOR,
        full_name="Cara Contributor (Lincolnshire)",
        email="cara@lincolnshire.example",
        councils=[council],
    )
    today = timezone.localdate()
    assessment = assessment_services.assessment_create(
        actor=users["admin"],
        council=council,
        kind=AssessmentKind.FORMAL,
        lead_assessor=users["lead"],
        assessors=[users["assessor"]],
        notified_on=today - datetime.timedelta(days=21),
        site_visit_on=today + datetime.timedelta(days=49),
    )
    mark_demo(assessment)  # every page that shows it labels it demo data
    assessment_services.assessment_transition(
        actor=users["assessor"], assessment=assessment, action="start_evidence"
    )
    assessment.refresh_from_db()
    # Starting evidence gathering issued the return (the workflow's `then` effect).
    information_return = returns_selectors.information_return_for(assessment)
    contributor = users["contributor"]
    for answer in information_return.answers.order_by("item__number")[:9]:
        number = answer.item.number
        values = {"text": f"{SYNTHETIC} a summary for “{answer.item.title}”."}
        if number % 3 == 1:
            values["files"] = [
                SimpleUploadedFile(f"demo-item-{number}.pdf", b"%PDF-1.4\n% synthetic demo file\n")
            ]
        if answer.item.kind == "link":
            values["link"] = "https://www.example.org/synthetic-demo-page"
        status = "ready" if number <= 6 else "in_progress"
        return_services.answer_update(
            actor=contributor, answer=answer, version=answer.version, status=status, **values
        )
    theme = assessment.framework.themes.get(number=1)
    return_services.self_assessment_save(
        actor=contributor,
        assessment=assessment,
        theme=theme,
        text=f"{SYNTHETIC} our draft self-assessment of working with people: strengths, "
        "areas to improve and the evidence we rely on.",
    )
    statements = QualityStatement.objects.filter(framework=assessment.framework)
    request_services.request_create(
        actor=users["assessor"],
        assessment=assessment,
        title="Carers' assessments completed in the last year",
        reason=f"{SYNTHETIC} to compare with what carers told us.",
        statements=statements.filter(number__in=[1, 3]),
        due_on=working_days.add_working_days(today, 5),
    )
    overdue = request_services.request_create(
        actor=users["assessor"],
        assessment=assessment,
        title="Latest safeguarding audit",
        reason=f"{SYNTHETIC} the last audit of safeguarding enquiries.",
        statements=statements.filter(number=7),
        due_on=working_days.add_working_days(today, 1),
    )
    # The demo needs one request already past its date; the service only takes future dates.
    DocumentRequest.objects.filter(pk=overdue.pk).update(due_on=today - datetime.timedelta(days=3))
    return assessment
