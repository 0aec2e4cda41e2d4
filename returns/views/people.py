"""Notifications, a council's contributors and the invitation link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import policy
from returns import selectors
from returns.forms import InviteForm
from returns.services import ReturnsError
from returns.services import contributors as services
from returns.services.common import notification_mark_read, notifications_mark_all_read
from returns.views.common import add_service_error, once, or_404


@require_GET
def notifications(request):
    """What needs the user's attention, newest first; unread ones marked."""
    return render(
        request,
        "returns/notifications.html",
        {"notifications": selectors.notifications_for(request.user)[:100]},
    )


@require_POST
def notification_read(request, pk: int):
    """Mark one of the user's own notifications read and open what it points to."""
    note = or_404(selectors.notification_of, request.user, pk)
    notification_mark_read(notification=note)
    return redirect(note.url)


@require_POST
def notifications_read_all(request):
    notifications_mark_all_read(user=request.user)
    messages.success(request, "All notifications marked as read.")
    return redirect("returns:notifications")


@require_http_methods(["GET", "POST"])
def contributors(request, gss_code: str):
    council = or_404(selectors.council_by_code, gss_code)
    policy.require(
        policy.can_manage_contributors(request.user, council.pk),
        message="Only the council's leads can manage its contributors.",
    )
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            once(
                request,
                form,
                scope=f"returns.invite:{council.pk}",
                create=lambda: services.contributor_invite(
                    actor=request.user, council=council, email=data["email"],
                    full_name=data["full_name"],
                ),
                find=lambda user_id: selectors.user_by_pk(int(user_id)),
            )  # fmt: skip
        except ReturnsError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{data['full_name']} has been invited by email.")
            return redirect(request.path)
    return render(
        request,
        "returns/contributors.html",
        {
            "council": council,
            "contributors": selectors.council_contributors(council.pk),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def contributor_remove(request, gss_code: str, user_pk: int):
    council = or_404(selectors.council_by_code, gss_code)
    policy.require(
        policy.can_manage_contributors(request.user, council.pk),
        message="Only the council's leads can manage its contributors.",
    )
    user = or_404(selectors.user_by_pk, user_pk)
    try:
        services.contributor_remove(actor=request.user, council=council, user=user)
    except ReturnsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{user.display_name} is no longer a contributor.")
    return redirect("returns:contributors", gss_code=gss_code)


class InvitationView(auth_views.PasswordResetConfirmView):
    """An invited contributor sets a password from the emailed one-time link."""

    template_name = "returns/invitation.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, "Your password is set. Sign in with your email address.")
        return super().form_valid(form)
