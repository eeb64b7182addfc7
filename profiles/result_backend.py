"""The result backend of every Voiceprint task: django-celery-results' table, with a chord join
that a chunk task run twice cannot break.

With late acknowledgement a task may run twice: a worker that finishes a chunk while the broker
is away cannot acknowledge it, so the broker hands the chunk out again once it is back
(docs/operations.md). django-celery-results joins a chord by counting down one per finished
part, so such a chunk is counted twice: the counter reaches zero while another chunk is still
running, the join finds the group not ready, drops the callback and deletes the counter, and the
order waits for ever for its report.

Here a part that finishes asks instead whether every part's result is stored, under a lock on
the chord's row: the join happens once, when the last distinct part is in, however many times
each part ran. Queuing the callback, or failing the chord when a part failed, is left to
django-celery-results.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import maybe_signature
from django.db import router, transaction
from django_celery_results.backends.database import DatabaseBackend, trigger_callback
from django_celery_results.models import ChordCounter

logger = logging.getLogger(__name__)


class DatabaseResultBackend(DatabaseBackend):
    """django-celery-results' backend whose chord joins once every distinct part has a result."""

    def on_chord_part_return(self, request: Any, state: str, result: Any, **kwargs: Any) -> None:
        group_id = request.group
        if not group_id or not request.id:
            return
        with transaction.atomic(using=router.db_for_write(ChordCounter)):
            # The row lock makes parts finishing together take turns: whichever comes last sees
            # every result (each part stores its own before it gets here) and joins alone.
            chord_row = ChordCounter.objects.select_for_update().filter(group_id=group_id).first()
            if chord_row is None:
                # Joined already: this part ran again after its chord's callback was queued.
                logger.info("chord %s already joined; part %s ran again", group_id, request.id)
                return
            parts = chord_row.group_result(app=self.app)
            if not parts.ready():
                return
            chord_row.delete()
        # Queued as django-celery-results does; a broker still away after the publish retries
        # (CELERY_TASK_PUBLISH_RETRY_POLICY) fails the chord, and with it the order, in words.
        trigger_callback(app=self.app, callback=maybe_signature(request.chord, app=self.app), group_result=parts)
