"""The names of audited actions: the one vocabulary every `audit_record` call uses.

A value is "<what>.<verb>", as stored in `AuditEvent.action` (values never change once used:
the trail keeps them). A new kind of change adds a member here.
"""

from __future__ import annotations

from django.db import models


class AuditAction(models.TextChoices):
    # Accounts
    TOKEN_CREATE = "token.create", "API token issued"
    TOKEN_REVOKE = "token.revoke", "API token revoked"
    USER_UNLOCK = "user.unlock", "Sign-in lockout cleared"
    # Assessments, and each step of the workflow (assessment.<workflow action>)
    ASSESSMENT_CREATE = "assessment.create", "Assessment opened"
    ASSESSMENT_UPDATE = "assessment.update", "Assessment dates or team changed"
    ASSESSMENT_IMPORT = "assessment.import", "Published result imported"
    FRAMEWORK_CORRECT = "framework.correct", "Framework text corrected"
    ASSESSMENT_EXTEND_DEADLINE = "assessment.extend_deadline", "Factual accuracy deadline extended"
    ASSESSMENT_START_EVIDENCE = "assessment.start_evidence", "Evidence gathering started"
    ASSESSMENT_START_SCORING = "assessment.start_scoring", "Scoring and drafting started"
    ASSESSMENT_RETURN_TO_EVIDENCE = "assessment.return_to_evidence", "Returned to evidence"
    ASSESSMENT_SUBMIT_FOR_QA = "assessment.submit_for_qa", "Submitted for quality assurance"
    ASSESSMENT_RETURN_TO_SCORING = "assessment.return_to_scoring", "Returned to scoring"
    ASSESSMENT_SEND_FOR_FACTUAL_ACCURACY = (
        "assessment.send_for_factual_accuracy",
        "Sent to the council for factual accuracy",
    )
    ASSESSMENT_PUBLISH = "assessment.publish", "Published"
    ASSESSMENT_WITHDRAW = "assessment.withdraw", "Withdrawn"
    # Scores, findings and the factual accuracy check
    SCORE_SET = "score.set", "Statement score set"
    SCORE_SET_CATEGORIES = "score.set_categories", "Category scores set"
    FINDING_UPDATE = "finding.update", "Finding changed"
    SUMMARY_UPDATE = "summary.update", "Summary changed"
    CHALLENGE_RAISE = "challenge.raise", "Challenge raised"
    CHALLENGE_DECIDE = "challenge.decide", "Challenge decided"
    # Evidence
    EVIDENCE_CREATE = "evidence.create", "Evidence added"
    EVIDENCE_UPDATE = "evidence.update", "Evidence changed"
    EVIDENCE_WITHDRAW = "evidence.withdraw", "Evidence withdrawn"
    # The council portal: information return, self-assessment, document requests, contributors
    RETURN_ISSUE = "return.issue", "Information return issued"
    RETURN_ANSWER = "return.answer", "Information return answer saved"
    RETURN_SUBMIT = "return.submit", "Information return submitted"
    RETURN_REOPEN = "return.reopen", "Information return reopened"
    SELF_ASSESSMENT_SAVE = "self_assessment.save", "Self-assessment saved"
    SELF_ASSESSMENT_SUBMIT = "self_assessment.submit", "Self-assessment submitted"
    REQUEST_CREATE = "request.create", "Document request raised"
    REQUEST_ANSWER = "request.answer", "Document request answered"
    REQUEST_ACCEPT = "request.accept", "Document request accepted"
    REQUEST_MORE_NEEDED = "request.more_needed", "More asked for on a document request"
    REQUEST_WITHDRAW = "request.withdraw", "Document request withdrawn"
    CONTRIBUTOR_INVITE = "contributor.invite", "Council contributor invited"
    CONTRIBUTOR_REMOVE = "contributor.remove", "Council contributor removed"
    # Reports and exports
    REPORT_REQUEST = "report.request", "Report requested"
    REPORT_CORRECT = "report.correct", "Corrected report requested"
    REPORT_RETRY = "report.retry", "Report rendering retried"
    REPORT_READY = "report.ready", "Report ready"
    REPORT_FAILED = "report.failed", "Report rendering failed"
    BULK_EXPORT_REQUEST = "bulk_export.request", "Bulk export requested"
    BULK_EXPORT_READY = "bulk_export.ready", "Bulk export ready"
    BULK_EXPORT_FAILED = "bulk_export.failed", "Bulk export failed"
    # The national picture: imports, waiting-list entries and reference data kept in the admin
    NATIONAL_IMPORT_INDICATORS = "national.import_indicators", "Indicator values imported"
    NATIONAL_IMPORT_SPEND = "national.import_spend", "Spend and population imported"
    NATIONAL_IMPORT_WAITING_LISTS = "national.import_waiting_lists", "Waiting lists imported"
    NATIONAL_WAITING_LIST_CREATE = "national.waiting_list_create", "Waiting list entered"
    NATIONAL_INDICATORDEFINITION_CREATE = "national.indicatordefinition_create", "Indicator added"
    NATIONAL_INDICATORDEFINITION_CHANGE = (
        "national.indicatordefinition_change",
        "Indicator changed",
    )
    NATIONAL_INDICATORDEFINITION_DELETE = (
        "national.indicatordefinition_delete",
        "Indicator deleted",
    )
    NATIONAL_INDICATORVALUE_CREATE = "national.indicatorvalue_create", "Indicator value added"
    NATIONAL_INDICATORVALUE_CHANGE = "national.indicatorvalue_change", "Indicator value changed"
    NATIONAL_INDICATORVALUE_DELETE = "national.indicatorvalue_delete", "Indicator value deleted"
    NATIONAL_COUNCILSPEND_CREATE = "national.councilspend_create", "Spend added"
    NATIONAL_COUNCILSPEND_CHANGE = "national.councilspend_change", "Spend changed"
    NATIONAL_COUNCILSPEND_DELETE = "national.councilspend_delete", "Spend deleted"
    NATIONAL_WAITINGLISTSNAPSHOT_CREATE = (
        "national.waitinglistsnapshot_create",
        "Waiting list added",
    )
    NATIONAL_WAITINGLISTSNAPSHOT_CHANGE = (
        "national.waitinglistsnapshot_change",
        "Waiting list changed",
    )
    NATIONAL_WAITINGLISTSNAPSHOT_DELETE = (
        "national.waitinglistsnapshot_delete",
        "Waiting list deleted",
    )
    NATIONAL_PRESSURETHRESHOLDS_CREATE = (
        "national.pressurethresholds_create",
        "Pressure thresholds added",
    )
    NATIONAL_PRESSURETHRESHOLDS_CHANGE = (
        "national.pressurethresholds_change",
        "Pressure thresholds changed",
    )
    NATIONAL_PRESSURETHRESHOLDS_DELETE = (
        "national.pressurethresholds_delete",
        "Pressure thresholds deleted",
    )

    # Fieldwork (issue 15): case tracking, the site visit, the people's-experience override
    CASE_LIST_UPLOAD = "case_list.upload", "Case list uploaded"
    SAMPLE_DRAW = "sample.draw", "Case sample drawn"
    SAMPLE_CHANGE = "sample.change", "Case added to or dropped from the sample"
    CASE_CONSENT = "case.consent", "Case consent recorded"
    CASE_CONTACT = "case.contact", "Contact attempt recorded"
    CASE_NOTE = "case.note", "Journey note recorded"
    SESSION_CREATE = "session.create", "Site-visit session scheduled"
    SESSION_NOTES = "session.notes", "Session notes recorded as evidence"
    PEOPLES_EXPERIENCE_OVERRIDE = (
        "assessment.peoples_experience_override",
        "Quality assurance allowed without people's experience evidence",
    )
    FIELDWORK_PURGE = "fieldwork.purge", "Case data deleted after the retention period"
    # ---- the national picture: council returns (issue 18) ----
    GRANTS_PLAN_SAVE = "grants.plan_save", "Spending plan saved"
    GRANTS_IMPORT = "grants.import", "Spending plans imported"
    HIC_SELF_ASSESSMENT_CREATE = "hic.self_assessment_create", "High Impact Changes assessed"
    WINTER_RESPONSE_SAVE = "winter.response_save", "Winter pressures answers saved"
    WINTER_IMPORT = "winter.import", "Winter pressures answers imported"
    RISK_STATEMENT_SAVE = "riskrating.statement_save", "Risk rating statement saved"
    PICTURE_REFERENCE_SAVE = "picture.reference_save", "Grant or survey reference data saved"
    PICTURE_REFERENCE_DELETE = "picture.reference_delete", "Grant or survey reference data deleted"
    # Quality assurance, calibration, factual accuracy, corrections, action plans (issue 16)
    CALIBRATION_PANEL_SAVE = "calibration.panel_save", "Calibration panel details saved"
    CALIBRATION_MEMBER_ADD = "calibration.member_add", "Calibration panel member added"
    CALIBRATION_MEMBER_REMOVE = "calibration.member_remove", "Calibration panel member removed"
    CALIBRATION_PROPOSE = "calibration.propose", "Scores proposed to the calibration panel"
    CALIBRATION_OUTCOME = "calibration.outcome", "Calibration panel outcome recorded"
    CALIBRATION_SIGN_OFF = "calibration.sign_off", "Calibration panel signed off"
    FA_CONFIRM = "factual_accuracy.confirm", "Council confirmed its factual accuracy check"
    PUBLICATION_OVERRIDE = "publication.override", "Early publication authorised"
    PUBLICATION_PAUSE_CREATE = "publication.pause_create", "Publication pause defined"
    PUBLICATION_PAUSE_END = "publication.pause_end", "Publication pause ended or removed"
    SCORE_CHANGE_BY_CHALLENGE = "score.change_by_challenge", "Score changed by a challenge"
    SCORE_CHANGE_BY_CALIBRATION = "score.change_by_calibration", "Score changed by calibration"
    SCORE_CHANGE_BY_CORRECTION = "score.change_by_correction", "Score changed by a correction"
    REPORT_CORRECTION_RECORD = "report.correction_record", "Published report corrected"
    ACTION_PLAN_ADD = "action_plan.add", "Improvement action added"
    ACTION_PLAN_UPDATE = "action_plan.update", "Improvement action updated"

    @classmethod
    def of_workflow_step(cls, step: str) -> AuditAction:
        """The action recorded for workflow step `step` (e.g. "publish"); ValueError for a step
        that has no member here."""
        return cls(f"assessment.{step}")

    @classmethod
    def of_national_import(cls, kind: str) -> AuditAction:
        """The action recorded for a national data import of `kind` (national.ImportKind)."""
        return cls(f"national.import_{kind}")

    @classmethod
    def of_reference_data(cls, model_name: str, verb: str) -> AuditAction:
        """The action recorded when an admin creates, changes or deletes a national reference
        data row (`verb` is "create", "change" or "delete")."""
        return cls(f"national.{model_name}_{verb}")
