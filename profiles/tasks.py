"""Celery tasks for post histories: thin wrappers that take ids and call a service."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from celery import Task, chord, shared_task, signature
from django.db import InterfaceError, OperationalError

from profiles import services
from profiles.analysis import features_from_rows, features_to_rows

# Errors worth another try: the database went away or was briefly locked.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_RETRIES = 5


@shared_task(bind=True, name="profiles.import_history", max_retries=MAX_RETRIES)
def import_history(self: Task, history_id: int) -> str:
    """Import the history's posts; returns the history's status afterwards."""
    try:
        outcome = services.history_import(history_id=history_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= MAX_RETRIES:
            services.history_fail(
                history_id=history_id,
                message=services.GENERIC_FAILURE,
                detail=f"gave up after {MAX_RETRIES} retries: {type(error).__name__}: {error}",
            )
            raise
        # 2, 4, 8, 16, 32 seconds: long enough for a database restart to finish.
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error
    return outcome.history.status


@shared_task(bind=True, name="profiles.analyse_history", max_retries=MAX_RETRIES)
def analyse_history(
    self: Task, profile_id: int, chunk_posts: int = services.ANALYSIS_CHUNK_POSTS, then: dict | None = None
) -> str:
    """Analyse a history: in this task when it fits one chunk, else as a chord of chunk tasks.

    `then`, a task signature, runs once the profile is ready (not if the analysis failed).
    """
    try:
        chunks = services.profile_start(profile_id=profile_id, chunk_posts=chunk_posts)
    except TRANSIENT_ERRORS as error:
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error
    if chunks is None:
        return "not claimed"
    if len(chunks) == 1:
        offset, limit = chunks[0]
        rows = analyse_history_chunk.run(profile_id, offset, limit)
        assemble_history_profile.run([rows], profile_id)
        if then:
            signature(then).delay()
        return "ready"
    callback = assemble_history_profile.s(profile_id)
    chord(analyse_history_chunk.s(profile_id, offset, limit) for offset, limit in chunks)(
        callback | signature(then) if then else callback
    )
    return f"{len(chunks)} chunks queued"


@shared_task(name="profiles.analyse_history_chunk")
def analyse_history_chunk(profile_id: int, offset: int, limit: int) -> list[list[object]]:
    """The features of one chunk of posts, as JSON rows for the chord's callback."""
    with _failing_profile(profile_id, step=f"chunk at {offset}"):
        return features_to_rows(services.profile_features(profile_id=profile_id, offset=offset, limit=limit))


@shared_task(name="profiles.assemble_history_profile")
def assemble_history_profile(chunk_rows: list[list[list[object]]], profile_id: int) -> str:
    """Join the chunks' features in order and compute the profile."""
    with _failing_profile(profile_id, step="assembling"):
        features = [feature for rows in chunk_rows for feature in features_from_rows(rows)]
        return services.profile_complete(profile_id=profile_id, features=features).status


@contextmanager
def _failing_profile(profile_id: int, *, step: str) -> Iterator[None]:
    """Mark the profile failed, with what broke, before the error reaches Celery."""
    try:
        yield
    except Exception as error:
        services.profile_fail(
            profile_id=profile_id, message=services.ANALYSIS_FAILURE, detail=f"{step}: {type(error).__name__}: {error}"
        )
        raise
