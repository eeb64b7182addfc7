"""The Celery application.

Configuration comes from Django settings (every `CELERY_*` name), so the web process and
the workers always agree on broker, queues and reliability options. Start a worker with
`celery -A config worker`; start more of them, on more machines, to scale out.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("voiceprint")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Tasks live in each app's workflow module, beside the sequence that queues them.
app.autodiscover_tasks(related_name="workflow")


@app.on_after_configure.connect
def _create_filesystem_broker_folders(sender: Celery, **kwargs: Any) -> None:
    # kombu's filesystem transport lists its folders without creating them, so a fresh
    # checkout would fail on its first message; create them before any connection is made.
    if not str(sender.conf.broker_url).startswith("filesystem://"):
        return
    options = sender.conf.broker_transport_options
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        Path(options[key]).mkdir(parents=True, exist_ok=True)


@worker_process_init.connect
def _limit_worker_memory(**kwargs: Any) -> None:
    """Cap each pool process's address space at CELERY_WORKER_MEMORY_LIMIT_MB (RLIMIT_AS).

    A task that outgrows it gets MemoryError, which fails its order with a message, and the
    process lives on; without it the kernel's OOM killer ends the worker and, with late
    acknowledgement, the task comes straight back. Set in the pool process only, after the fork,
    so the parent that supervises the pool keeps running whatever a task does.
    """
    from django.conf import settings  # noqa: PLC0415 - read once Django is set up in the process

    limit_mb = settings.CELERY_WORKER_MEMORY_LIMIT_MB
    if limit_mb:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = limit_mb * 1024**2 if hard == resource.RLIM_INFINITY else min(limit_mb * 1024**2, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@app.task(name="voiceprint.ping", acks_late=False, expires=30)
def ping() -> str:
    """Answer "pong": the smallest round trip through broker, worker and result backend.

    /healthz sends it to prove that a worker is consuming the queue right now. It is not
    acknowledged late because re-running a lost ping would answer nobody.
    """
    return "pong"
