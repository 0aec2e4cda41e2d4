"""The methods page: CQC's bands as published, then our interpretation; national sources."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_methods_page_shows_cqcs_bands_then_our_interpretation(client):
    page = client.get(reverse("pages:methods")).content.decode()
    published = page.index('id="cqc-bands"')
    ours = page.index('id="our-bands"')
    assert published < ours
    for band in ("25 to 38", "39 to 62", "63 to 87", "88 to 100"):
        assert band in page[published:ours]
    assert "unrounded" in page and "half-open" in page
    assert "reproduces every result CQC has published" in page
    assert "earlier rule" in page and "25 to 38 gives 1" in page


def test_methods_page_cites_ascof_and_works_an_adass_example(client):
    page = client.get(reverse("pages:methods")).content.decode()
    assert "adult social care outcomes framework 2023 to 2024: handbook of definitions" in page
    assert "3D (formally 1C)" in page
    assert "illustrative defaults" in page
    assert "294,449" in page and "73,792" in page and "25.1%" in page
    # 294,449 / 153 councils = 1,924.5 -> about 1,925; per 100,000 of 300,000 adults -> 642.
    assert "about 1,925" in page and "about 642 per 100,000" in page


def test_pressure_page_labels_thresholds_as_illustrative(client):
    page = client.get(reverse("national:pressure")).content.decode()
    assert "illustrative defaults" in page
