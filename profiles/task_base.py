"""The one base class of every Voiceprint Celery task (both apps', chunk tasks included).

Like pretix's `ProfiledTask`, it is the single place for what every task needs: transient
database and broker errors are retried with exponential backoff and jitter, a bounded number of
times; anything else, or the last retry's error, fails the task, and the error callback of its
chain (`link_error`) then fails the order or profile with the failed step's message.

A later guard on redelivery (a task whose worker died N times fails its order instead of running
again) belongs in `WorkflowTask.__call__`: every task passes through it before its body runs, and
an exception raised there travels to the same error callback.
"""

from __future__ import annotations

from celery import Task
from django.db import InterfaceError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

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
