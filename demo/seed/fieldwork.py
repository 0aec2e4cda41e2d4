"""Demo data for fieldwork (issue 15), all synthetic and labelled so: Lincolnshire's
assessment in evidence gathering gets a synthetic case list uploaded by its council lead, a
drawn sample with consent in every state, contact attempts and journey notes, a site-visit
week of sessions (and one earlier session with its notes), and a heat-map with gaps.

`peoples_experience_override_for_walk` records the lead assessor's override for an assessment
the demo walks past quality assurance before its evidence is seeded (synthetic, labelled)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from assessments.models import Assessment, QualityStatement
from fieldwork import services
from fieldwork.models import Case, ConsentStatus

SYNTHETIC = "Synthetic demo text:"
_BANDS = ["18-64", "65-74", "75-84", "85+"]
_REASONS = ["Personal care", "Memory and cognition", "Learning disability", "Mental health"]
_SERVICES = ["Home care", "Residential care", "Direct payment", "Supported living"]
_PLACES = ["Boston", "Lincoln", "Skegness", "Grantham"]


def synthetic_case_list(count: int = 40) -> str:
    """A synthetic case list: references DEMO-0001 onwards, no real person behind any row."""
    lines = ["case_reference,age_band,primary_support_reason,service_type,locality,is_carer"]
    for n in range(1, count + 1):
        lines.append(
            f"DEMO-{n:04d},{_BANDS[n % 4]},{_REASONS[(n // 2) % 4]},{_SERVICES[(n // 3) % 4]},"
            f"{_PLACES[n % 4]},{'yes' if n % 7 == 0 else 'no'}"
        )
    return "\n".join(lines) + "\n"


def _statements(assessment: Assessment, numbers) -> list[QualityStatement]:
    return list(QualityStatement.objects.filter(framework=assessment.framework, number__in=numbers))


def peoples_experience_override_for_walk(assessment: Assessment, lead: User) -> None:
    """The lead assessor's recorded override, so the demo's walk to quality assurance meets
    the workflow's rule (the demo's evidence is added after the walk); shown in the timeline."""
    services.peoples_experience_override_record(
        actor=lead,
        assessment=assessment,
        reason=f"{SYNTHETIC} people's experience came from the case tracking and the carers' "
        "focus group, recorded after the site visit; the demo adds it later.",
    )


def seed_fieldwork(users: dict[str, User], assessment: Assessment) -> None:
    """Case tracking and the site visit for the demo assessment (in evidence gathering)."""
    lead, assessor = users["lead"], users["assessor"]
    services.case_list_upload(
        actor=users["portal_lead"], assessment=assessment, data=synthetic_case_list(),
        name="synthetic-demo-case-list.csv",
    )  # fmt: skip
    services.sample_draw(
        actor=lead, assessment=assessment, strata=["age_band", "locality"], seed=20251103
    )
    today = timezone.localdate()
    sample = list(Case.objects.filter(assessment=assessment, in_sample=True).order_by("line"))
    states = [
        ConsentStatus.GIVEN, ConsentStatus.GIVEN, ConsentStatus.GIVEN, ConsentStatus.GIVEN,
        ConsentStatus.ASKED, ConsentStatus.ASKED, ConsentStatus.DECLINED, ConsentStatus.WITHDRAWN,
    ]  # fmt: skip
    statement_sets = [(1, 6), (2, 4), (1, 7), (6,)]
    for index, (case, state) in enumerate(zip(sample, states, strict=False)):
        asked = today - datetime.timedelta(days=14 - index)
        services.contact_attempt_create(
            actor=assessor, case=case, on=asked, method="phone", outcome="spoke",
            details=f"{SYNTHETIC} spoke to the person's named worker.",
        )  # fmt: skip
        services.case_consent_record(actor=assessor, case=case, status="asked", on=asked)
        if state in (ConsentStatus.GIVEN, ConsentStatus.WITHDRAWN):
            services.case_consent_record(actor=assessor, case=case, status="given", on=asked)
        if state == ConsentStatus.DECLINED:
            services.case_consent_record(actor=assessor, case=case, status="declined", on=asked)
        if state == ConsentStatus.GIVEN and index < len(statement_sets):
            services.journey_note_create(
                actor=assessor, case=case, on=asked + datetime.timedelta(days=2),
                text=f"{SYNTHETIC} the person described their assessment and the support that "
                "followed; the plan was reviewed on time.",
                statements=_statements(assessment, statement_sets[index]),
            )  # fmt: skip
        if state == ConsentStatus.WITHDRAWN:
            services.case_consent_record(
                actor=assessor, case=case, status="withdrawn", on=asked + datetime.timedelta(days=3)
            )
    _seed_sessions(users, assessment)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _seed_sessions(users: dict[str, User], assessment: Assessment) -> None:
    lead, assessor = users["lead"], users["assessor"]
    visit = assessment.site_visit_on or timezone.localdate() + datetime.timedelta(days=30)
    monday = visit - datetime.timedelta(days=visit.weekday())
    week = [
        (0, 10, "interview", "Director of adult social services", ["director"], [lead], False),
        (0, 14, "focus_group", "Social workers", ["front_line_staff"], [assessor], False),
        (1, 10, "interview", "Principal social worker", ["principal_social_worker"], [lead], False),
        (1, 14, "focus_group", "Unpaid carers", ["unpaid_carers"], [assessor], True),
        (2, 10, "drop_in", "Drop-in for people who use services", ["people_who_use_services"],
         [assessor], True),
        (2, 14, "focus_group", "Health and voluntary sector partners", ["partners"], [lead], False),
        (3, 10, "focus_group", "Care providers", ["providers"], [lead, assessor], False),
    ]  # fmt: skip
    for offset, hour, kind, title, roles, who, experts in week:
        day = monday + datetime.timedelta(days=offset)
        services.session_create(
            actor=lead, assessment=assessment, kind=kind, title=f"{title} (demo)",
            starts_at=_at(day, hour), ends_at=_at(day, hour + 2), assessors=who,
            participant_roles=roles, with_experts_by_experience=experts,
            location="County offices, Lincoln (demo)", invite_council=False,
        )  # fmt: skip
    # An earlier online session, with its notes recorded as evidence.
    earlier = timezone.localdate() - datetime.timedelta(days=7)
    session = services.session_create(
        actor=lead, assessment=assessment, kind="interview",
        title="Carers' centre manager (demo)", starts_at=_at(earlier, 11),
        ends_at=_at(earlier, 12), assessors=[assessor], participant_roles=["partners"],
        video_link="https://video.example/demo-session", invite_council=False,
    )  # fmt: skip
    services.session_notes_record(
        actor=assessor, session=session,
        notes=f"{SYNTHETIC} the partner described joint work on carers' assessments.",
        statements=_statements(assessment, (5,)),
    )  # fmt: skip
    # And one whose notes are overdue.
    overdue = timezone.localdate() - datetime.timedelta(days=6)
    services.session_create(
        actor=lead, assessment=assessment, kind="interview",
        title="Housing partner (demo)", starts_at=_at(overdue, 15), ends_at=_at(overdue, 16),
        assessors=[lead], participant_roles=["partners"],
        video_link="https://video.example/demo-housing", invite_council=False,
    )  # fmt: skip
