"""Nothing of a refused upload is kept: a failed order's file goes when it fails, unless another
order of the same file still needs it, and the hourly retention task removes any left behind."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from coaching import services, workflow
from coaching.models import Order
from profiles.models import PostHistory
from tests.coaching.test_orders import place_order
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOT_A_ZIP = b"PK\x03\x04 not a zip"


def stored_uploads() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "histories"
    return {path.name for path in folder.iterdir()} if folder.is_dir() else set()


def test_after_a_refused_upload_no_file_of_it_remains(tmp_path, django_capture_on_commit_callbacks):
    before = stored_uploads()
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(UserFactory(), tmp_path, upload=io.BytesIO(NOT_A_ZIP), original_name="x.zip")
        assert stored_uploads() - before  # stored while it waits for the worker
        workflow.order_chain(order.pk).apply()

    order.refresh_from_db()
    assert order.stage == Order.Stage.FAILED
    assert order.error_message.startswith("x.zip is not a readable zip file")
    assert stored_uploads() == before
    assert order.history.upload_removed_at is not None


def test_a_failed_analysis_removes_the_file_and_keeps_the_posts(tmp_path, django_capture_on_commit_callbacks):
    order = place_order(UserFactory(), tmp_path)
    upload = Path(order.history.upload.path)
    services.order_import(order_id=order.pk)

    with django_capture_on_commit_callbacks(execute=True):
        services.order_fail_after_error(order_id=order.pk, detail="analyse_history: ValueError: no")

    assert not upload.exists()
    assert order.history.posts.count() == 120  # an admin's re-run analyses them without the file


def test_a_file_another_order_still_needs_is_kept(tmp_path, django_capture_on_commit_callbacks):
    client = UserFactory()
    first = place_order(client, tmp_path, seed=6)
    second = place_order(client, tmp_path, seed=6)  # the same file again: the same history
    assert first.history_id == second.history_id

    with django_capture_on_commit_callbacks(execute=True):
        services.order_fail(order_id=first.pk, message="refused", detail="test")

    assert Path(first.history.upload.path).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_fail(order_id=second.pk, message="refused", detail="test")
    assert not Path(first.history.upload.path).exists()


def test_the_retention_task_removes_failed_orders_files_a_failure_left_behind(tmp_path):
    order = place_order(UserFactory(), tmp_path, upload=io.BytesIO(NOT_A_ZIP), original_name="x.zip")
    # Failed without the clean-up (the worker died between the two, or before this existed).
    Order.objects.filter(pk=order.pk).update(stage=Order.Stage.FAILED)
    upload = Path(order.history.upload.path)

    assert services.uploads_expire() == 0  # placed within FAILED_UPLOAD_RETENTION_HOURS: left alone
    assert upload.exists()

    later = timezone.now() + timedelta(hours=settings.FAILED_UPLOAD_RETENTION_HOURS, minutes=1)
    assert services.uploads_expire(now=later) == 1
    assert not upload.exists()
    assert PostHistory.objects.get(pk=order.history_id).upload_removed_at is not None
    assert services.uploads_expire(now=later) == 0


def test_the_retention_task_keeps_a_failed_orders_file_another_order_is_working_on(tmp_path):
    client = UserFactory()
    failed = place_order(client, tmp_path, seed=7)
    place_order(client, tmp_path, seed=7)
    Order.objects.filter(pk=failed.pk).update(stage=Order.Stage.FAILED)

    later = timezone.now() + timedelta(hours=settings.FAILED_UPLOAD_RETENTION_HOURS, minutes=1)
    assert services.uploads_expire(now=later) == 0
    assert Path(failed.history.upload.path).exists()
