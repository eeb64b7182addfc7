"""Failures travel forward along the order's chain: no page has to be polled to learn of them.

Through a real worker, an order whose import fails and one whose analysis fails are `failed`
within seconds, each with the message of the step that failed. A chunk task that meets a
transient database error (a real SQLite write lock, held by another connection) is retried by
the base task class, and the order is delivered.
"""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from celery.signals import task_retry
from django.db import connection

from coaching import services, workflow
from coaching.models import Order
from profiles import ingest
from profiles import services as profile_services
from profiles import workflow as profile_workflow
from profiles.models import HistoryProfile
from tests.coaching.test_orders import archive_bytes
from tests.factories import UserFactory
from tests.profiles import waiting

FAILED_WITHIN_S = 20


def received_order(tmp_path, **overrides) -> Order:
    fields = {
        "client": UserFactory(),
        "upload": io.BytesIO(archive_bytes(tmp_path, posts=60, seed=5)),
        "original_name": "twitter-2024-03-01.zip",
        "product": Order.Product.SELF_SERVE,
        "timezone_name": "Europe/London",
        "working_hours": "Mon-Fri 09:00-17:00",
        "consent": True,
    }
    return services.order_create(**(fields | overrides))


def wait_until_finished(order: Order) -> tuple[Order, float]:
    started = time.monotonic()
    finished = waiting.wait_until_settled(
        Order, order.pk, {Order.Stage.DELIVERED, Order.Stage.FAILED}, timeout=FAILED_WITHIN_S, field="stage"
    )
    return finished, time.monotonic() - started


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker_process")
def test_an_order_whose_import_fails_is_failed_at_once_with_the_imports_message(tmp_path):
    order = received_order(tmp_path)
    # The stored upload is gone before the worker reads it: the importer raises, not a format
    # error, and the import turns that into a failed history rather than a task that retries.
    Path(order.history.upload.path).unlink()

    workflow.order_start(order.pk)
    order, seconds = wait_until_finished(order)

    assert order.stage == Order.Stage.FAILED
    assert order.error_message.startswith("Voiceprint could not read twitter-2024-03-01.zip")
    assert order.error_message == order.history.error_message
    assert "FileNotFoundError" in order.error_detail
    assert order.requeue_count == 0  # the watchdog had nothing to do with it
    assert seconds < FAILED_WITHIN_S


@pytest.mark.django_db
def test_an_importer_crash_fails_the_order_at_once_through_its_chain(tmp_path, monkeypatch):
    def crashing_reader(container, limits):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest, "_single_file_reader", crashing_reader)
    order = received_order(tmp_path, upload=io.BytesIO(b'{"id": "1"}\n'), original_name="posts.jsonl")

    steps = workflow.order_chain(order.pk).apply()

    order.refresh_from_db()
    assert steps.successful()  # nothing raised: the later steps saw the failed order and stopped
    assert order.stage == Order.Stage.FAILED
    assert order.error_message.startswith("posts.jsonl is nested too deeply for Voiceprint to read")
    assert order.error_detail.startswith("RecursionError: maximum recursion depth exceeded")
    assert order.profile is None
    assert not hasattr(order, "report")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker_process")
def test_an_unreadable_upload_fails_the_order_at_once_in_the_clients_words(tmp_path):
    order = received_order(tmp_path, upload=io.BytesIO(b"PK\x03\x04 not a zip"), original_name="x.zip")

    workflow.order_start(order.pk)
    order, _ = wait_until_finished(order)

    assert order.stage == Order.Stage.FAILED
    assert order.error_message.startswith("x.zip is not a readable zip file")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker_process")
def test_an_order_whose_analysis_fails_is_failed_at_once_with_the_analysis_message(tmp_path):
    order = received_order(tmp_path)
    # Working hours stored before today's check existed: the analysis cannot use them.
    Order.objects.filter(pk=order.pk).update(working_hours="whenever I like")

    workflow.order_start(order.pk)
    order, seconds = wait_until_finished(order)

    assert order.stage == Order.Stage.FAILED
    assert order.error_message == profile_services.ANALYSIS_FAILURE
    assert "ProfileSettingsError" in order.error_detail
    assert order.history.status == "imported"  # the import's work is kept
    assert seconds < FAILED_WITHIN_S


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker_process")
def test_an_analysis_that_fails_in_its_chord_fails_the_order_and_its_profile(tmp_path):
    order = received_order(tmp_path)
    services.order_import(order_id=order.pk)
    profile = services.order_start_analysis(order_id=order.pk)
    # The chunks do not read the working hours; the chord's join (assembling the profile) does,
    # and fails: the error reaches the order through the chord's callback.
    HistoryProfile.objects.filter(pk=profile.pk).update(working_hours="whenever I like")

    workflow.analysis_chain(order.pk, profile.pk, chunk_posts=20).apply_async()
    order, seconds = wait_until_finished(order)

    profile.refresh_from_db()
    assert order.stage == Order.Stage.FAILED
    assert order.error_message == profile_services.ANALYSIS_FAILURE
    assert profile.status == HistoryProfile.Status.FAILED
    assert seconds < FAILED_WITHIN_S


@pytest.mark.django_db(transaction=True)
def test_a_chunk_task_is_retried_after_a_transient_database_error_and_the_order_delivered(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("holds SQLite's write lock from a second connection to cause the transient error")
    order = received_order(tmp_path)
    services.order_import(order_id=order.pk)
    profile = services.order_start_analysis(order_id=order.pk)
    chunks = profile_services.profile_start(profile_id=profile.pk, chunk_posts=20)
    retried: list[str] = []

    def on_retry(sender, reason, **kwargs):
        retried.append(f"{sender.name}: {reason}")

    # Django's connection waits a quarter of a second for a lock, then raises OperationalError.
    connection.close()
    connection.settings_dict["OPTIONS"] = {**connection.settings_dict["OPTIONS"], "timeout": 0.25}
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, until released below
    released = threading.Timer(1.0, holder.rollback)
    task_retry.connect(on_retry)
    try:
        released.start()
        offset, limit = chunks[0]
        rows = profile_workflow.analyse_history_chunk.apply(args=(profile.pk, offset, limit), throw=False).get()
    finally:
        task_retry.disconnect(on_retry)
        released.join()
        holder.close()
        connection.close()
        connection.settings_dict["OPTIONS"] = {**connection.settings_dict["OPTIONS"], "timeout": 20}

    assert retried, "the chunk task was never retried"
    assert all(line.startswith("profiles.analyse_history_chunk: ") for line in retried)
    assert "database is locked" in retried[0]
    others = [
        profile_workflow.analyse_history_chunk.apply(args=(profile.pk, offset, limit), throw=True).get()
        for offset, limit in chunks[1:]
    ]
    profile_workflow.assemble_history_profile.apply(args=([rows, *others], profile.pk), throw=True)
    order = services.order_write_report(order_id=order.pk)
    assert order.stage == Order.Stage.DELIVERED
    assert order.report.profile["posts"]["total"] == 60
