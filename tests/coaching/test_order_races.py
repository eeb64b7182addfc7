"""Concurrent submits cannot beat the hourly order limit, and one file ordered twice at once is
imported once, as one history.

With threads against PostgreSQL where DATABASE_URL points at it; on SQLite, which lets one
transaction write at a time, the same submits one after another (the threads are skipped there).
"""

from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from coaching import services
from coaching.models import Order
from profiles import services as profile_services
from profiles.models import PostHistory
from tests.coaching.test_orders import archive_bytes, place_order
from tests.factories import UserFactory

LIMIT = 15


def in_threads(count: int, submit) -> list[BaseException | Order]:
    """Run `submit` in `count` threads released together; what each returned or raised."""
    start = threading.Barrier(count)
    outcomes: list[BaseException | Order] = []

    def run() -> None:
        try:
            start.wait()
            outcomes.append(submit())
        except BaseException as error:  # noqa: BLE001 - collected for the assertions
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(f"concurrent writers need PostgreSQL (the database is {connection.vendor})")


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_orders_over_a_limit_of_fifteen_refuse_the_extra_one(tmp_path, settings):
    needs_postgresql()
    settings.ORDERS_PER_HOUR = LIMIT
    client = UserFactory()
    archive = archive_bytes(tmp_path, posts=10, seed=2)

    outcomes = in_threads(LIMIT + 1, lambda: place_order(client, tmp_path, upload=io.BytesIO(archive)))

    refused = [outcome for outcome in outcomes if isinstance(outcome, services.OrderError)]
    assert len(refused) == 1, outcomes
    assert "You have placed 15 orders in the last hour" in refused[0].message
    assert Order.objects.filter(client=client).count() == LIMIT
    assert PostHistory.objects.filter(owner=client).count() == 1  # the same file: one history


@pytest.mark.django_db
def test_sixteen_orders_one_after_another_over_a_limit_of_fifteen_refuse_the_extra_one(tmp_path, settings):
    settings.ORDERS_PER_HOUR = LIMIT
    client = UserFactory()
    archive = archive_bytes(tmp_path, posts=10, seed=2)
    outcomes = []
    for _ in range(LIMIT + 1):
        try:
            outcomes.append(place_order(client, tmp_path, upload=io.BytesIO(archive)))
        except services.OrderError as error:
            outcomes.append(error)

    assert [isinstance(outcome, services.OrderError) for outcome in outcomes] == [False] * LIMIT + [True]
    assert Order.objects.filter(client=client).count() == LIMIT


@pytest.mark.django_db(transaction=True)
def test_one_file_ordered_twice_at_once_is_one_history(tmp_path):
    needs_postgresql()
    client = UserFactory()
    archive = archive_bytes(tmp_path, posts=10, seed=4)

    orders = in_threads(2, lambda: place_order(client, tmp_path, upload=io.BytesIO(archive)))

    assert all(isinstance(order, Order) for order in orders), orders
    assert orders[0].history_id == orders[1].history_id


@pytest.mark.django_db
def test_the_second_order_of_a_file_being_imported_waits_and_then_imports_nothing_again(tmp_path):
    client = UserFactory()
    first = place_order(client, tmp_path, seed=5)
    second = place_order(client, tmp_path, seed=5)
    # The first order's import has claimed the history and is running.
    PostHistory.objects.filter(pk=first.history_id).update(
        status=PostHistory.Status.IMPORTING, import_claimed_by=f"order {first.pk}", import_started_at=timezone.now()
    )

    with pytest.raises(profile_services.ImportInProgress, match=f"being imported by order {first.pk}"):
        services.order_import(order_id=second.pk)
    assert not PostHistory.objects.get(pk=first.history_id).posts.exists()  # nothing read twice

    assert services.order_import(order_id=first.pk)  # its own claim: resumed (a redelivered task)
    assert services.order_import(order_id=second.pk)  # imported now: straight on to the analysis
    history = PostHistory.objects.get(pk=first.history_id)
    assert history.posts.count() == 120
    assert history.import_claimed_by == f"order {first.pk}"


@pytest.mark.django_db
def test_an_import_abandoned_longer_than_any_task_runs_is_taken_over(tmp_path, settings):
    client = UserFactory()
    first = place_order(client, tmp_path, seed=9)
    second = place_order(client, tmp_path, seed=9)
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    PostHistory.objects.filter(pk=first.history_id).update(
        status=PostHistory.Status.IMPORTING, import_claimed_by=f"order {first.pk}", import_started_at=long_ago
    )

    assert services.order_import(order_id=second.pk)
    assert PostHistory.objects.get(pk=first.history_id).import_claimed_by == f"order {second.pk}"
