"""factory_boy factories for the domain. Reference data (councils, framework) comes from the
data migrations, so factories look it up rather than inventing it."""

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from assessments.models import Assessment, AssessmentKind, AssessmentStatus, Framework
from councils.models import Council, CouncilMembership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=GROUP_NAMES[extracted]))
            if extracted == Role.ADMIN:
                self.is_staff = self.is_superuser = True
            self.save()

    @factory.post_generation
    def councils(self, create, extracted, **kwargs):
        if create and extracted:
            for council in extracted:
                CouncilMembership.objects.create(user=self, council=council)


def council(name: str = "Suffolk") -> Council:
    return Council.objects.get(name=name)


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment of a council under the current framework. Pass status= to place it."""

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    council = factory.LazyFunction(lambda: Council.objects.get(name="Suffolk"))
    framework = factory.LazyFunction(lambda: Framework.objects.get(code="cqc-la", is_current=True))
    kind = AssessmentKind.FORMAL
    status = AssessmentStatus.EVIDENCE_GATHERING
    notified_on = datetime.date(2025, 1, 6)
    published_on = factory.LazyAttribute(
        lambda a: datetime.date(2025, 6, 2) if a.status == AssessmentStatus.PUBLISHED else None
    )

    @factory.post_generation
    def assessors(self, create, extracted, **kwargs):
        if create and extracted:
            self.assessors.set(extracted)


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    """An evidence item on statement 1 (people's experience). Pass statements=[...] to link
    others; author defaults to the assessment's lead assessor."""

    class Meta:
        model = "evidence.EvidenceItem"
        skip_postgeneration_save = True

    assessment = factory.SubFactory(AssessmentFactory)
    category = factory.LazyAttribute(
        lambda i: i.assessment.framework.evidence_categories.get(code="peoples-experience")
    )
    route = "collected"
    source_type = "case_tracking"
    title = factory.Sequence(lambda n: f"Case file review {n}")
    narrative = "Reviewed files show people's views recorded in their assessments."
    direction = "positive"
    effective_date = datetime.date(2025, 2, 3)
    contains_personal_data = False
    author = factory.LazyAttribute(lambda i: i.assessment.lead_assessor or UserFactory())

    @factory.post_generation
    def statements(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = list(self.assessment.framework.quality_statements.filter(number=1))
        self.statements.set(extracted, through_defaults={"assessment_id": self.assessment_id})


def published_assessment(
    council_obj: Council,
    scores: list[int],
    published_on: datetime.date = datetime.date(2025, 6, 2),
    **kwargs,
) -> Assessment:
    """A published assessment with nine statement scores and its frozen result."""
    from assessments import scoring
    from assessments.models import QualityStatement, StatementScore

    assessment = AssessmentFactory(
        council=council_obj, status=AssessmentStatus.PUBLISHED, published_on=published_on, **kwargs
    )
    statements = QualityStatement.objects.filter(framework=assessment.framework).order_by("number")
    StatementScore.objects.bulk_create(
        StatementScore(assessment=assessment, statement=statement, score=score, rationale="R")
        for statement, score in zip(statements, scores, strict=True)
    )
    result = scoring.overall_result(dict(enumerate(scores, start=1)))
    assessment.published_percentage = result.percentage
    assessment.published_rating = result.rating
    assessment.save(update_fields=["published_percentage", "published_rating"])
    return assessment


# ---- findings, scores and factual accuracy (review) --------------------------------------


def score_all(assessment, scores=(3, 3, 3, 3, 3, 3, 3, 3, 3), by=None):
    """Give every statement of the assessment a score (written directly: test set-up only)."""
    from assessments.models import QualityStatement, StatementScore

    statements = QualityStatement.objects.filter(framework=assessment.framework).order_by("number")
    for statement, score in zip(statements, scores, strict=False):
        StatementScore.objects.update_or_create(
            assessment=assessment,
            statement=statement,
            defaults={
                "score": score,
                "rationale": f"Rationale {statement.number}",
                "scored_by": by,
            },
        )


def write_summary(assessment, text="The council knows its communities well."):
    from reviews.models import AssessmentSummary

    AssessmentSummary.objects.update_or_create(assessment=assessment, defaults={"summary": text})


def calibrate(assessment, chair=None):
    """A calibration panel that signed off the assessment's current scores unchanged (test
    set-up only: issue 16 refuses to send the draft to the council without one)."""
    from django.utils import timezone

    from assessments.models import StatementScore
    from calibration.models import CalibrationPanel, PanelMember, PanelOutcome

    chair = chair or assessment.lead_assessor
    panel, _ = CalibrationPanel.objects.update_or_create(
        assessment=assessment,
        defaults={"meeting_on": datetime.date(2025, 3, 3), "chair": chair,
                  "status": "signed_off", "signed_off_by": chair,
                  "signed_off_at": timezone.now()},
    )  # fmt: skip
    panel.outcomes.all().delete()
    PanelMember.objects.get_or_create(
        panel=panel, name="Test member", role="Assessor", membership="internal"
    )
    for row in StatementScore.objects.filter(assessment=assessment, score__isnull=False):
        PanelOutcome.objects.create(
            panel=panel, statement_id=row.statement_id, proposed_score=row.score,
            agreed_score=row.score,
        )  # fmt: skip
    return panel


def confirm_factual_accuracy(assessment, by, kind="no_comments"):
    """The council's "no comments" for the draft as sent (test set-up only), so publication
    may go ahead before the factual accuracy deadline."""
    from reviews.models import FactualAccuracyConfirmation

    assessment.refresh_from_db()
    return FactualAccuracyConfirmation.objects.create(
        assessment=assessment, kind=kind, sent_on=assessment.fa_sent_on, confirmed_by=by
    )


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Challenge"

    kind = "factual"
    text_challenged = "Waiting lists doubled."
    proposed_correction = "Waiting lists fell by a third."


class IndicatorDefinitionFactory(factory.django.DjangoModelFactory):
    """An outcome indicator (national picture); weight 1 so it counts in outcomes per pound."""

    class Meta:
        model = "national.IndicatorDefinition"
        django_get_or_create = ("framework", "framework_version", "code")

    framework = "ASCOF"
    framework_version = "2023"
    code = factory.Sequence(lambda n: f"9{n}")
    name = factory.LazyAttribute(lambda d: f"Indicator {d.code}")
    unit = "percent"
    higher_is_better = True
    outcome_weight = 1
