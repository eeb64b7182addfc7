"""The one base class of every Voiceprint Celery task (both apps', chunk tasks included).

Like pretix's `ProfiledTask`, it is the single place for what every task needs: transient
database and broker errors are retried with exponential backoff and jitter, a bounded number of
times; anything else, or the last retry's error, fails the task, and the error callback of its
chain (`link_error`) then fails the order or profile with the failed step's message.

It also stops crash loops. Tasks are acknowledged late, so a task whose worker died (the kernel
killed it for memory, the machine went away) is delivered again. `__call__` counts the deliveries
of each run in the database (`TaskDelivery`) before the body runs: a run delivered more than
TASK_MAX_WORKER_DEATHS times has stopped its worker that often, so instead of running it again it
raises `WorkerLostTooOften`, which fails the task (it is acknowledged, not re-run) and reaches the
chain's error callback like any other failure: the order fails with a reason.
"""

from __future__ import annotations

import inspect
import logging
from datetime import datetime
from typing import Any

from celery import Task
from django.conf import settings
from django.db import InterfaceError
from django.db import OperationalError as DatabaseOperationalError
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from profiles.models import TaskDelivery

logger = logging.getLogger(__name__)

# Errors worth another try: the database went away or was briefly locked, the broker (or Redis
# as result backend) was unreachable for a moment.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    DatabaseOperationalError,
    InterfaceError,
    BrokerOperationalError,
    RedisConnectionError,
    RedisTimeoutError,
)
MAX_RETRIES = 5
# 2, 4, 8, 16, 32 s before jitter (retry_jitter draws each wait from 0 to that): together long
# enough for a database restart to finish; the jitter stops chunk tasks retrying in lockstep.
RETRY_BACKOFF_SECONDS = 2
RETRY_BACKOFF_MAX_SECONDS = 60


class WorkflowTask(Task):
    """Retries transient errors with backoff; everything else fails forward to `link_error`."""

    autoretry_for = TRANSIENT_ERRORS
    max_retries = MAX_RETRIES
    retry_backoff = RETRY_BACKOFF_SECONDS
    retry_backoff_max = RETRY_BACKOFF_MAX_SECONDS
    retry_jitter = True

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        run_key = self._run_key()
        if run_key is None:
            # Called as a plain function (tests, the in-process run): no broker, nothing to count.
            return super().__call__(*args, **kwargs)
        try:
            deliveries = delivery_count(
                run_key=run_key, task_name=self.name, subject=self._subject(args, kwargs), now=timezone.now()
            )
        except TRANSIENT_ERRORS as error:
            # Outside `run`, so autoretry_for does not see it: the database blinked before the body
            # began; try the whole run again, later, as the body's own transient errors are.
            raise self.retry(exc=error, countdown=RETRY_BACKOFF_SECONDS) from error
        if deliveries > settings.TASK_MAX_WORKER_DEATHS:
            raise WorkerLostTooOften(self.name, deliveries - 1)
        return super().__call__(*args, **kwargs)

    def after_return(  # noqa: PLR0917 - Celery calls it with these, positionally
        self, status: str, retval: Any, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        # The body returned or raised: this run is over, whatever comes next (a retry is a run of its own).
        run_key = self._run_key()
        if run_key is not None:
            try:
                TaskDelivery.objects.filter(run_key=run_key).delete()
            except TRANSIENT_ERRORS:
                # The task's outcome stands; the stale row only says, if the broker ever delivers
                # this run again (it will not: it is acknowledged), that its worker died once.
                logger.warning("could not forget the deliveries of %s (%s)", self.name, run_key, exc_info=True)
        super().after_return(status, retval, task_id, args, kwargs, einfo)

    def _run_key(self) -> str | None:
        request = self.request
        if request.id is None or request.called_directly or request.is_eager:
            return None
        return f"{request.id}:{request.retries or 0}"

    def _subject(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, int | None]:
        """The order and profile this run works for, read from its arguments by their names."""
        try:
            bound = inspect.signature(self.run).bind_partial(*args, **kwargs).arguments
        except TypeError:
            return {"order_id": None, "profile_id": None}
        return {
            name: value if isinstance(value := bound.get(name), int) else None for name in ("order_id", "profile_id")
        }


class WorkerLostTooOften(Exception):
    """A task run was delivered again after its worker died TASK_MAX_WORKER_DEATHS times."""

    def __init__(self, task_name: str, worker_deaths: int) -> None:
        # The arguments as given, so that the exception pickles (Celery stores it as the result).
        super().__init__(task_name, worker_deaths)
        self.task_name = task_name
        self.worker_deaths = worker_deaths

    def __str__(self) -> str:
        return (
            f"{self.task_name} stopped its worker {self.worker_deaths} times (killed for memory, or the worker "
            "went away); not run again"
        )


def delivery_count(*, run_key: str, task_name: str, subject: dict[str, int | None], now: datetime) -> int:
    """Record one more delivery of a task run and return how many there have been.

    The row is created, then incremented in one UPDATE, each committed at once (autocommit): a
    worker that dies a moment later must not take the count with it, and two deliveries of one
    run (a broker's duplicate) must both be counted.
    """
    TaskDelivery.objects.get_or_create(
        run_key=run_key, defaults={"task_name": task_name, "last_delivered_at": now, **subject}
    )
    TaskDelivery.objects.filter(run_key=run_key).update(deliveries=F("deliveries") + 1, last_delivered_at=now)
    return TaskDelivery.objects.values_list("deliveries", flat=True).get(run_key=run_key)
