import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_council_list_shows_every_council_across_pages(client):
    response = client.get(reverse("councils:list"))
    assert response.status_code == 200
    assert response.context["total"] == 153
    assert "Page 1 of 4" in response.content.decode()


def test_council_list_searches_by_name_and_code(client):
    by_name = client.get(reverse("councils:list"), {"q": "suff"})
    assert [c.name for c in by_name.context["councils"]] == ["Suffolk"]
    by_code = client.get(reverse("councils:list"), {"q": "E08000038"})
    assert [c.name for c in by_code.context["councils"]] == ["Barnsley"]


def test_council_list_filters_by_region_and_type(client):
    response = client.get(
        reverse("councils:list"), {"region": "E12000001", "type": "county council"}
    )
    assert response.context["total"] == 0
    response = client.get(reverse("councils:list"), {"region": "E12000007"})
    assert response.context["total"] == 33


def test_council_page_shows_its_register_entry_and_empty_history(client):
    response = client.get(reverse("councils:detail", args=["E10000029"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Suffolk" in html and "no published assessments of Suffolk yet" in html


def test_unknown_council_code_is_404(client):
    assert client.get(reverse("councils:detail", args=["E99999999"])).status_code == 404
