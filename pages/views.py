"""Home, static content pages and the error pages."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from assessments import scoring, selectors


@login_not_required
def home(request):
    """A start page for the public, or the signed-in user's work for staff and councils."""
    user = request.user
    context = {"my_assessments": []}
    if user.is_authenticated:
        context["my_assessments"] = selectors.assessments_of_user(user=user)[:10]
    context["rating_counts"] = selectors.national_rating_counts()
    return render(request, "pages/home.html", context)


@login_not_required
def accessibility(request):
    return render(request, "pages/accessibility.html")


@login_not_required
def methods(request):
    """How statement scores become a rating, for both rule versions."""
    return render(
        request,
        "pages/methods.html",
        {"rules": scoring.RULE_VERSIONS.values(), "descriptors": scoring.SCORE_DESCRIPTORS},
    )


@login_not_required
def error_403(request, exception=None):
    message = str(exception) if exception and str(exception) else None
    return render(request, "403.html", {"message": message}, status=403)


@login_not_required
def error_404(request, exception=None):
    return render(request, "404.html", status=404)
