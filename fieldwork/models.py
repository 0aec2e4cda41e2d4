"""Fieldwork (issue 15): the council's case list, the tracked sample with consent, contact
attempts and journey notes; the on-site programme of sessions; the lead assessor's recorded
override of the people's-experience rule before quality assurance.

Case data is pseudonymous (a case reference, never a name) and is seen by the team and admins
only. Journey notes and session notes become evidence items (`evidence.EvidenceItem`) linked
from here, never copied.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from assessments.models import Assessment

# ---- the case list and the sample ----------------------------------------------------------


class CaseList(models.Model):
    """The case list a council uploaded for an assessment (one per assessment; a new upload
    replaces it until a sample is drawn)."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="case_list"
    )
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)
    row_count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"Case list of {self.assessment}"


class ConsentStatus(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked yet"
    ASKED = "asked", "Asked"
    GIVEN = "given", "Given"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Case(models.Model):
    """One row of the council's case list: pseudonymous, never a name."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=40)
    age_band = models.CharField(max_length=20)
    primary_support_reason = models.CharField(max_length=100)
    service_type = models.CharField(max_length=100)
    locality = models.CharField(max_length=100)
    is_carer = models.BooleanField()
    line = models.PositiveIntegerField(help_text="The line of the uploaded file.")
    in_sample = models.BooleanField(default=False)
    consent = models.CharField(
        max_length=16, choices=ConsentStatus.choices, default=ConsentStatus.NOT_ASKED
    )
    consent_asked_on = models.DateField(null=True, blank=True)
    consent_given_on = models.DateField(null=True, blank=True)
    consent_declined_on = models.DateField(null=True, blank=True)
    consent_withdrawn_on = models.DateField(null=True, blank=True)
    # Kept after the retention purge deletes the attempts themselves.
    contact_attempts_purged = models.PositiveIntegerField(default=0)
    purged_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assessment", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "reference"], name="fieldwork_unique_case_reference"
            )
        ]

    def __str__(self) -> str:
        return f"Case {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:case_detail", kwargs={"pk": self.pk})

    @property
    def is_tracked(self) -> bool:
        """Counts toward the aim: in the sample and consent given."""
        return self.in_sample and self.consent == ConsentStatus.GIVEN


class SampleDraw(models.Model):
    """One stratified random draw of the sample; the newest is the current one. The seed is
    recorded so the same list, strata and size always give the same draw."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="sample_draws"
    )
    seed = models.BigIntegerField()
    strata = models.JSONField(
        default=list, blank=True, help_text="The case list columns stratified on (none: simple)."
    )
    size = models.PositiveSmallIntegerField()
    aim = models.PositiveSmallIntegerField(default=6)
    reason = models.TextField(blank=True, help_text="Why it was redrawn (required on a redraw).")
    case_references = models.JSONField(default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at", "-pk"]

    def __str__(self) -> str:
        return f"Sample of {self.size} (seed {self.seed})"


class SampleChangeKind(models.TextChoices):
    ADD = "add", "Added to the sample"
    DROP = "drop", "Dropped from the sample"


class SampleChange(models.Model):
    """A case added to or dropped from the sample by hand, with the reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sample_changes")
    kind = models.CharField(max_length=8, choices=SampleChangeKind.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.case}"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    VISIT = "visit", "Visit"
    THROUGH_WORKER = "through_worker", "Through the person's worker"


class ContactOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", "No answer"
    MESSAGE_LEFT = "message_left", "Message left"
    SPOKE = "spoke", "Spoke to the person or their carer"
    ARRANGED = "arranged", "Conversation arranged"
    NOT_REACHABLE = "not_reachable", "Not reachable"


class ContactAttempt(models.Model):
    """An attempt to contact a tracked person (deleted by the retention purge; the count is
    kept on the case)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_attempts")
    on = models.DateField()
    method = models.CharField(max_length=16, choices=ContactMethod.choices)
    outcome = models.CharField(max_length=16, choices=ContactOutcome.choices)
    details = models.TextField(blank=True, help_text="Contact details used, and anything said.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.on}"


class JourneyNote(models.Model):
    """A note of a tracked person's care journey, recorded as people's-experience evidence
    (personal data). The retention purge blanks the text here and in the evidence item."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journey_notes")
    evidence_item = models.OneToOneField(
        "evidence.EvidenceItem", on_delete=models.PROTECT, related_name="journey_note"
    )
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"Journey note on {self.case}"


# ---- the site visit --------------------------------------------------------------------------


class SessionKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    FOCUS_GROUP = "focus_group", "Focus group"
    DROP_IN = "drop_in", "Drop-in session"
    OBSERVATION = "observation", "Observation"


class ParticipantRole(models.TextChoices):
    DIRECTOR = "director", "Director of adult social services"
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker", "Principal social worker"
    FRONT_LINE_STAFF = "front_line_staff", "Front-line staff"
    PARTNERS = "partners", "Partners"
    PROVIDERS = "providers", "Providers"
    UNPAID_CARERS = "unpaid_carers", "Unpaid carers"
    PEOPLE_WHO_USE_SERVICES = "people_who_use_services", "People who use services"


class Session(models.Model):
    """One session of the on-site programme."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(max_length=16, choices=SessionKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    with_experts_by_experience = models.BooleanField(default=False)
    participant_roles = models.JSONField(default=list)
    assessors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="fieldwork_sessions")
    location = models.CharField(max_length=200, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    invite_council = models.BooleanField(
        default=True, help_text="Email the council's leads an invitation with the ICS file."
    )
    notes = models.TextField(blank=True)
    notes_recorded_at = models.DateTimeField(null=True, blank=True)
    evidence_items = models.ManyToManyField(
        "evidence.EvidenceItem", related_name="fieldwork_sessions", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["assessment", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="fieldwork_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:session_detail", kwargs={"pk": self.pk})

    @property
    def participant_labels(self) -> list[str]:
        labels = dict(ParticipantRole.choices)
        return [labels.get(role, role) for role in self.participant_roles]


# ---- quality assurance: the recorded override ----------------------------------------------


class PeoplesExperienceOverride(models.Model):
    """The lead assessor's recorded decision to submit for quality assurance although some
    statements have no people's-experience evidence."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="peoples_experience_overrides"
    )
    reason = models.TextField()
    statements_without = models.JSONField(
        default=list, help_text="The statement numbers lacking it when the override was recorded."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Override on {self.assessment}"


class RetentionPurge(models.Model):
    """What the retention purge deleted for one assessment (counts only)."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="fieldwork_purge"
    )
    purged_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Fieldwork purge of {self.assessment}"
