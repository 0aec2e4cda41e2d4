"""Assessment pages. Thin: selectors read, services write, the policy decides."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from assessments import selectors
from assessments.models import AssessmentStatus
from assessments.review_views import review_panels
from core import policy


def assessment_list(request):
    status = request.GET.get("status", "")
    assessments = selectors.assessment_list_for_user(user=request.user, status=status)
    page = Paginator(assessments, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/assessment_list.html",
        {"page_obj": page, "status": status, "statuses": AssessmentStatus.choices},
    )


@login_not_required
def assessment_detail(request, pk: int):
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    can_view_draft = policy.can_view_draft(request.user, assessment)
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "can_view_draft": can_view_draft,
            "result": selectors.assessment_result(assessment=assessment)
            if can_view_draft
            else None,
            **review_panels(request.user, assessment),
        },
    )


@login_not_required
def national_table(request):
    """Every council's latest published rating."""
    rows = selectors.latest_published_assessments().order_by("council__name")
    return render(
        request,
        "assessments/national_table.html",
        {"rows": rows, "rating_counts": selectors.national_rating_counts()},
    )
