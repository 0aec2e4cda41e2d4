"""Sign in (with a lockout), sign out, the account page with API tokens, and admins' unlocking
of locked-out users."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET, require_POST

import policy
from accounts import selectors, services
from accounts.forms import SignInForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    """Django's login view. The lockout after repeated failures is django-axes's, shared with
    the admin's sign-in page (accounts/lockout.py)."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


def account(request):
    token = selectors.token_of_user(user=request.user)
    return render(
        request,
        "accounts/account.html",
        {"token": token, "can_unlock_users": policy.can_unlock_users(request.user)},
    )


@require_GET
def locked_users(request):
    """Admins: who is locked out of signing in now, each with an "Unlock" button."""
    policy.require(policy.can_unlock_users(request.user))
    return render(
        request,
        "accounts/locked_users.html",
        {
            "locked": selectors.locked_out_users(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": settings.LOGIN_LOCKOUT_SECONDS // 60,
        },
    )


@require_POST
def user_unlock(request, user_id: int):
    """Admins: clear a user's sign-in failures so they can sign in again (audited)."""
    policy.require(policy.can_unlock_users(request.user))
    user = get_object_or_404(selectors.user_queryset(), pk=user_id)
    if services.user_unlock(actor=request.user, user=user):
        messages.success(request, f"{user.display_name} can sign in again.")
    else:
        messages.info(request, f"{user.display_name} was not locked out.")
    return redirect("accounts:locked_users")


@require_POST
def token_create(request):
    token = services.token_create(user=request.user)
    messages.success(request, f"Your new API token is {token.key}. Keep it secret.")
    return redirect("accounts:account")


@require_POST
def token_revoke(request):
    services.token_revoke(user=request.user, actor=request.user)
    messages.success(request, "Your API token has been revoked.")
    return redirect("accounts:account")
