"""A task that keeps killing its worker is stopped: each delivery of a run is counted before its body
runs, and the delivery after the third death fails the order with a reason instead of a fourth run.

Deliveries are made as a worker makes them (Celery's tracer, with the order chain's error callback
in the request); a worker that died is one whose delivery never reached the end of the task, so
its count stays. The same through a real worker on Redis is in tests/profiles/test_faults.py.
"""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from celery.app.trace import build_tracer
from django.utils import timezone

from coaching import services, workflow
from coaching.models import Order
from profiles.models import PostHistory, TaskDelivery
from profiles.task_base import WorkerLostTooOften
from tests.coaching.test_orders import archive_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def received_order(tmp_path) -> Order:
    return services.order_create(
        client=UserFactory(), upload=io.BytesIO(archive_bytes(tmp_path, posts=30, seed=8)),
        original_name="twitter-2024-03-01.zip", product=Order.Product.SELF_SERVE, timezone_name="Europe/London",
        working_hours="Mon-Fri 09:00-17:00", consent=True,
    )  # fmt: skip


def request_of(run_id: str, order_id: int) -> dict:
    return {"id": run_id, "retries": 0, "errbacks": [dict(workflow.order_failed.s(order_id))], "delivery_info": {}}


def delivery_that_dies(task, run_id: str, order_id: int) -> None:
    """A delivery whose worker is killed before the task returns: the count is taken on the way in
    and the body runs, but nothing after it does (no result, no after_return, no acknowledgement).
    The kill comes before the import commits: what it leaves is a received order and its history."""
    task.push_request(**request_of(run_id, order_id), called_directly=False)
    try:
        task(order_id)
    finally:
        task.pop_request()
    order = Order.objects.get(pk=order_id)
    order.history.posts.all().delete()
    PostHistory.objects.filter(pk=order.history_id).update(status=PostHistory.Status.PENDING, posts_read=0)
    Order.objects.filter(pk=order_id).update(stage=Order.Stage.RECEIVED)


def delivery(task, run_id: str, order_id: int):
    """A delivery run to its end, as a worker runs it: body, result, callbacks, after_return."""
    tracer = build_tracer(task.name, task, eager=False, propagate=False, app=task.app)
    return tracer(run_id, (order_id,), {}, request_of(run_id, order_id))


def test_it_fails_the_order_with_a_reason_on_the_delivery_after_three_deaths(tmp_path):
    order = received_order(tmp_path)
    run_id = str(uuid.uuid4())
    for _ in range(3):
        delivery_that_dies(workflow.import_order, run_id, order.pk)
    assert TaskDelivery.objects.get(run_key=f"{run_id}:0").deliveries == 3

    outcome = delivery(workflow.import_order, run_id, order.pk)

    order.refresh_from_db()
    assert isinstance(outcome.retval.exception, WorkerLostTooOften)
    assert order.stage == Order.Stage.FAILED
    assert order.error_message.startswith("Reading your file stopped the worker processing it three times")
    assert "coaching.import_order stopped its worker 3 times" in order.error_detail
    assert order.history.status == PostHistory.Status.FAILED
    assert not order.history.posts.exists()  # the fourth delivery never ran the import: no posts, no claim
    assert not TaskDelivery.objects.exists()  # the run is over: it was acknowledged as failed


def test_a_run_that_finishes_leaves_no_count_and_a_retry_counts_afresh(tmp_path):
    order = received_order(tmp_path)
    run_id = str(uuid.uuid4())
    delivery_that_dies(workflow.import_order, run_id, order.pk)
    delivery_that_dies(workflow.import_order, run_id, order.pk)

    outcome = delivery(workflow.import_order, run_id, order.pk)

    order.refresh_from_db()
    assert outcome.retval == "imported"
    assert order.stage == Order.Stage.IMPORTING
    assert order.history.posts.count() == 30
    assert not TaskDelivery.objects.exists()


def test_the_count_names_the_order_and_profile_from_the_tasks_arguments(tmp_path):
    order = received_order(tmp_path)
    delivery_that_dies(workflow.import_order, "run-a", order.pk)

    row = TaskDelivery.objects.get()
    assert (row.task_name, row.order_id, row.profile_id, row.deliveries) == ("coaching.import_order", order.pk, None, 1)


def test_the_order_page_says_a_worker_stopped_while_its_task_waits_and_once_it_runs_again(tmp_path):
    order = received_order(tmp_path)
    delivery_that_dies(workflow.import_order, "run-b", order.pk)
    assert services.order_progress(order).message == "Your order is received."  # it may still be running

    TaskDelivery.objects.update(last_delivered_at=timezone.now() - timedelta(hours=1))
    assert services.order_progress(order).message.startswith(
        "The worker processing your order stopped. Your order will be restarted automatically"
    )

    delivery_that_dies(workflow.import_order, "run-b", order.pk)
    assert services.order_progress(order).message.startswith(
        "The worker processing your order stopped once; it was restarted automatically"
    )


def test_a_failed_order_that_stopped_its_worker_keeps_no_upload(tmp_path, django_capture_on_commit_callbacks):
    order = received_order(tmp_path)
    upload = Path(order.history.upload.path)
    for _ in range(3):
        delivery_that_dies(workflow.import_order, "run-c", order.pk)
    with django_capture_on_commit_callbacks(execute=True):
        delivery(workflow.import_order, "run-c", order.pk)

    assert Order.objects.get(pk=order.pk).stage == Order.Stage.FAILED
    assert not upload.exists()
