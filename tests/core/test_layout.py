"""The shared layout: page titles, the favicon and the navigation."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_the_home_page_title_names_the_page_then_the_service(client):
    assert _title(client.get("/").content.decode()) == "Home - Assess adult social care"


def test_a_signed_in_page_title_names_the_page_then_the_service(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("assessments:list")).content.decode()
    assert _title(html) == "Assessments - Assess adult social care"


def test_every_page_template_fills_the_title_block():
    """A page that forgot its title would read " - Assess adult social care"."""
    missing = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if '{% extends "base.html" %}' in path.read_text()
        and "{% block title %}" not in path.read_text()
    ]
    assert missing == []


def test_the_favicon_is_a_local_file_linked_from_every_page(client):
    html = client.get("/").content.decode()
    hrefs = re.findall(r'<link rel="icon"[^>]*href="([^"]+)"', html)
    assert hrefs, "no favicon link"
    for href in hrefs:
        assert href.startswith(settings.STATIC_URL)
        found = finders.find(href.removeprefix(settings.STATIC_URL))
        assert found and Path(found).stat().st_size > 0
    ico = finders.find("images/favicon.ico")
    assert Path(ico).read_bytes()[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_the_error_page_title_names_the_service():
    html = (TEMPLATES / "500.html").read_text()
    assert _title(html) == "Sorry, there is a problem with the service - Assess adult social care"


def _current_items(html: str) -> list[str]:
    return re.findall(r'govuk-service-navigation__item--active">\s*<a[^>]*>([^<]+)</a>', html, re.S)


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/assessments/", ["Assessments"]),
        ("/national/ratings/", ["National ratings"]),
        ("/national/", ["National picture"]),
        ("/reports/exports/", ["Exports"]),
        ("/", []),
    ],
)
def test_only_one_navigation_item_is_current(client, admin_user, url, current):
    client.force_login(admin_user)
    html = client.get(url).content.decode()
    assert _current_items(html) == current
