"""Writes of the reports app, one module per topic: report versions (requesting, retrying,
rendering), bulk exports, and what both share as jobs (queueing, time limits, stuck and
failed rows). Corrections after publication are in `reports.corrections`.

The names are re-exported here so `from reports import services; services.report_request(...)`
keeps working.
"""

from reports.errors import ReportError
from reports.services.exports import (
    EXPORT_PROGRESS_EVERY,
    MANIFEST_HEADER,
    bulk_export_build,
    bulk_export_request,
    export_file_name,
    rendering_rating_label,
)
from reports.services.jobs import (
    ENQUEUE_RETRY_POLICY,
    FAILED_ACTIONS,
    QUEUE_UNAVAILABLE,
    SOFT_TIME_LIMIT,
    STUCK_QUEUED_AFTER,
    STUCK_RENDERING_AFTER,
    TIME_LIMIT,
    bulk_export_mark_failed,
    report_is_stuck,
    report_mark_failed,
)
from reports.services.versions import (
    report_render,
    report_request,
    report_retry,
    report_snapshot,
)

__all__ = [
    "ENQUEUE_RETRY_POLICY",
    "EXPORT_PROGRESS_EVERY",
    "FAILED_ACTIONS",
    "MANIFEST_HEADER",
    "QUEUE_UNAVAILABLE",
    "SOFT_TIME_LIMIT",
    "STUCK_QUEUED_AFTER",
    "STUCK_RENDERING_AFTER",
    "TIME_LIMIT",
    "ReportError",
    "bulk_export_build",
    "bulk_export_mark_failed",
    "bulk_export_request",
    "export_file_name",
    "rendering_rating_label",
    "report_is_stuck",
    "report_mark_failed",
    "report_render",
    "report_request",
    "report_retry",
    "report_snapshot",
]
