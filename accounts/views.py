"""Sign in (throttled), sign out and the account page with API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.forms import SignInForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    """Django's login view with a lockout after repeated failures for the same username."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if username and services.login_is_locked(username=username):
            form = self.get_form()
            form.is_valid()  # populate cleaned data so the page re-shows what was typed
            form.errors.clear()
            form.add_error(None, ValidationError(SignInForm.error_messages["locked"]))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        if username:
            services.login_failure_record(
                username=username, ip_address=self.request.META.get("REMOTE_ADDR")
            )
        return super().form_invalid(form)

    def form_valid(self, form):
        services.login_failures_clear(username=form.get_user().username)
        return super().form_valid(form)


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


def account(request):
    token = selectors.token_of_user(user=request.user)
    return render(request, "accounts/account.html", {"token": token})


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
