"""Fieldwork pages: the council's upload (errors re-shown), case pages for the team only,
the programme and ICS downloads, and query counts flat in cases, sessions and evidence."""

import datetime

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import QualityStatement
from fieldwork import services
from fieldwork.models import Case, Session
from tests.factories import EvidenceItemFactory
from tests.fieldwork.conftest import HEADER, case_csv

pytestmark = pytest.mark.django_db


def _csv(text, name="cases.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_council_upload_page_shows_every_bad_line(client, assessment, council_lead):
    client.force_login(council_lead)
    url = reverse("fieldwork:case_upload", args=[assessment.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"file": _csv(HEADER + "SYN-1,65-74,P,H,N,maybe\nSYN-1,x,P,H,N,no\n")}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "<title>Error: " in html
    assert "Line 2: is_carer &#x27;maybe&#x27; is not yes or no." in html
    assert "Line 3: case SYN-1 repeats line 2; age_band &#x27;x&#x27; is not a band" in html
    assert not Case.objects.exists()
    response = client.post(url, {"file": _csv(case_csv())})
    assert response.status_code == 302
    assert Case.objects.count() == 30
    overview = client.get(reverse("fieldwork:overview", args=[assessment.pk])).content.decode()
    assert "30 cases" in overview and "SYN-0001" not in overview


def test_council_never_sees_case_pages(client, draw, assessment, council_lead):
    client.force_login(council_lead)
    case = Case.objects.first()
    assert client.get(reverse("fieldwork:cases", args=[assessment.pk])).status_code == 403
    assert client.get(reverse("fieldwork:case_detail", args=[case.pk])).status_code == 403


def test_team_records_consent_contact_and_note(client, draw, assessment, assessor):
    client.force_login(assessor)
    case = Case.objects.filter(in_sample=True).first()
    url = reverse("fieldwork:case_consent", args=[case.pk])
    bad = client.post(url, {"consent-status": "given"})
    assert bad.status_code == 400 and "<title>Error: " in bad.content.decode()
    ok = client.post(
        url, {"consent-status": "given", "consent-on-day": "3", "consent-on-month": "2",
              "consent-on-year": "2025"},
    )  # fmt: skip
    assert ok.status_code == 302
    statement = QualityStatement.objects.get(framework=assessment.framework, number=1)
    note = client.post(
        reverse("fieldwork:case_note", args=[case.pk]),
        {"note-text": "Waited.", "note-statements": [statement.pk], "note-on-day": "3",
         "note-on-month": "2", "note-on-year": "2025", "note-direction": "negative",
         "note-idempotency_key": "note-key-0001"},
    )  # fmt: skip
    assert note.status_code == 302
    page = client.get(reverse("fieldwork:case_detail", args=[case.pk])).content.decode()
    assert "Waited." in page and "Personal data" in page


def _session_post(assessment, who, day="2", start="10:00", end="11:00", title="Director"):
    return {
        "idempotency_key": f"session-{title}-{start}".replace(":", ""), "kind": "interview",
        "title": title, "day-day": day, "day-month": "3", "day-year": "2026", "starts_at": start,
        "ends_at": end, "participant_roles": ["director"], "assessors": [who.pk],
        "location": "Ipswich",
    }  # fmt: skip


def test_schedule_and_double_booking_refused_on_the_page(client, assessment, lead_assessor):
    client.force_login(lead_assessor)
    url = reverse("fieldwork:session_create", args=[assessment.pk])
    assert client.post(url, _session_post(assessment, lead_assessor)).status_code == 302
    clash = client.post(
        url, _session_post(assessment, lead_assessor, start="10:30", end="11:30", title="Second")
    )
    html = clash.content.decode()
    assert (
        clash.status_code == 400 and "is already booked from 2 March 2026, 10:00 to 11:00" in html
    )
    assert 'value="Second"' in html  # what was typed is re-shown
    ics = client.get(reverse("fieldwork:sessions_ics", args=[assessment.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Interview: Director"]
    mine = client.get(reverse("fieldwork:my_calendar_ics"))
    assert len(icalendar.Calendar.from_ical(mine.content).walk("VEVENT")) == 1


def test_council_sees_the_programme_but_not_the_notes(
    client, assessment, lead_assessor, council_lead
):
    start = datetime.datetime(2025, 2, 3, 10, tzinfo=datetime.UTC)
    session = services.session_create(
        actor=lead_assessor, assessment=assessment, kind="interview", title="Director",
        starts_at=start, ends_at=start + datetime.timedelta(hours=1), assessors=[lead_assessor],
        participant_roles=["director"], location="Ipswich", invite_council=False,
    )  # fmt: skip
    statements = list(QualityStatement.objects.filter(framework=assessment.framework, number=8))
    services.session_notes_record(
        actor=lead_assessor, session=session, notes="Secret team notes.", statements=statements
    )
    client.force_login(council_lead)
    assert (
        "Director"
        in client.get(reverse("fieldwork:sessions", args=[assessment.pk])).content.decode()
    )
    page = client.get(reverse("fieldwork:session_detail", args=[session.pk])).content.decode()
    assert "Director" in page and "Secret team notes." not in page


# ---- query counts flat in the number of rows (two sizes) ------------------------------------


def _grow(assessment, lead, size):
    """`size` more sessions and evidence items; cases come from the uploaded list."""
    base = datetime.datetime(2026, 4, 1, 8, tzinfo=datetime.UTC)
    statements = list(QualityStatement.objects.filter(framework=assessment.framework))
    for n in range(size):
        start = base + datetime.timedelta(days=n)
        session = Session.objects.create(
            assessment=assessment, kind="interview", title=f"S{n}", starts_at=start,
            ends_at=start + datetime.timedelta(hours=1), participant_roles=["director"],
            location="X", created_by=lead,
        )  # fmt: skip
        session.assessors.add(lead)
        EvidenceItemFactory(assessment=assessment, statements=statements[: 1 + n % 9])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name",
    ["fieldwork:cases", "fieldwork:sessions", "fieldwork:sufficiency", "fieldwork:overview",
     "api:fieldwork-cases", "api:fieldwork-sessions", "api:fieldwork-sufficiency"],
)  # fmt: skip
def test_list_pages_make_the_same_queries_at_two_sizes(
    client, assessment, lead_assessor, council_lead, name
):
    services.case_list_upload(actor=council_lead, assessment=assessment, data=case_csv(5), name="c")
    _grow(assessment, lead_assessor, 2)
    client.force_login(lead_assessor)
    key = "assessment_id" if name.startswith("api:") else "pk"
    url = reverse(name, kwargs={key: assessment.pk})
    small = _count(client, url)
    Case.objects.filter(assessment=assessment).delete()
    services.case_list_upload(
        actor=council_lead, assessment=assessment, data=case_csv(40), name="c"
    )
    _grow(assessment, lead_assessor, 12)
    assert _count(client, url) == small


def test_my_calendar_queries_flat(client, assessment, lead_assessor):
    _grow(assessment, lead_assessor, 2)
    client.force_login(lead_assessor)
    small = _count(client, reverse("fieldwork:my_calendar"))
    _grow(assessment, lead_assessor, 10)
    assert _count(client, reverse("fieldwork:my_calendar")) == small
