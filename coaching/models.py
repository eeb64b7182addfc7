"""Coaching data: the people who use Voiceprint."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from coaching import sections


class UserManager(DjangoUserManager["User"]):
    """Users are identified by their e-mail address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A client who orders profiles, or a coach (staff) who reviews them."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("e-mail address", unique=True)
    # One field for the name as the person writes it ("Dr Amara Okafor", "Sam Wright"): a report's
    # cover and a coach's greeting use it whole, and first/last name do not fit every culture.
    name = models.CharField(
        "name", max_length=150, blank=True, help_text="Your name as it should appear on your reports."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ("email",)

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name to show: the one the person gave, else Django's first/last name, else the e-mail address."""
        return self.name.strip() or self.get_full_name() or self.email


class Order(models.Model):
    """A client's order of a profile: their upload, their settings, and where the work stands.

    The stage moves forward only, one service function per transition (coaching.services):
    received → importing → analysing → writing report → (in coach review →) delivered, or
    failed from any stage before delivery.
    """

    class Product(models.TextChoices):
        SELF_SERVE = "self_serve", "Self-serve profile"
        COACHED = "coached", "Coached profile"

    class Stage(models.TextChoices):
        RECEIVED = "received", "received"
        IMPORTING = "importing", "importing your posts"
        ANALYSING = "analysing", "analysing your posts"
        IN_REVIEW = "in_review", "with your coach for review"
        DELIVERED = "delivered", "delivered"
        FAILED = "failed", "failed"

    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="orders")
    product = models.CharField(max_length=16, choices=Product.choices)
    history = models.ForeignKey("profiles.PostHistory", on_delete=models.PROTECT, related_name="orders")
    profile = models.OneToOneField(
        "profiles.HistoryProfile", on_delete=models.SET_NULL, null=True, blank=True, related_name="order"
    )
    timezone = models.CharField(max_length=64, help_text="IANA zone, e.g. Europe/London.")
    working_hours = models.CharField(max_length=200, default="Mon-Fri 09:00-17:00")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. police inspector, family lawyer.")
    goals = models.TextField(blank=True, help_text="What the client wants from social media, in their words.")
    consented_at = models.DateTimeField(help_text="When the client agreed to the processing of their posts.")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.RECEIVED)
    coach = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_orders",
        limit_choices_to={"is_staff": True},
        help_text="The coach who reviews this order's report (coached profiles only).",
    )
    error_message = models.TextField(blank=True, help_text="What the client is told.")
    error_detail = models.TextField(blank=True, help_text="The technical cause, for staff.")
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    requeued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the watchdog last started this order's work again."
    )
    requeue_count = models.PositiveSmallIntegerField(default=0, help_text="How often the watchdog did so.")

    class Meta:
        ordering = ("-created_at",)
        indexes = [
            models.Index(fields=["client", "-created_at"], name="order_client_recent"),
            models.Index(
                fields=["created_at"],
                name="order_in_progress",
                condition=~models.Q(stage__in=["delivered", "failed"]),
            ),
            models.Index(fields=["coach", "stage"], name="order_coach_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.get_product_display()} for {self.client} ({self.get_stage_display()})"


class Report(models.Model):
    """The coaching report of an order: the profile as it was when written, and what changed since
    the client's previous report. Visible to the client once published."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="report")
    profile = models.JSONField(help_text="The profile the report presents (docs/metrics.md).")
    changes = models.JSONField(
        default=dict, blank=True, help_text="Headline figures now and in the client's previous report."
    )
    written_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["profile"])  # who published or reopened it, and when

    def __str__(self) -> str:
        return f"report for {self.order}"


class Annotation(models.Model):
    """A coach's note on one section of a report, shown to the client next to that section."""

    class Visibility(models.TextChoices):
        CLIENT = "client", "shown to the client"
        INTERNAL = "internal", "internal note (coaches only)"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="annotations")
    # The report's sections come from one registry (coaching/sections.py), in its order.
    section = models.CharField(max_length=16, choices=sections.section_choices)
    finding_code = models.CharField(
        max_length=40,
        blank=True,
        help_text="On the coaching plan: the finding this note is about (e.g. two_way_street), shown under it.",
    )
    text = models.TextField(help_text="Markdown: *emphasis*, **bold**, lists, links. HTML is shown as typed.")
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.CLIENT)
    coach = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="annotations")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("report", "section", "created_at")

    def __str__(self) -> str:
        return f"{self.get_section_display()} note on {self.report}"

    def clean(self) -> None:
        if not self.finding_code:
            return
        # A note may be on a finding of the plan or on one of the strengths the report names.
        noted = [*self.report.profile.get("findings", []), *self.report.profile.get("strengths", [])]
        codes = [item["code"] for item in noted if item.get("code")]
        if self.finding_code not in codes:
            raise ValidationError({"finding_code": f"This report's findings are: {', '.join(codes) or 'none'}."})
        self.section = sections.PLAN


