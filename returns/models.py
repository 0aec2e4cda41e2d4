"""The council's side of an assessment: the information return (a versioned template of items,
the council's answers and files), the self-assessment, document requests during the
assessment and their reminders, and in-app notifications. (A repeated post is
recognised by core.idempotency, one guard for every app.)"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from assessments.models import Assessment, Framework, QualityStatement, Theme
from core.models import StoredFile

# ---- the template (versioned data, edited by admins) -------------------------------------


class ItemKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    LINK = "link", "Link to a published page"
    FIGURES = "figures", "Figures"
    NARRATIVE = "narrative", "Narrative"


class ReturnTemplate(models.Model):
    """A version of the information return: the items a council is asked for.

    Issued returns keep the version they were issued with, so a new version never rewrites
    what a council was asked.
    """

    code = models.SlugField(max_length=50)
    version = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField()
    is_current = models.BooleanField(default=False)
    source_note = models.TextField(
        help_text="Where the items come from, shown on the template page (what is CQC's "
        "published wording and what is our own)."
    )

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_return_template"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_current=True), name="one_current_return_template"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class TemplateItem(models.Model):
    """One item of the return: what is asked, why, which statements it informs."""

    template = models.ForeignKey(ReturnTemplate, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    guidance = models.TextField()
    kind = models.CharField(max_length=16, choices=ItemKind.choices)
    statements = models.ManyToManyField(QualityStatement, related_name="+", blank=True)

    class Meta:
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="unique_template_item")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


# ---- the issued return and the council's answers -----------------------------------------


class ReturnStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", "In preparation"
    SUBMITTED = "submitted", "Submitted"


class InformationReturn(models.Model):
    """An assessment's information return, issued by the lead assessor with a due date."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="information_return"
    )
    template = models.ForeignKey(ReturnTemplate, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=ReturnStatus.choices, default=ReturnStatus.IN_PREPARATION
    )
    due_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened_note = models.TextField(blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Information return of {self.assessment.council}"

    def get_absolute_url(self) -> str:
        return reverse("returns:task_list", kwargs={"pk": self.assessment_id})

    @property
    def is_submitted(self) -> bool:
        return self.status == ReturnStatus.SUBMITTED


class AnswerStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    READY = "ready", "Ready"
    NOT_HELD = "not_held", "Not held"


DONE_ANSWER_STATUSES = (AnswerStatus.READY, AnswerStatus.NOT_HELD)


class ReturnAnswer(models.Model):
    """The council's answer to one item: files, a link and/or text, with a status."""

    information_return = models.ForeignKey(
        InformationReturn, on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=AnswerStatus.choices, default=AnswerStatus.NOT_STARTED
    )
    text = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    not_held_reason = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["information_return", "item__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["information_return", "item"], name="one_answer_per_item"
            ),
            models.CheckConstraint(
                condition=~Q(status="not_held") | ~Q(not_held_reason=""),
                name="not_held_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return str(self.item)


# ---- self-assessment ---------------------------------------------------------------------


class SelfAssessmentSection(models.Model):
    """The council's narrative for one theme (statement empty) or one statement."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="self_assessment_sections"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    statement = models.ForeignKey(
        QualityStatement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assessment", "theme__number", "statement__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "theme"],
                condition=Q(statement__isnull=True),
                name="one_theme_narrative",
            ),
            models.UniqueConstraint(
                fields=["assessment", "statement"],
                condition=Q(statement__isnull=False),
                name="one_statement_narrative",
            ),
        ]

    def __str__(self) -> str:
        return f"Self-assessment: {self.statement or self.theme}"


# ---- document requests -------------------------------------------------------------------


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    ACCEPTED = "accepted", "Accepted"
    MORE_NEEDED = "more_needed", "More needed"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Waiting for the council: these become "overdue" once the due date has passed.
AWAITING_COUNCIL = (RequestStatus.OPEN, RequestStatus.MORE_NEEDED)


class DocumentRequest(models.Model):
    """A request from the team for more information during the assessment."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="document_requests"
    )
    title = models.CharField("What is needed", max_length=200)
    reason = models.TextField("Why it is needed")
    statements = models.ManyToManyField(QualityStatement, related_name="+")
    due_on = models.DateField()
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    note = models.TextField(blank=True, help_text="The team's last note (more needed, withdrawn).")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="request_status_due")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("returns:request_detail", kwargs={"pk": self.pk})

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.status in AWAITING_COUNCIL and self.due_on < today

    def display_status(self, today: datetime.date | None = None) -> str:
        """The status people see: "Overdue" is derived from the due date, never stored."""
        return "Overdue" if self.is_overdue(today) else self.get_status_display()


class RequestResponse(models.Model):
    """One answer from the council to a request (files, a link and/or text)."""

    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="responses")
    text = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Answer to {self.request}"


class ReturnFile(StoredFile):
    """A file the council uploaded, for a return answer or a request response (exactly one)."""

    answer = models.ForeignKey(
        ReturnAnswer, on_delete=models.PROTECT, null=True, blank=True, related_name="files"
    )
    response = models.ForeignKey(
        RequestResponse, on_delete=models.PROTECT, null=True, blank=True, related_name="files"
    )

    class Meta(StoredFile.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__isnull=False, response__isnull=True)
                | Q(answer__isnull=True, response__isnull=False),
                name="return_file_has_one_owner",
            )
        ]


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", "Two working days before the due date"
    ON_DUE = "on_due", "On the due date"


class Reminder(models.Model):
    """A reminder of a request, recorded before it is sent: the unique (request, kind) row is
    what makes each reminder go out once, whatever retries or restarts happen."""

    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.request}"


# ---- into the evidence -------------------------------------------------------------------


class EvidenceSource(models.Model):
    """Which council answer an evidence item was accepted from (exactly one source; each
    answer becomes evidence at most once)."""

    evidence_item = models.OneToOneField(
        "evidence.EvidenceItem", on_delete=models.PROTECT, related_name="returns_source"
    )
    answer = models.OneToOneField(
        ReturnAnswer, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    response = models.OneToOneField(
        RequestResponse, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__isnull=False, response__isnull=True)
                | Q(answer__isnull=True, response__isnull=False),
                name="evidence_source_has_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"Source of {self.evidence_item}"


# ---- notifications -------------------------------------------------------------------


class Notification(models.Model):
    """Something that needs a user's attention, shown in the service beside the email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32)
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message
