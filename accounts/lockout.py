"""The sign-in lockout, kept by django-axes: how it names a user and how it answers.

Axes's authentication backend runs inside every `authenticate()` call (the service's sign-in
page and the Django admin's alike), so failures on either page count together. These two
callables are named in settings (AXES_USERNAME_CALLABLE, AXES_LOCKOUT_CALLABLE).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render

from accounts.forms import SignInForm


def normalise_username(username: str | None) -> str:
    """The name failures are counted under: lower-cased, so "Assessor" and "assessor" share
    one count (typing a name in another case must not give fresh tries)."""
    return (username or "").strip().lower()[:150]


def lockout_username(request, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the username from the credentials or the posted form."""
    if credentials and credentials.get("username"):
        return normalise_username(credentials["username"])
    return normalise_username(request.POST.get("username") if request is not None else "")


def lockout_response(request, original_response=None, credentials: dict | None = None):
    """AXES_LOCKOUT_CALLABLE: the service's sign-in page with the lockout message (429), for
    the admin's sign-in page too, re-showing the username that was typed (never the
    password)."""
    form = SignInForm(request, data={"username": request.POST.get("username", "")})
    form.is_valid()  # bind cleaned data so the page re-shows what was typed
    form.errors.clear()
    form.add_error(None, ValidationError(SignInForm.error_messages["locked"]))
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": request.POST.get("next", "")},
        status=429,
    )
