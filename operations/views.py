"""Operations views: /healthz for load balancers and monitoring (no sign-in, no secrets) and
the page for a form posted without a valid CSRF token."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from operations import health


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """200 when the database, cache, broker and a recent worker heartbeat are all ok; else
    503 naming each part that failed."""
    checks = health.health()
    failed = sorted(name for name, state in checks.items() if state != health.OK)
    body = {"status": "ok" if not failed else "unavailable", "failed": failed, "checks": checks}
    return JsonResponse(body, status=503 if failed else 200)


@login_not_required
def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token (most often a page left open past the end of
    the session) gets the service's own 403 page saying what to do, not Django's."""
    message = "The form had expired. Go back, reload the page and try again."
    return render(request, "403.html", {"message": message}, status=403)
