"""Post histories: storing an upload, importing it, and the import's failure.

The parsing itself is `profiles.ingest` (no Django); this module moves its output into the
database, in batches, idempotently. The owner is whatever `settings.AUTH_USER_MODEL` is: this
app does not know the coaching app.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import time
import traceback
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import IO

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from profiles.ingest import HistoryFormatError, HistorySource, Limits, NormalisedPost, coverage_lines, open_history
from profiles.ingest.records import AccountInfo
from profiles.models import AccountLink, PostHistory
from profiles.post_writer import BackgroundWriter, upsert_posts

logger = logging.getLogger(__name__)

# Rows per INSERT … ON CONFLICT: large enough to amortise the round trip, small enough to
# keep each transaction short (the order page reads progress between batches).
BATCH_SIZE = 5000
GENERIC_FAILURE = (
    "Something went wrong on our side while reading your file. We have been notified; please try again later."
)


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


@transaction.atomic
def history_create(*, owner: AbstractBaseUser | None, upload: IO[bytes], original_name: str) -> PostHistory:
    """Store an uploaded file as a new history waiting to be imported.

    If the same owner already has a history of the very same file (same SHA-256), that one
    is returned instead: uploading an export twice does not store its posts twice.
    """
    digest = _sha256(upload)
    existing = PostHistory.objects.filter(owner=owner, sha256=digest).exclude(status=PostHistory.Status.FAILED).first()
    if existing is not None:
        return existing
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    history = PostHistory(owner=owner, original_name=Path(original_name).name[:255], size_bytes=size, sha256=digest)
    # A random stored name: the uploader's file name is only ever displayed, never used as a path.
    history.upload.save(f"{uuid.uuid4().hex}.upload", File(upload), save=False)
    history.save()
    return history


def history_create_from_path(*, owner: AbstractBaseUser | None, path: Path) -> PostHistory:
    with path.open("rb") as handle:
        return history_create(owner=owner, upload=handle, original_name=path.name)


def _store_account(history: PostHistory, account: AccountInfo) -> None:
    history.platform = account.platform.value
    history.account_id = account.account_id
    history.handle = account.handle
    history.display_name = account.display_name
    history.archive_timezone = account.timezone
    history.follower_count = len(account.follower_ids) if account.follower_ids is not None else None
    history.following_count = len(account.following_ids) if account.following_ids is not None else None
    for direction, ids in (
        (AccountLink.Direction.FOLLOWER, account.follower_ids),
        (AccountLink.Direction.FOLLOWING, account.following_ids),
    ):
        if ids:
            AccountLink.objects.bulk_create(
                (AccountLink(history=history, direction=direction, account_id=i) for i in sorted(ids)),
                batch_size=BATCH_SIZE,
                ignore_conflicts=True,
            )


@transaction.atomic
def _discard_partial_import(history: PostHistory) -> None:
    history.posts.all().delete()
    history.account_links.all().delete()


@dataclass(frozen=True)
class ImportOutcome:
    history: PostHistory
    imported_now: bool


def import_limits() -> Limits:
    """The bounds an upload is checked against, from settings."""
    return Limits(
        max_upload_bytes=settings.HISTORY_UPLOAD_MAX_BYTES,
        max_uncompressed_bytes=settings.HISTORY_UNPACKED_MAX_BYTES,
    )


class ImportInProgress(Exception):
    """Another claimant is importing this history right now: wait for it rather than import it twice."""


def history_import(
    *, history_id: int, batch_size: int = BATCH_SIZE, limits: Limits | None = None, claimant: str = ""
) -> ImportOutcome:
    """Import a stored history's posts. Idempotent and safe to run again after a crash.

    Claims the history with a compare-and-set on its status, so a history that is already
    imported is left alone. One that is importing is resumed only by its own `claimant` (an
    order's task delivered again after its worker died), or by anyone once the import is older
    than any task may run (CELERY_TASK_TIME_LIMIT); another claimant gets `ImportInProgress`, so
    the same file ordered twice at once is imported once. Posts are upserted in batches (each its
    own transaction, so the progress count is visible while the import runs); if the file turns out to be unreadable
    part-way, everything this import wrote is removed and the history is marked failed
    with a message for the client. So is a file the importer itself chokes on (RecursionError,
    MemoryError, any other exception raised while reading it): retrying cannot help, so it
    fails at once, the cause kept in `error_detail` for staff. Errors from storing the posts
    propagate after the same clean-up, so that a task can retry the transient ones.
    """
    now = timezone.now()
    abandoned = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimable = Q(status__in=[PostHistory.Status.PENDING, PostHistory.Status.FAILED]) | Q(
        Q(import_claimed_by=claimant) | Q(import_started_at__lt=abandoned), status=PostHistory.Status.IMPORTING
    )
    claimed = PostHistory.objects.filter(claimable, pk=history_id).update(
        status=PostHistory.Status.IMPORTING,
        import_started_at=now,
        import_claimed_by=claimant,
        error_message="",
        error_detail="",
    )
    history = PostHistory.objects.get(pk=history_id)
    if not claimed:
        if history.status == PostHistory.Status.IMPORTING:
            raise ImportInProgress(
                f"history {history_id} is being imported by {history.import_claimed_by or 'another run'}"
            )
        return ImportOutcome(history=history, imported_now=False)

    started = time.monotonic()
    try:
        with ExitStack() as cleanup:
            with _importer_failures(history.original_name):
                source = cleanup.enter_context(
                    open_history(
                        Path(history.upload.path), label=history.original_name, limits=limits or import_limits()
                    )
                )
                account, history.format = source.account, source.format
            _store_account(history, account)
            history.save(update_fields=_ACCOUNT_FIELDS)
            # The one reading of a history (profiles.ingest.reading): repeats merged, self-replies marked.
            read = _store_posts(history, _read_posts(source, history.original_name), batch_size)
            report = source.report
    except HistoryFormatError as error:
        _discard_partial_import(history)
        _fail(history, message=error.message, detail=error.detail or error.message)
        return ImportOutcome(history=history, imported_now=False)
    except ImporterFailure as failure:
        _discard_partial_import(history)
        logger.error("history %s: the importer failed on its file", history.pk, exc_info=failure.__cause__)
        _fail(history, message=failure.message, detail=failure.detail)
        return ImportOutcome(history=history, imported_now=False)
    except Exception as error:
        _discard_partial_import(history)
        _fail(history, message=GENERIC_FAILURE, detail=f"{type(error).__name__}: {error}")
        raise

    stored = history.posts.count()
    history.summary = {
        **report.as_dict(),
        "posts_stored": stored,
        # records_merged under the name older histories' summaries carry (import_history reads either).
        "duplicates_merged": report.records_merged,
        "coverage": coverage_lines(report),
        "seconds": round(time.monotonic() - started, 2),
    }
    history.posts_read = read
    history.status = PostHistory.Status.IMPORTED
    history.imported_at = timezone.now()
    history.save(update_fields=["summary", "posts_read", "status", "imported_at"])
    logger.info("history %s imported: %s posts in %.1f s", history.pk, stored, history.summary["seconds"])
    return ImportOutcome(history=history, imported_now=True)


class ImporterFailure(Exception):
    """The importer raised something other than HistoryFormatError while reading a file."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


def _importer_failure_message(label: str, error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return (
            f"{label} is nested too deeply for Voiceprint to read; no export from a platform is. Upload the file "
            "exactly as the platform exported it."
        )
    if isinstance(error, MemoryError):
        return (
            f"{label} needs more memory to read than any post history does. Upload the file exactly as the "
            "platform exported it; if it is, contact us."
        )
    return (
        f"Voiceprint could not read {label}: it holds something our importer did not expect. We have been "
        "notified. Check that it is the file exactly as the platform exported it and upload it again."
    )


@contextmanager
def _importer_failures(label: str) -> Iterator[None]:
    """Turn what the importer raises, other than HistoryFormatError, into an ImporterFailure.

    The same file would fail the same way on every retry, and an error that escaped the task
    would leave its order "importing" until the watchdog gave up hours later.
    """
    try:
        yield
    except (HistoryFormatError, SoftTimeLimitExceeded):
        raise  # a clear refusal already; or the task's time running out, which is not the file's doing
    except Exception as error:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        detail = f"{type(error).__name__}: {str(error)[:500]} (at {Path(frame.filename).name}:{frame.lineno})"
        raise ImporterFailure(_importer_failure_message(label, error), detail) from error


def _read_posts(source: HistorySource, label: str) -> Iterator[NormalisedPost]:
    """The source's posts; what the importer raises while reading them becomes an ImporterFailure."""
    with _importer_failures(label):
        yield from source.posts()


_ACCOUNT_FIELDS = [
    "format",
    "platform",
    "account_id",
    "handle",
    "display_name",
    "archive_timezone",
    "follower_count",
    "following_count",
]


def _store_posts(history: PostHistory, posts: Iterable[NormalisedPost], batch_size: int) -> int:
    # The overlapped writer needs a connection of its own, whose writes an enclosing
    # transaction could not see: only outside one, and only where it pays (PostgreSQL).
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        return _store_posts_overlapped(history, posts, batch_size)
    read = 0
    batch: list[NormalisedPost] = []
    for post in posts:
        batch.append(post)
        if len(batch) >= batch_size:
            upsert_posts(history.pk, batch)
            read += len(batch)
            batch = []
            PostHistory.objects.filter(pk=history.pk).update(posts_read=read)
    if batch:
        upsert_posts(history.pk, batch)
        read += len(batch)
    return read


def _store_posts_overlapped(history: PostHistory, posts: Iterable[NormalisedPost], batch_size: int) -> int:
    def report_progress(written: int) -> None:
        PostHistory.objects.filter(pk=history.pk).update(posts_read=written)

    read = 0
    stream = iter(posts)
    with BackgroundWriter(history.pk, on_written=report_progress) as writer:
        while batch := list(itertools.islice(stream, batch_size)):
            writer.write(batch)
            read += len(batch)
    return read


def _fail(history: PostHistory, *, message: str, detail: str) -> None:
    history.status = PostHistory.Status.FAILED
    history.error_message = message
    history.error_detail = detail
    history.posts_read = 0
    history.save(update_fields=["status", "error_message", "error_detail", "posts_read"])
    logger.warning("history %s failed to import: %s", history.pk, detail)


def history_upload_remove(*, history_id: int) -> bool:
    """Delete a history's uploaded file, once its rows say so; True when a file went.

    The file goes first: a crash between the two leaves a row still unmarked, which the retention
    task's next run deletes again (deleting a missing file is no error), never a file no row names.
    Posts already imported stay (a report may use them).
    """
    history = PostHistory.objects.get(pk=history_id)
    if history.upload_removed_at is not None or not history.upload:
        return False
    history.upload.delete(save=False)
    PostHistory.objects.filter(pk=history_id).update(upload_removed_at=timezone.now())
    logger.info("history %s: uploaded file removed", history_id)
    return True


def history_fail(*, history_id: int, message: str, detail: str) -> None:
    """Mark a history failed from outside an import (e.g. when a task gives up retrying)."""
    history = PostHistory.objects.get(pk=history_id)
    _discard_partial_import(history)
    _fail(history, message=message, detail=detail)
