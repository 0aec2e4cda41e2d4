"""Reads of the fieldwork app, by topic; every public name is re-exported here."""

from fieldwork.selectors.cases import (
    assessment_for_fieldwork,
    case_for,
    case_list_for,
    cases_for,
    current_draw,
    sample_progress,
)
from fieldwork.selectors.sessions import (
    assessor_sessions,
    programme_url,
    session_for,
    sessions_by_day,
    sessions_for,
)
from fieldwork.selectors.sufficiency import (
    latest_override,
    override_applies,
    peoples_experience_gap,
    peoples_experience_override_note,
    statements_without_peoples_experience,
    sufficiency,
)

__all__ = [
    "assessment_for_fieldwork",
    "assessor_sessions",
    "case_for",
    "case_list_for",
    "cases_for",
    "current_draw",
    "latest_override",
    "override_applies",
    "peoples_experience_gap",
    "peoples_experience_override_note",
    "programme_url",
    "sample_progress",
    "session_for",
    "sessions_by_day",
    "sessions_for",
    "statements_without_peoples_experience",
    "sufficiency",
]
