"""The evidence-statement links get a model of their own (same table, same rows) and carry
the item's assessment, indexed (assessment, statement, item): a statement page's count and the
overview's counts read one assessment's links from an index range, so they do not grow with
the number of items in the database. The statement-first index of 0006 is no longer used."""

import django.db.models.deletion
from django.db import migrations, models

FILL_ASSESSMENT = """
UPDATE evidence_evidenceitem_statements SET assessment_id = (
    SELECT item.assessment_id FROM evidence_evidenceitem item
    WHERE item.id = evidence_evidenceitem_statements.evidenceitem_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0007_correct_qs4_coordinated"),
        ("evidence", "0006_statement_counts_from_indexes"),
    ]

    operations = [
        # Only the state changes here: the table, its columns and constraints already exist.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EvidenceStatement",
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
                            "evidenceitem",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="statement_links",
                                to="evidence.evidenceitem",
                            ),
                        ),
                        (
                            "qualitystatement",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="assessments.qualitystatement",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "evidence_evidenceitem_statements",
                        "unique_together": {("evidenceitem", "qualitystatement")},
                    },
                ),
                migrations.AlterField(
                    model_name="evidenceitem",
                    name="statements",
                    field=models.ManyToManyField(
                        related_name="evidence_items",
                        through="evidence.EvidenceStatement",
                        to="assessments.qualitystatement",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="evidencestatement",
            name="assessment",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="assessments.assessment",
            ),
        ),
        migrations.RunSQL(FILL_ASSESSMENT, reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="evidencestatement",
            name="assessment",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="assessments.assessment",
            ),
        ),
        migrations.AddIndex(
            model_name="evidencestatement",
            index=models.Index(
                fields=["assessment", "qualitystatement", "evidenceitem"],
                name="evidence_links_by_assessment",
            ),
        ),
        # IF EXISTS: on SQLite the table was rebuilt above, without the index made by SQL.
        migrations.RunSQL(
            "DROP INDEX IF EXISTS evidence_statement_items",
            reverse_sql="CREATE INDEX evidence_statement_items ON "
            "evidence_evidenceitem_statements (qualitystatement_id, evidenceitem_id)",
        ),
    ]
