"""Writes of the fieldwork app, by topic; every public name is re-exported here."""

from fieldwork.errors import FieldworkError
from fieldwork.services.caselist import case_list_upload
from fieldwork.services.cases import (
    case_consent_record,
    contact_attempt_create,
    journey_note_create,
    sample_change,
    sample_draw,
)
from fieldwork.services.overrides import peoples_experience_override_record
from fieldwork.services.retention import fieldwork_purge, fieldwork_purge_due
from fieldwork.services.sessions import session_create, session_notes_record

__all__ = [
    "FieldworkError",
    "case_consent_record",
    "case_list_upload",
    "contact_attempt_create",
    "fieldwork_purge",
    "fieldwork_purge_due",
    "journey_note_create",
    "peoples_experience_override_record",
    "sample_change",
    "sample_draw",
    "session_create",
    "session_notes_record",
]
