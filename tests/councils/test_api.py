"""The council register over the API."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/councils/"


def test_council_list_is_public_paginated_and_ordered_by_name(api):
    response = api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 153
    assert len(body["results"]) == 50
    assert body["next"].endswith("page=2")
    names = [row["name"] for row in body["results"]]
    assert names == sorted(names)
    assert set(body["results"][0]) == {
        "gss_code",
        "name",
        "council_type",
        "region_code",
        "region_name",
    }


def test_council_list_filters_by_region_type_and_search(api):
    assert api.get(URL, {"region_code": "E12000007"}).json()["count"] == 33
    county_in_london = api.get(URL, {"region_code": "E12000007", "council_type": "county council"})
    assert county_in_london.json()["count"] == 0
    assert [c["name"] for c in api.get(URL, {"q": "suff"}).json()["results"]] == ["Suffolk"]
    assert [c["name"] for c in api.get(URL, {"q": "E08000038"}).json()["results"]] == ["Barnsley"]


def test_council_list_orders_by_gss_code_descending(api):
    codes = [c["gss_code"] for c in api.get(URL, {"ordering": "-gss_code"}).json()["results"]]
    assert codes == sorted(codes, reverse=True)


def test_council_list_refuses_an_unknown_type_with_a_field_error(api):
    response = api.get(URL, {"council_type": "parish"})
    assert response.status_code == 400
    assert "council_type" in response.json()


def test_council_list_query_count_does_not_grow_with_page_size(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert len(api.get(URL, {"page_size": 5}).json()["results"]) == 5
    with django_assert_max_num_queries(2):
        assert len(api.get(URL, {"page_size": 150}).json()["results"]) == 150


def test_council_detail_by_gss_code(api):
    response = api.get(f"{URL}E10000029/")
    assert response.status_code == 200
    assert response.json()["name"] == "Suffolk"
    assert api.get(f"{URL}E10000099/").status_code == 404
    assert api.get(f"{URL}suffolk/").status_code == 404
