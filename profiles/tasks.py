"""Celery tasks for post histories: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError

from profiles import services

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
