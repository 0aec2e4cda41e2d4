"""The public risk rating (no sign-in): every council's current pressure level with the rule
that set it, the data date, its history and the council's statement; an Atom feed of changes
of level; the council's form for its statement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

import policy
from councils import selectors as council_selectors
from national import pressure
from riskrating import selectors, services
from riskrating.forms import StatementForm


@login_not_required
def risk_rating(request):
    """Every council's current pressure level, highest first, with history and statement."""
    risks = selectors.risk_ratings()
    return render(
        request,
        "riskrating/risk_rating.html",
        {
            "risks": risks,
            "synthetic": any(r.synthetic for r in risks),
            "level_names": pressure.LEVEL_NAMES,
            "level_descriptions": pressure.LEVEL_DESCRIPTIONS,
        },
    )


def statement_edit(request, gss_code: str):
    """The council's own users (and admins) write the statement shown beside its level."""
    council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
    policy.require(
        policy.can_enter_for_council(request.user, council.pk),
        message="Only the council's own users can write its statement.",
    )
    current = selectors.statement_for(council=council)
    form = StatementForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        services.risk_statement_save(
            actor=request.user, council=council, text=form.cleaned_data["text"]
        )
        messages.success(request, f"{council.name}'s statement is published.")
        return redirect(f"{reverse('riskrating:page')}#council-{council.gss_code}")
    return render(request, "riskrating/statement_form.html", {"form": form, "council": council})


class LevelChangesFeed(Feed):
    """Atom feed of changes of pressure level, newest first."""

    feed_type = Atom1Feed
    title = "Adult social care pressure levels: changes"
    subtitle = (
        "Each council's pressure level (1 to 4) from its waiting lists, modelled on the NHS "
        "operational pressures escalation levels; an entry each time a level changes."
    )

    def link(self):
        return reverse("riskrating:page")

    def items(self):
        return selectors.level_changes()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        label = (
            " (synthetic demo data)" if "synthetic" in item.row.snapshot.source_file.lower() else ""
        )
        return f"{item.row.result.reason}. Figures of {item.date:%-d %B %Y}{label}."

    def item_link(self, item):
        return f"{reverse('riskrating:page')}#council-{item.council.gss_code}"

    def item_guid(self, item):
        return f"risk-rating:{item.council.gss_code}:{item.date.isoformat()}:{item.level}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        import datetime

        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=datetime.UTC)

    item_updateddate = item_pubdate


level_changes_feed = login_not_required(LevelChangesFeed())
