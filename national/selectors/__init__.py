"""Reads of the national picture, one module per topic: the national ratings table
(`ratings`), outcomes-per-pound rankings (`outcomes`), pressure levels (`pressure`) and
council profiles (`profiles`).

Every function runs a fixed number of queries, whatever the number of councils, years or
indicators; the arithmetic is done by the pure modules national.outcomes and
national.pressure. The names are re-exported so `national.selectors.x` keeps working.
"""

from national.selectors.domains import (
    domain_positions,
    domain_table,
    indicator_definitions,
)
from national.selectors.outcomes import (
    SYNTHETIC_MARK,
    Ranking,
    RankingRow,
    financial_year_of,
    outcome_indicators,
    outcome_years,
    outcomes_for_years,
    outcomes_ranking,
    ranking_year,
)
from national.selectors.pressure import (
    MEASURE_LABELS,
    NationalPressure,
    PressureRow,
    all_pressure_histories,
    council_pressure_history,
    latest_pressure,
    pressure_thresholds_list,
    thresholds_on,
)
from national.selectors.profiles import (
    CouncilProfile,
    IndicatorComparison,
    RankHistoryRow,
    council_profile,
    indicator_medians,
)
from national.selectors.ratings import (
    EXPORT_HEADER,
    INDICATIVE,
    NATIONAL_SORT_KEYS,
    NOT_YET_PUBLISHED,
    PUBLISHED,
    RATING_ORDER,
    RESULT_STATUS_LABELS,
    SOURCE_NOTE,
    NationalRow,
    NationalTable,
    national_rows,
    national_table,
)

__all__ = [
    "EXPORT_HEADER",
    "INDICATIVE",
    "MEASURE_LABELS",
    "NATIONAL_SORT_KEYS",
    "NOT_YET_PUBLISHED",
    "PUBLISHED",
    "RATING_ORDER",
    "RESULT_STATUS_LABELS",
    "SOURCE_NOTE",
    "SYNTHETIC_MARK",
    "CouncilProfile",
    "IndicatorComparison",
    "NationalPressure",
    "NationalRow",
    "NationalTable",
    "PressureRow",
    "RankHistoryRow",
    "Ranking",
    "RankingRow",
    "all_pressure_histories",
    "council_pressure_history",
    "council_profile",
    "financial_year_of",
    "indicator_medians",
    "latest_pressure",
    "national_rows",
    "national_table",
    "outcome_indicators",
    "outcome_years",
    "outcomes_for_years",
    "outcomes_ranking",
    "domain_positions",
    "domain_table",
    "indicator_definitions",
    "pressure_thresholds_list",
    "ranking_year",
    "thresholds_on",
]
