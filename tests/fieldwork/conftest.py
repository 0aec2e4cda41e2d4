"""Fixtures of the fieldwork tests: a synthetic case list uploaded by the council."""

import pytest

from fieldwork import services

HEADER = "case_reference,age_band,primary_support_reason,service_type,locality,is_carer\n"


def case_csv(count: int = 30) -> str:
    """A synthetic case list: `count` cases over three age bands and two localities."""
    bands = ["18-64", "65-74", "85+"]
    places = ["North", "South"]
    rows = [
        f"SYN-{n:04d},{bands[n % 3]},Personal care,"
        f"{'Home care' if n % 2 else 'Residential'},{places[n % 2]},{'yes' if n % 5 == 0 else 'no'}"
        for n in range(1, count + 1)
    ]
    return HEADER + "\n".join(rows) + "\n"


@pytest.fixture
def case_list(assessment, council_lead):
    return services.case_list_upload(
        actor=council_lead, assessment=assessment, data=case_csv(), name="cases.csv"
    )


@pytest.fixture
def draw(case_list, lead_assessor, assessment):
    return services.sample_draw(
        actor=lead_assessor, assessment=assessment, strata=["age_band", "locality"], seed=20261201
    )
