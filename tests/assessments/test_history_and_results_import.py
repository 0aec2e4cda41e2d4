"""A council's assessment history (with the change from the previous one) and the import of
published results."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments import scoring
from assessments.models import Assessment, AssessmentKind
from councils.models import Council
from tests.factories import AssessmentFactory, published_assessment

pytestmark = pytest.mark.django_db

GOOD_64 = [2, 2, 2, 3, 3, 2, 3, 3, 3]
OUTSTANDING_89 = [3, 3, 4, 3, 4, 4, 3, 4, 4]
RI_61 = [2, 2, 2, 2, 2, 3, 3, 3, 3]
INADEQUATE_33 = [1, 1, 1, 2, 2, 2, 1, 1, 1]


@pytest.fixture
def published(db):
    """Four councils with published ratings; Suffolk has an older one too."""
    c = Council.objects.in_bulk(["Suffolk", "Birmingham", "Barnet", "Cornwall"], field_name="name")
    return {
        "suffolk_old": published_assessment(c["Suffolk"], RI_61, datetime.date(2024, 3, 1)),
        "suffolk": published_assessment(c["Suffolk"], GOOD_64, datetime.date(2025, 4, 1)),
        "birmingham": published_assessment(c["Birmingham"], INADEQUATE_33),
        "barnet": published_assessment(c["Barnet"], OUTSTANDING_89),
        "cornwall": published_assessment(c["Cornwall"], GOOD_64, kind=AssessmentKind.PILOT),
    }


# ---- council history ---------------------------------------------------------------------


def test_council_page_lists_history_with_change_from_previous(client, published):
    suffolk = Council.objects.get(name="Suffolk")
    response = client.get(suffolk.get_absolute_url())
    html = response.content.decode()
    history = response.context["history"]
    assert [row.assessment for row in history] == [published["suffolk"], published["suffolk_old"]]
    newest, oldest = history
    assert (newest.result.rating, newest.result.display_percentage) == (scoring.GOOD, 64)
    assert newest.change == 3 and newest.previous_rating == scoring.REQUIRES_IMPROVEMENT
    assert oldest.change is None
    assert "Published 1 April 2025" in html
    assert "Up 3 points, from Requires improvement" in html
    assert "First published assessment" in html


def test_council_history_shows_open_assessments_only_to_those_who_may_see_them(
    client, published, lead_assessor
):
    suffolk = Council.objects.get(name="Suffolk")
    Assessment.objects.filter(council=suffolk)  # two published already
    AssessmentFactory(council=suffolk, lead_assessor=lead_assessor)
    assert len(client.get(suffolk.get_absolute_url()).context["history"]) == 2
    client.force_login(lead_assessor)
    history = client.get(suffolk.get_absolute_url()).context["history"]
    assert len(history) == 3 and not history[0].assessment.is_published


def test_council_history_query_count_is_fixed(client, published, django_assert_num_queries):
    suffolk = Council.objects.get(name="Suffolk")
    client.get(suffolk.get_absolute_url())
    with django_assert_num_queries(4) as counted:
        client.get(suffolk.get_absolute_url())
    for year in (2019, 2020, 2021):
        published_assessment(suffolk, GOOD_64, datetime.date(year, 1, 1))
    with django_assert_num_queries(len(counted.captured_queries)):
        client.get(suffolk.get_absolute_url())


# ---- import: admin page and management command --------------------------------------------

HEADER = "gss_code,published_on,rating," + ",".join(f"score_{n}" for n in range(1, 10))


def upload(text, name="results.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_admin_upload_loads_results(client, admin_user):
    client.force_login(admin_user)
    text = f"{HEADER}\nE10000029,2025-03-14,good,2,2,2,3,3,2,3,3,3\n"
    response = client.post(reverse("assessments:results_import"), {"file": upload(text)})
    assert response.status_code == 302
    assert Assessment.objects.get(imported=True).council.name == "Suffolk"


def test_admin_upload_lists_every_bad_row_and_loads_nothing(client, admin_user):
    client.force_login(admin_user)
    text = (
        f"{HEADER}\nE99999999,2025-03-14,good,3,3,3,3,3,3,3,3,3\n"
        "E10000029,2025-03-14,outstanding,3,3,3,3,3,3,3,3,3\n"
        "E06000018,2025-03-14,good,3,3,3,0,3,3,3,3,3\n"
    )
    response = client.post(reverse("assessments:results_import"), {"file": upload(text)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html and "govuk-error-summary" in html
    assert response.context["row_errors"][0].startswith("Line 2: unknown GSS code")
    assert response.context["row_errors"][1].startswith("Line 3: rating 'Outstanding'")
    assert response.context["row_errors"][2].startswith("Line 4: score_4 '0'")
    assert not Assessment.objects.exists()


def test_admin_upload_refuses_non_csv(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("assessments:results_import"), {"file": upload("x", name="results.xlsx")}
    )
    assert "The file must be a CSV file" in response.content.decode()


def test_only_admins_may_import(client, lead_assessor):
    client.force_login(lead_assessor)
    assert client.get(reverse("assessments:results_import")).status_code == 403


def test_import_results_command(tmp_path, admin_user):
    good = tmp_path / "good.csv"
    good.write_text(f"{HEADER}\nE10000029,2025-03-14,Good,2,2,2,3,3,2,3,3,3\n")
    out = io.StringIO()
    call_command("import_results", str(good), "--user", "admin", stdout=out)
    assert "Loaded 1 published results." in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\nE06000018,2025-13-01,good,3,3,3,3,3,3,3,3,3\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("import_results", str(bad), stderr=err)
    assert "Line 2: publication date '2025-13-01'" in err.getvalue()
    assert Assessment.objects.count() == 1
