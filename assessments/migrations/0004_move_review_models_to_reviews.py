"""Findings, the summary, challenges (with their files) and deadline extensions moved to the
`reviews` app. Only Django's model state changes here: the tables stay where they are (the
models keep them with `db_table`) and `reviews.0001_initial` takes the models over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_challenge_attachment_ordering"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ChallengeAttachment"),
                migrations.DeleteModel(name="Challenge"),
                migrations.DeleteModel(name="DeadlineExtension"),
                migrations.DeleteModel(name="StatementFinding"),
                migrations.DeleteModel(name="AssessmentSummary"),
            ],
            database_operations=[],
        ),
    ]