class FindingAdjustment(models.Model):
    """A coach's change to the automated coaching plan: hide, reword or re-prioritise a finding,
    or add one of their own (no `finding_code`) citing posts from the client's history."""

    class Severity(models.TextChoices):
        HIGH = "high", "high"
        MEDIUM = "medium", "medium"
        LOW = "low", "low"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="finding_adjustments")
    finding_code = models.CharField(
        max_length=40, blank=True, help_text="The automated finding changed (e.g. two_way_street); empty: a new one."
    )
    hidden = models.BooleanField(default=False, help_text="Leave the finding out of the client's report.")
    headline = models.CharField(
        max_length=200, blank=True, help_text="Your wording; empty keeps the automated one. Required for your own."
    )
    recommendation = models.TextField(blank=True, help_text="Your wording; empty keeps the automated one.")
    severity = models.CharField(max_length=8, choices=Severity.choices, blank=True, help_text="Empty keeps it.")
    example_post_ids = models.JSONField(
        default=list, blank=True, help_text="Ids of the client's posts to quote (a finding of your own)."
    )
    coach = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "finding_code"],
                condition=~models.Q(finding_code=""),
                name="one_adjustment_per_finding",
            ),
            models.CheckConstraint(
                condition=~models.Q(finding_code="") | ~models.Q(headline=""),
                name="own_finding_has_headline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.finding_code or self.headline} on {self.report}"

    def clean(self) -> None:
        codes = [finding["code"] for finding in self.report.profile.get("findings", [])]
        if self.finding_code and self.finding_code not in codes:
            known = ", ".join(codes) or "none"
            raise ValidationError(
                {"finding_code": f"This report has no finding {self.finding_code!r}; it has: {known}."}
            )
        if not self.finding_code and not self.headline.strip():
            raise ValidationError({"headline": "A finding of your own needs a headline."})
        ids = [str(post_id) for post_id in self.example_post_ids or []]
        known = set(self.report.order.history.posts.filter(external_id__in=ids).values_list("external_id", flat=True))
        if missing := [post_id for post_id in ids if post_id not in known]:
            raise ValidationError({"example_post_ids": f"Not posts of this client: {', '.join(missing)}."})


class NoteSnippet(models.Model):
    """A phrase a coach reuses in their notes, kept under a title and inserted with one click."""

    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="note_snippets")
    title = models.CharField(max_length=80, help_text="What the button on the report's page says.")
    text = models.TextField(help_text="Markdown, as in a note: *emphasis*, **bold**, lists, links.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("coach", "title")
        constraints = [models.UniqueConstraint(fields=["coach", "title"], name="one_snippet_title_per_coach")]

    def __str__(self) -> str:
        return self.title


class CoachNotice(models.Model):
    """An e-mail sent to a coach, recorded so that it is sent once: a new review for them (once per
    order and coach), or the day's digest of their overdue reviews (once per coach and day)."""

    class Kind(models.TextChoices):
        NEW_REVIEW = "new_review", "a new review"
        OVERDUE_DIGEST = "overdue_digest", "overdue reviews"

    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    day = models.DateField(null=True, blank=True, help_text="The digest's day.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coach", "order"], condition=models.Q(kind="new_review"), name="one_new_review_notice"
            ),
            models.UniqueConstraint(
                fields=["coach", "day"], condition=models.Q(kind="overdue_digest"), name="one_digest_a_day"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="new_review", order__isnull=False))
                | (models.Q(kind="overdue_digest", day__isnull=False)),
                name="notice_names_its_order_or_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.coach}"
