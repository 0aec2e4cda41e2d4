"""Pages of the national picture, one module per topic: the national ratings table
(`ratings`) and the outcomes, pressure and council pages (`picture`). Thin: selectors read,
services write, the policy decides. The names are re-exported for the URLconf."""

from national.views.picture import (
    council_profile,
    outcomes_method,
    outcomes_ranking,
    pressure_levels,
    waiting_list_create,
)
from national.views.ratings import (
    national_table,
    national_table_csv,
    national_table_xlsx,
    old_national_ratings_xlsx,
    old_national_table,
    old_national_table_csv,
)

__all__ = [
    "council_profile",
    "national_table",
    "national_table_csv",
    "national_table_xlsx",
    "old_national_ratings_xlsx",
    "old_national_table",
    "old_national_table_csv",
    "outcomes_method",
    "outcomes_ranking",
    "pressure_levels",
    "waiting_list_create",
]
