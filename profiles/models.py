"""Post histories and their posts, as imported from an upload."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from profiles.ingest.records import Platform, PostKind


class PostHistory(models.Model):
    """One uploaded export and what it held: the author's account and, once imported, posts.

    Invariant: a history has posts only while `importing` or once `imported`; a failed import
    removes what it had written, so a failed history holds none.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be imported"
        IMPORTING = "importing", "importing"
        IMPORTED = "imported", "imported"
        FAILED = "failed", "import failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="histories",
        null=True,
        blank=True,
        help_text="The client who uploaded it; empty for histories imported by staff from the command line.",
    )
    # Stored under a random name (see services.history_create): never a name from the upload.
    upload = models.FileField(upload_to="histories/", max_length=255)
    original_name = models.CharField(max_length=255)
    size_bytes = models.BigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)

    format = models.CharField(max_length=40, blank=True)
    platform = models.CharField(max_length=16, choices=[(p.value, p.value) for p in Platform], blank=True)
    account_id = models.CharField(max_length=200, blank=True)
    handle = models.CharField(max_length=200, blank=True)
    display_name = models.CharField(max_length=200, blank=True)
    archive_timezone = models.CharField(
        max_length=64, blank=True, help_text="IANA zone named by the export, if any (e.g. from account-timezone.js)."
    )
    follower_count = models.PositiveIntegerField(null=True, blank=True)
    following_count = models.PositiveIntegerField(null=True, blank=True)

    posts_read = models.PositiveIntegerField(default=0, help_text="Progress while importing.")
    summary = models.JSONField(default=dict, blank=True)
    error_message = models.TextField(blank=True, help_text="What the client is told.")
    error_detail = models.TextField(blank=True, help_text="The technical cause, for staff.")

    created_at = models.DateTimeField(auto_now_add=True)
    import_started_at = models.DateTimeField(null=True, blank=True)
    import_claimed_by = models.CharField(
        max_length=100, blank=True, help_text="Who runs the import (e.g. an order); only they may resume it."
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    upload_removed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the uploaded file was deleted (its posts are kept for the report)."
    )

    class Meta:
        verbose_name_plural = "post histories"
        ordering = ("-created_at",)
        indexes = [
            models.Index(fields=["owner", "sha256"], name="history_owner_sha256"),
            models.Index(
                fields=["created_at"],
                name="history_unfinished",
                condition=models.Q(status__in=["pending", "importing"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"


class Post(models.Model):
    """One post of the author's, normalised (see `profiles.ingest.records.NormalisedPost`)."""

    class Kind(models.TextChoices):
        ORIGINAL = PostKind.ORIGINAL.value, "original"
        REPLY = PostKind.REPLY.value, "reply"
        REPOST = PostKind.REPOST.value, "repost"
        QUOTE = PostKind.QUOTE.value, "quote"

    # No index of its own: both indexes below start with history, and one index fewer
    # to maintain is a tenth of an import's time on PostgreSQL.
    history = models.ForeignKey(PostHistory, on_delete=models.CASCADE, related_name="posts", db_index=False)
    platform = models.CharField(max_length=16)
    external_id = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    text = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reply_to_post_id = models.CharField(max_length=200, blank=True)
    reply_to_account_id = models.CharField(max_length=200, blank=True)
    reply_to_handle = models.CharField(max_length=200, blank=True)
    is_self_reply = models.BooleanField(default=False)
    mentions = models.JSONField(default=list, blank=True)
    hashtags = models.JSONField(default=list, blank=True)
    urls = models.JSONField(default=list, blank=True)
    likes = models.PositiveIntegerField(null=True, blank=True)
    reposts = models.PositiveIntegerField(null=True, blank=True)
    client = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            # Re-importing an export, or a retried import task, upserts instead of duplicating.
            models.UniqueConstraint(fields=["history", "platform", "external_id"], name="post_unique_in_history"),
        ]
        indexes = [
            # The analysis reads a history in time order, in chunks (keyset on created_at, id).
            models.Index(fields=["history", "created_at", "id"], name="post_history_time"),
        ]

    def __str__(self) -> str:
        return f"{self.platform} {self.external_id}"


class AccountLink(models.Model):
    """A follower or followed account of the author's, by id (X archives give ids only)."""

    class Direction(models.TextChoices):
        FOLLOWER = "follower", "follows the author"
        FOLLOWING = "following", "followed by the author"

    history = models.ForeignKey(PostHistory, on_delete=models.CASCADE, related_name="account_links")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    account_id = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["history", "direction", "account_id"], name="account_link_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.account_id}"


class HistoryProfile(models.Model):
    """One run of the profiling engine over an imported history, with the user's settings.

    `result` is the JSON profile (profiles.analysis.Profile.as_dict(), docs/metrics.md); it is
    written once, when the run succeeds. Progress (`posts_analysed` of `posts_total`) is
    updated while chunks finish, for the order page.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be analysed"
        ANALYSING = "analysing", "analysing"
        READY = "ready", "ready"
        FAILED = "failed", "analysis failed"

    history = models.ForeignKey(PostHistory, on_delete=models.CASCADE, related_name="profiles")
    timezone = models.CharField(max_length=64, blank=True, help_text="IANA zone the user gave; empty: the export's.")
    working_hours = models.CharField(max_length=200, default="Mon-Fri 09:00-17:00")
    # The client's role and goals in their words: the engine words and ranks its advice by them.
    role = models.CharField(max_length=200, blank=True)
    goals = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    posts_total = models.PositiveIntegerField(default=0)
    posts_analysed = models.PositiveIntegerField(default=0)
    chunks_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error_message = models.TextField(blank=True, help_text="What the client is told.")
    error_detail = models.TextField(blank=True, help_text="The technical cause, for staff.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(posts_analysed__lte=models.F("posts_total")),
                name="profile_progress_within_total",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="profile_unfinished",
                condition=models.Q(status__in=["pending", "analysing"]),
            ),
        ]

    def __str__(self) -> str:
        return f"profile of {self.history} ({self.get_status_display()})"


class TaskDelivery(models.Model):
    """How often the broker has handed one task run to a worker (`profiles.task_base`).

    A run is one Celery task id at one retry; the row is written before the task's body runs and
    removed when the body returns or raises, so a row that outlives its run means a worker died
    under it (killed for memory, or the machine went away) and the broker is delivering it again.
    `order_id` and `profile_id` are copied from the task's arguments, when it has them, so that
    the order page can say that the order's worker stopped.
    """

    run_key = models.CharField(max_length=200, unique=True, help_text="The Celery task id and retry number.")
    task_name = models.CharField(max_length=200)
    order_id = models.BigIntegerField(null=True, blank=True)
    profile_id = models.BigIntegerField(null=True, blank=True)
    deliveries = models.PositiveSmallIntegerField(default=0)
    last_delivered_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["order_id"], name="delivery_order"),
            models.Index(fields=["profile_id"], name="delivery_profile"),
        ]

    def __str__(self) -> str:
        return f"{self.task_name} ({self.run_key}): {self.deliveries} deliveries"


class VoiceCorrection(models.Model):
    """A coach's judgement of one post's voice, replacing the analysis's label wherever the report
    shows that post. One per post; each change is kept in its history (who, when, which label)."""

    class Label(models.TextChoices):
        PERSONAL = "personal", "personal"
        MIXED = "mixed", "mixed"
        CORPORATE = "corporate", "corporate"
        UNKNOWN = "unknown", "unknown"

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="voice_correction")
    label = models.CharField(max_length=10, choices=Label.choices)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    corrected_at = models.DateTimeField()
    # The analysis's label of the post when it was corrected, and the voice model that gave it
    # (`voice.model_version`): the report moves the post from this label to the coach's in its
    # voice shares. Empty when the analysis did not read the post (a repost, not English) or its
    # label could not be known; such a correction changes the post's label only.
    analysis_label = models.CharField(max_length=10, choices=Label.choices, blank=True)
    analysis_model = models.CharField(max_length=40, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.post}: {self.label}"
