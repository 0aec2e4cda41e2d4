"""The High Impact Changes panel of a council's national profile: its latest self-assessment
and the change since the previous one (hic.selectors.council_hic)."""

from django import template

from hic import selectors

register = template.Library()


@register.inclusion_tag("hic/_profile_panel.html")
def hic_profile_panel(council):
    return {"hic": selectors.council_hic(council=council)}
