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
        items.append(("Your account", reverse("accounts:account")))
    path = request.path
    nav = [
        {"label": label, "href": href, "active": href != "/" and path.startswith(href)}
        for label, href in items
    ]
    return {"service_name": settings.SERVICE_NAME, "navigation": nav}
