"""The audit trail gets its own app; its table keeps the name it had in core.

Until this app existed, core's first migration created `core_auditevent` (with a foreign key
to the assessment, which made core depend on a domain app). Now core creates nothing: on a
new database this migration creates the table; on a database migrated before the move the
table is already there, with the same columns, indexes and constraints, and is adopted as is.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def create_table_unless_present(apps, schema_editor):
    model = apps.get_model("audit", "AuditEvent")
    if model._meta.db_table in schema_editor.connection.introspection.table_names():
        return  # created by core's first migration before the move
    schema_editor.create_model(model)


def drop_table(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("audit", "AuditEvent"))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("assessments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
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
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("action", models.CharField(max_length=60)),
                        ("target_id", models.CharField(max_length=40)),
                        ("target_repr", models.CharField(max_length=255)),
                        (
                            "changes",
                            models.JSONField(
                                blank=True, default=dict, help_text="field -> [before, after]"
                            ),
                        ),
                        ("note", models.TextField(blank=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "assessment",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="audit_events",
                                to="assessments.assessment",
                            ),
                        ),
                        (
                            "target_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "core_auditevent",
                        "ordering": ["-at", "-pk"],
                        "indexes": [
                            models.Index(
                                fields=["target_type", "target_id"],
                                name="core_audite_target__8596cb_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(create_table_unless_present, drop_table),
    ]
