"""Template context shared by every page: the service name and a navigation fitting the role."""

from django.conf import settings
from django.urls import reverse

import policy


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    items = [
        ("National ratings", reverse("national:ratings")),
        ("Councils", reverse("councils:list")),
        ("National picture", reverse("national:outcomes")),
    ]
    if user is not None and user.is_authenticated:
        if policy.is_assessor(user) or policy.is_admin(user):
            items.insert(0, ("Assessments", reverse("assessments:list")))
        if policy.is_council_lead(user):
            items.insert(0, ("Your council", reverse("assessments:list")))
        if policy.can_export(user):
            items.append(("Exports", reverse("reports:exports")))
        if policy.is_admin(user):
            items.append(("Admin", reverse("admin:index")))
    # One current item at most: the longest link the path starts with (the national ratings
    # at /national/ratings/ are not also "National picture" at /national/).
    path = request.path
    matches = [href for _, href in items if href != "/" and path.startswith(href)]
    current = max(matches, key=len, default=None)
    nav = [{"label": label, "href": href, "active": href == current} for label, href in items]
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": nav,
        "account_url": reverse("accounts:account"),  # the header's account link
    }
