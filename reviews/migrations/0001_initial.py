"""The review models, taken over from `assessments` (see assessments.0004): their tables
already exist (`db_table` keeps the old names), so only Django's state is created here. The
content types are renamed so the audit trail's targets (and permissions) follow the models."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = (
    "assessmentsummary",
    "statementfinding",
    "challenge",
    "challengeattachment",
    "deadlineextension",
)


def rename_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if ContentType.objects.filter(app_label="reviews", model=model).exists():
            continue  # already created (e.g. a database that ran post_migrate in between)
        ContentType.objects.filter(app_label="assessments", model=model).update(app_label="reviews")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="reviews", model__in=MOVED_MODELS).update(
        app_label="assessments"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("assessments", "0004_move_review_models_to_reviews"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AssessmentSummary",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("summary", models.TextField(blank=True)),
                        ("version", models.PositiveIntegerField(default=1)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "assessment",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="summary",
                                to="assessments.assessment",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "assessments_assessmentsummary",
                    },
                ),
                migrations.CreateModel(
                    name="Challenge",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("typo_or_number", "Typographical or numerical error"),
                                    ("factual", "Factually inaccurate statement"),
                                    ("omission", "Omission"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("text_challenged", models.TextField()),
                        ("proposed_correction", models.TextField()),
                        ("evidence_note", models.TextField(blank=True)),
                        ("raised_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "decision",
                            models.CharField(
                                choices=[
                                    ("pending", "Awaiting decision"),
                                    ("accepted", "Accepted"),
                                    ("not_accepted", "Not accepted"),
                                ],
                                default="pending",
                                max_length=16,
                            ),
                        ),
                        ("decision_reason", models.TextField(blank=True)),
                        ("change_made", models.TextField(blank=True)),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "assessment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="challenges",
                                to="assessments.assessment",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="challenges_decided",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "raised_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="challenges_raised",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "statement",
                            models.ForeignKey(
                                blank=True,
                                help_text="Empty when the challenge is to the summary.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                to="assessments.qualitystatement",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "assessments_challenge",
                        "ordering": ["raised_at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ChallengeAttachment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("original_name", models.CharField(max_length=255)),
                        ("stored_name", models.CharField(max_length=255, unique=True)),
                        ("content_type", models.CharField(max_length=100)),
                        ("size", models.PositiveBigIntegerField()),
                        ("sha256", models.CharField(max_length=64)),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "challenge",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attachments",
                                to="reviews.challenge",
                            ),
                        ),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "assessments_challengeattachment",
                        "ordering": ["uploaded_at", "pk"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="DeadlineExtension",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("previous_due_on", models.DateField()),
                        ("new_due_on", models.DateField()),
                        ("reason", models.TextField()),
                        ("extended_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "assessment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="deadline_extensions",
                                to="assessments.assessment",
                            ),
                        ),
                        (
                            "extended_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "assessments_deadlineextension",
                    },
                ),
                migrations.CreateModel(
                    name="StatementFinding",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "people_told_us",
                            models.TextField(blank=True, verbose_name="what people told us"),
                        ),
                        ("strengths", models.TextField(blank=True)),
                        ("areas_for_development", models.TextField(blank=True)),
                        (
                            "direction",
                            models.CharField(
                                choices=[
                                    ("improving", "Moving in the right direction"),
                                    ("stable", "Not yet moving in the right direction"),
                                    ("not_judged", "Not judged"),
                                ],
                                default="not_judged",
                                max_length=16,
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "assessment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="findings",
                                to="assessments.assessment",
                            ),
                        ),
                        (
                            "statement",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="assessments.qualitystatement",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "assessments_statementfinding",
                        "ordering": ["assessment", "statement__number"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="challenge",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("decision", "pending"),
                            models.Q(("decided_at__isnull", False), ("decided_by__isnull", False)),
                            _connector="OR",
                        ),
                        name="decided_challenge_has_decider",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="statementfinding",
                    constraint=models.UniqueConstraint(
                        fields=("assessment", "statement"), name="unique_statement_finding"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
