"""The council register and the framework are present after migrate."""

from collections import Counter

import pytest

from assessments.models import EvidenceCategory, Framework, QualityStatement, StatementCategory
from councils.models import Council

pytestmark = pytest.mark.django_db


def test_all_153_councils_are_loaded_with_unique_codes():
    assert Council.objects.count() == 153
    assert Council.objects.values("gss_code").distinct().count() == 153


def test_council_counts_by_type_and_region_match_the_register_readme():
    by_type = Counter(Council.objects.values_list("council_type", flat=True))
    assert by_type == {
        "county council": 21,
        "unitary authority": 63,
        "metropolitan borough": 36,
        "London borough": 33,
    }
    by_region = Counter(Council.objects.values_list("region_name", flat=True))
    assert by_region["London"] == 33
    assert by_region["North West"] == 24
    assert by_region["East Midlands"] == 10
    assert len(by_region) == 9


def test_barnsley_and_sheffield_carry_the_april_2025_codes():
    assert Council.objects.get(name="Barnsley").gss_code == "E08000038"
    assert Council.objects.get(name="Sheffield").gss_code == "E08000039"


def test_the_framework_has_four_themes_and_nine_statements_in_order():
    framework = Framework.objects.get(code="cqc-la", is_current=True)
    assert framework.version == 1
    assert list(framework.themes.values_list("name", flat=True)) == [
        "Working with people",
        "Providing support",
        "Ensuring safety within the system",
        "Leadership",
    ]
    names = list(framework.quality_statements.order_by("number").values_list("name", flat=True))
    assert names[0] == "Assessing needs"
    assert names[8] == "Learning, improvement and innovation"
    assert len(names) == 9
    equity = framework.quality_statements.get(number=3)
    assert equity.aliases == ["Equity in experiences and outcomes"]
    assert equity.we_statement.startswith("We actively seek out")


def test_four_categories_in_use_linked_to_every_statement_with_peoples_experience_required():
    assert EvidenceCategory.objects.filter(in_use=True).count() == 4
    assert not EvidenceCategory.objects.get(code="observation").in_use
    assert StatementCategory.objects.count() == 36
    required = StatementCategory.objects.filter(required=True)
    assert required.count() == 9
    assert set(required.values_list("category__code", flat=True)) == {"peoples-experience"}
    assert QualityStatement.objects.get(number=7).i_statements == [
        "I feel safe and am supported to understand and manage any risks."
    ]
