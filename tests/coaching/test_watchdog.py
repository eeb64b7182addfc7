"""The watchdog: orders stuck in a working stage are started again, then failed with a reason."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from coaching import services
from coaching.models import Order
from coaching.workflow import orders_unstick, unstick_orders
from profiles.models import HistoryProfile
from tests.coaching.test_orders import archive_bytes
from tests.factories import UserFactory
from tests.profiles.waiting import wait_until_settled


def placed_order(tmp_path) -> Order:
    return services.order_create(
        client=UserFactory(), upload=io.BytesIO(archive_bytes(tmp_path, posts=30, seed=4)), original_name="a.zip",
        product=Order.Product.SELF_SERVE, timezone_name="Europe/London", working_hours="Mon-Fri 09:00-17:00",
        consent=True,
    )  # fmt: skip


def hours_later(hours: float):
    return timezone.now() + timedelta(hours=hours)


@pytest.mark.django_db
def test_an_order_working_within_the_limit_is_left_alone(tmp_path):
    order = placed_order(tmp_path)

    assert orders_unstick(now=hours_later(1)) == {"restarted": 0, "failed": 0}
    order.refresh_from_db()
    assert (order.stage, order.requeue_count) == (Order.Stage.RECEIVED, 0)


@pytest.mark.django_db
def test_an_order_stuck_analysing_gets_a_fresh_analysis(tmp_path, django_capture_on_commit_callbacks):
    order = placed_order(tmp_path)
    services.order_import(order_id=order.pk)
    stuck_profile = services.order_start_analysis(order_id=order.pk)

    with django_capture_on_commit_callbacks() as enqueued:
        outcome = orders_unstick(now=hours_later(2))

    order.refresh_from_db()
    assert outcome == {"restarted": 1, "failed": 0}
    assert order.stage == Order.Stage.ANALYSING
    assert order.profile_id != stuck_profile.pk
    assert order.profile.status == HistoryProfile.Status.PENDING
    assert order.requeue_count == 1
    assert len(enqueued) == 1  # its analysis, sent once the restart is committed


@pytest.mark.django_db
def test_after_its_last_restart_a_stuck_order_fails_with_a_reason_staff_see(tmp_path, settings):
    order = placed_order(tmp_path)
    for restart in range(1, settings.ORDER_MAX_RESTARTS + 1):
        orders_unstick(now=hours_later(2 * restart))

    outcome = orders_unstick(now=hours_later(2 * (settings.ORDER_MAX_RESTARTS + 1)))

    order.refresh_from_db()
    assert outcome == {"restarted": 0, "failed": 1}
    assert order.stage == Order.Stage.FAILED
    assert order.error_message == services.STUCK_MESSAGE
    assert order.error_detail.startswith("watchdog: still received at ")
    assert f"after {settings.ORDER_MAX_RESTARTS} restarts" in order.error_detail


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker_process")
def test_an_order_whose_message_was_lost_is_restarted_by_the_watchdog_and_delivered(tmp_path, settings):
    order = placed_order(tmp_path)  # never started: as if its message never reached a worker
    placed = timezone.now() - timedelta(minutes=settings.ORDER_STUCK_MINUTES + 1)
    Order.objects.filter(pk=order.pk).update(created_at=placed)

    assert unstick_orders.delay().get(timeout=30) == {"restarted": 1, "failed": 0}

    order = wait_until_settled(Order, order.pk, {"delivered", "failed"}, timeout=60, field="stage")
    assert order.stage == Order.Stage.DELIVERED
    assert order.requeue_count == 1
