"""Reads of the council portal, by topic. Selectors own select_related/prefetch_related;
views and API views find every row through them (none queries the ORM itself)."""

from returns.selectors.home import *  # noqa: F403
from returns.selectors.people import *  # noqa: F403
from returns.selectors.requests import *  # noqa: F403
from returns.selectors.returns import *  # noqa: F403
from returns.selectors.self_assessment import *  # noqa: F403
