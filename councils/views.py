"""The council register: a searchable list and a page per council."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from assessments import selectors as assessment_selectors
from councils import selectors


@login_not_required
def council_list(request):
    search = request.GET.get("q", "").strip()
    region = request.GET.get("region", "")
    council_type = request.GET.get("type", "")
    councils = selectors.council_list(search=search, region_code=region, council_type=council_type)
    page = Paginator(councils, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "councils/council_list.html",
        {
            "page_obj": page,
            "councils": page.object_list,
            "total": page.paginator.count,
            "search": search,
            "region": region,
            "council_type": council_type,
            "regions": selectors.region_choices(),
            "council_types": selectors.council_type_choices(),
        },
    )


@login_not_required
def council_detail(request, gss_code: str):
    council = get_object_or_404(selectors.council_queryset(), gss_code=gss_code)
    history = assessment_selectors.council_assessment_history(council=council, user=request.user)
    return render(request, "councils/council_detail.html", {"council": council, "history": history})
