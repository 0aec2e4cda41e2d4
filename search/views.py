"""The search page: the header's box lands here; the same page holds the advanced filters."""

from __future__ import annotations

from types import SimpleNamespace

from django.shortcuts import render
from django.views.decorators.http import require_GET

import policy
from search import selectors
from search.forms import SearchForm


def _page_obj(results: selectors.SearchResults) -> SimpleNamespace:
    """What includes/pagination.html reads, for a page of search results."""
    return SimpleNamespace(
        number=results.page,
        paginator=SimpleNamespace(num_pages=results.pages),
        has_previous=results.page > 1,
        has_next=results.page < results.pages,
        previous_page_number=results.page - 1,
        next_page_number=results.page + 1,
    )


@require_GET
def search_page(request):
    policy.require(policy.can_search(request.user))
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = selectors.search(
            request.user,
            form.cleaned_data["q"],
            form.filters(),
            page=form.cleaned_data.get("page") or 1,
        )
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "results": results,
            "page_obj": _page_obj(results) if results else None,
            "scope": results.scope if results else None,
            "categories": selectors.category_choices(),
            "filters_open": form.is_bound and (bool(form.errors) or form.filters_used()),
        },
    )
