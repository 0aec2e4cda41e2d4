"""Reads of the council register."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from core.csv_import import normalise_gss_code
from councils.models import Council, CouncilType


def council_list(*, search: str = "", region_code: str = "", council_type: str = "") -> QuerySet:
    """Councils matching a name or GSS code search and the region and type filters."""
    councils = Council.objects.all()
    if search:
        councils = councils.filter(Q(name__icontains=search) | Q(gss_code__iexact=search))
    if region_code:
        councils = councils.filter(region_code=region_code)
    if council_type:
        councils = councils.filter(council_type=council_type)
    return councils.order_by("name")


def region_choices() -> list[tuple[str, str]]:
    """(region code, region name) pairs present in the register, in code order."""
    return list(
        Council.objects.order_by("region_code").values_list("region_code", "region_name").distinct()
    )


def council_type_choices() -> list[tuple[str, str]]:
    return list(CouncilType.choices)


def councils_by_gss_code(codes: Iterable[str]) -> dict[str, Council]:
    """Councils by current GSS code for the codes given (old codes mapped), in one query."""
    wanted = {normalise_gss_code(code) for code in codes if code}
    return Council.objects.in_bulk(wanted, field_name="gss_code")


def council_queryset() -> QuerySet:
    """Every council (pages look one up by GSS code)."""
    return Council.objects.all()


def council_exists(*, gss_code: str) -> bool:
    return Council.objects.filter(gss_code=gss_code).exists()
