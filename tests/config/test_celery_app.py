"""The Celery app's reliability options, and a task run through a real worker."""

from __future__ import annotations

import pytest

from config.celery import app, ping


def test_tasks_survive_a_worker_crash_and_speak_json_only():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0


def test_tests_never_run_tasks_eagerly():
    assert app.conf.task_always_eager is False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_task_makes_the_round_trip_through_broker_and_worker(celery_worker_process):
    result = ping.delay()

    assert result.get(timeout=10) == "pong"
    assert result.status == "SUCCESS"
