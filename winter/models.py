"""Winter pressures surveys of directors: a survey per period, its questions as data, one set
of answers per council. Answers are confidential unless the council publishes them; national
shares are suppressed where fewer than SUPPRESS_BELOW councils answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from councils.models import Council

SUPPRESS_BELOW = 5
SYNTHETIC_MARK = "synthetic"


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", "Yes or no"
    TEXT = "text", "Free text"


class Survey(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    code = models.SlugField(max_length=60)
    text = models.CharField(max_length=400)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)

    class Meta:
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="unique_question_code"),
        ]

    def __str__(self) -> str:
        return f"{self.survey.code} {self.code}"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="winter_responses")
    published = models.BooleanField(
        default=False, help_text="The council chooses to publish its own answers."
    )
    source_file = models.CharField(max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["survey", "council"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "council"], name="unique_winter_response"),
        ]

    def __str__(self) -> str:
        return f"{self.council} in {self.survey.code}"

    @property
    def synthetic(self) -> bool:
        return SYNTHETIC_MARK in self.source_file.lower()


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    yes = models.BooleanField(null=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        ordering = ["response", "question__number"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="unique_answer"),
        ]

    def __str__(self) -> str:
        return f"{self.response} {self.question.code}"
