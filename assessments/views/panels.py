"""The assessment page's deferred panels (assessments/panels.py): one view answers htmx with
the panel alone and a browser without JavaScript with the panel as a page of its own."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

import policy
from assessments import panels, selectors
from core.htmx import is_htmx


@login_not_required
@require_GET
def assessment_panel(request, pk: int, slug: str):
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    panel = panels.BY_SLUG.get(slug)
    if panel is None:
        raise Http404
    if not panel.visible(request.user, assessment):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        policy.require(False, message=f"You cannot see this assessment's {panel.title.lower()}.")
    context = {"assessment": assessment, "panel": panel, **panel.context(request.user, assessment)}
    if is_htmx(request):
        return render(request, "assessments/panels/_fragment.html", context)
    return render(request, "assessments/panels/page.html", context)
