"""Correct framework version 1's texts to CQC's published wording, recorded in its history.

Version 1 was loaded with two We statements split or joined differently from CQC's local
authority framework and with I statements missing for three quality statements; themes had
only their short labels. This is a correction of transcription, not a new framework version:
CQC's framework did not change, so assessments keep version 1. Each change is written to the
audit trail (action "framework.correct", before and after, with its source), which is the
framework's history.

Sources (checked with the project's search tool, December 2026):
- Themes: CQC, "Assessment framework for local authority assurance" (cqc.org.uk/guidance-
  regulation/local-authorities/assessment-framework), theme list "Theme 1: Working with people;
  Theme 2: Providing support; Theme 3: How the local authority ensures safety within the system;
  Theme 4: Leadership" (as reproduced by safeguardingadults.co.uk and Wokingham Borough
  Council's "Adult Social Care Assurance" page).
- QS2 We statement: CQC's framework text as reproduced on Cheshire East Council's "Care Quality
  Commission Local Authority assessments" page (one sentence).
- QS3 We statement and QS9 We statement: CQC single assessment framework pages "Equity in
  experiences and outcomes" and "Learning, improvement and innovation" (unchanged here).
- QS6 We statement and I statement: CQC theme 3 page as reproduced by safeguardingadults.co.uk.
"""

from django.db import migrations

THEME_FULL_NAMES = {
    1: "Working with people",
    2: "Providing support",
    3: "How the local authority ensures safety within the system",
    4: "Leadership",
}

WE_STATEMENTS = {
    2: "We support people to manage their health and wellbeing so they can maximise their "
    "independence, choice and control, live healthier lives and where possible, reduce future "
    "needs for care and support.",
    8: "We have clear responsibilities, roles, systems of accountability and good governance to "
    "manage and deliver good quality, sustainable care, treatment and support. We act on the "
    "best information about risk, performance and outcomes, and we share this securely with "
    "others when appropriate.",
}

ADDED_I_STATEMENTS = {
    3: "I have care and support that enables me to live as I want to, seeing me as a unique "
    "person with skills, strengths and goals.",
    5: "I have care and support that is coordinated, and everyone works well together and with me.",
    6: "I feel safe and am supported to understand and manage any risks.",
}

NOTE = (
    "Corrected to CQC's published wording (transcription error in version 1; the framework "
    "itself did not change). Source: CQC, Assessment framework for local authority assurance."
)


def _content_type(apps, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="assessments", model=model)[0]


def correct(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Theme = apps.get_model("assessments", "Theme")
    QualityStatement = apps.get_model("assessments", "QualityStatement")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    framework = Framework.objects.filter(code="cqc-la", version=1).first()
    if framework is None:
        return
    theme_type = _content_type(apps, "theme")
    statement_type = _content_type(apps, "qualitystatement")
    for theme in Theme.objects.filter(framework=framework):
        full_name = THEME_FULL_NAMES[theme.number]
        if theme.full_name != full_name:
            AuditEvent.objects.create(
                action="framework.correct",
                target_type=theme_type,
                target_id=str(theme.pk),
                target_repr=theme.name,
                changes={"full_name": [theme.full_name, full_name]},
                note=NOTE,
            )
            theme.full_name = full_name
            theme.save(update_fields=["full_name"])
    for statement in QualityStatement.objects.filter(framework=framework):
        changes = {}
        we_statement = WE_STATEMENTS.get(statement.number)
        if we_statement and statement.we_statement != we_statement:
            changes["we_statement"] = [statement.we_statement, we_statement]
            statement.we_statement = we_statement
        added = ADDED_I_STATEMENTS.get(statement.number)
        if added and added not in statement.i_statements:
            changes["i_statements"] = [
                list(statement.i_statements),
                [*statement.i_statements, added],
            ]
            statement.i_statements = [*statement.i_statements, added]
        if changes:
            statement.save(update_fields=["we_statement", "i_statements"])
            AuditEvent.objects.create(
                action="framework.correct",
                target_type=statement_type,
                target_id=str(statement.pk),
                target_repr=f"{statement.number}. {statement.name}",
                changes=changes,
                note=NOTE,
            )


def uncorrect(apps, schema_editor):
    """Put version 1's earlier texts back from the recorded history (and forget the history)."""
    Theme = apps.get_model("assessments", "Theme")
    QualityStatement = apps.get_model("assessments", "QualityStatement")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    models = {"theme": Theme, "qualitystatement": QualityStatement}
    events = AuditEvent.objects.filter(action="framework.correct").select_related("target_type")
    for event in events:
        model = models.get(event.target_type.model)
        if model is None:
            continue
        row = model.objects.filter(pk=event.target_id).first()
        if row is not None:
            for name, (before, _after) in event.changes.items():
                setattr(row, name, before)
            row.save()
    # Audit events refuse deletion through the model; the historical model has no such guard.
    events.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_assessment_publication_precision_demo_flag_theme_full_name"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(correct, uncorrect)]
