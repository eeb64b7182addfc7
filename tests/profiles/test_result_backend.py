"""The chord join of the result backend: once, when every distinct chunk has a result, however
many times a chunk ran (a chunk redelivered after a broker restart reports twice)."""

from __future__ import annotations

import uuid

import pytest
from celery.app.task import Context
from django_celery_results.models import ChordCounter

from config.celery import app
from profiles.result_backend import DatabaseResultBackend
from profiles.workflow import analyse_history_chunk, assemble_history_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def callback_queue():
    """A queue of this test's own on the configured broker, emptied at the end."""
    name = f"voiceprint-test-chord-{uuid.uuid4().hex[:12]}"
    with app.connection_for_write() as connection:
        queue = connection.SimpleQueue(name)
        yield queue
        queue.clear()
        queue.close()


def finish_chunk(chunk_id: str, group_id: str, rows: list, callback: dict) -> None:
    """What a worker does when a chunk task of the chord returns: store its result, then report it."""
    request = Context(id=chunk_id, group=group_id, chord=callback, task=analyse_history_chunk.name, args=[], kwargs={})
    app.backend.mark_as_done(chunk_id, rows, request=request)


def test_it_is_the_configured_backend():
    assert isinstance(app.backend, DatabaseResultBackend)


def test_it_joins_a_chord_once_every_chunk_is_in_even_when_a_chunk_reports_twice(callback_queue):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    group = app.GroupResult(str(uuid.uuid4()), [app.AsyncResult(first), app.AsyncResult(second)])
    callback = assemble_history_profile.s(42).set(queue=callback_queue.queue.name)
    app.backend.apply_chord(group, callback)

    finish_chunk(first, group.id, [["first chunk"]], callback)
    finish_chunk(first, group.id, [["first chunk"]], callback)  # run again: redelivered

    # Counted twice, django-celery-results' countdown would be at zero here and drop the chord.
    assert ChordCounter.objects.filter(group_id=group.id).exists()
    with pytest.raises(callback_queue.Empty):
        callback_queue.get(timeout=0.5)

    finish_chunk(second, group.id, [["second chunk"]], callback)

    message = callback_queue.get(timeout=5)
    message.ack()
    args, _kwargs, _embed = message.payload
    assert message.headers["task"] == assemble_history_profile.name
    assert args == [[[["first chunk"]], [["second chunk"]]], 42]
    assert not ChordCounter.objects.filter(group_id=group.id).exists()


def test_a_chunk_reporting_after_the_join_queues_nothing_more(callback_queue):
    only = str(uuid.uuid4())
    group = app.GroupResult(str(uuid.uuid4()), [app.AsyncResult(only)])
    callback = assemble_history_profile.s(42).set(queue=callback_queue.queue.name)
    app.backend.apply_chord(group, callback)

    finish_chunk(only, group.id, [["rows"]], callback)
    callback_queue.get(timeout=5).ack()
    finish_chunk(only, group.id, [["rows"]], callback)  # redelivered after the join

    with pytest.raises(callback_queue.Empty):
        callback_queue.get(timeout=0.5)
