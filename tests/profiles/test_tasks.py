"""The import task, run by a real worker process over the configured broker."""

from __future__ import annotations

import pytest
from django.db import transaction

from profiles import services, workflow
from profiles.models import PostHistory
from tests.factories import UserFactory
from tests.profiles import waiting
from tests.profiles.formats import SAMPLES

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until_settled(history_id: int) -> PostHistory:
    return waiting.wait_until_settled(
        PostHistory, history_id, {PostHistory.Status.IMPORTED, PostHistory.Status.FAILED}, timeout=30
    )


@pytest.mark.parametrize("sample", SAMPLES.values(), ids=SAMPLES.keys())
def test_the_worker_imports_each_format(tmp_path, celery_worker_process, sample):
    owner = UserFactory()
    with transaction.atomic():
        history = services.history_create_from_path(owner=owner, path=sample.write(tmp_path))
        transaction.on_commit(workflow.import_history.si(history.pk).apply_async)

    history = wait_until_settled(history.pk)

    assert history.status == PostHistory.Status.IMPORTED, history.error_detail
    assert history.posts.count() == sample.posts_total
    assert history.summary["posts_by_kind"] == sample.posts_by_kind


def test_the_worker_reports_a_broken_upload_in_words_the_client_understands(tmp_path, celery_worker_process):
    (tmp_path / "archive.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    with transaction.atomic():
        history = services.history_create_from_path(owner=UserFactory(), path=tmp_path / "archive.zip")
        transaction.on_commit(workflow.import_history.si(history.pk).apply_async)

    history = wait_until_settled(history.pk)

    assert history.status == PostHistory.Status.FAILED
    assert history.error_message.startswith("archive.zip is not a readable zip file")
    assert history.posts.count() == 0
