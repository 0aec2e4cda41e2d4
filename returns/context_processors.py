"""The unread notification count shown in the header of every page."""

from django.urls import reverse

import policy
from returns import selectors


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "notifications_url": reverse("returns:notifications"),
        "unread_notifications": selectors.unread_count(user),
        "council_portal_url": reverse("returns:portal") if policy.is_council_user(user) else "",
    }
