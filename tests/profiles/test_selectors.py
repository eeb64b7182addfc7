from __future__ import annotations

from datetime import timedelta

import pytest

from profiles.models import Post, PostHistory
from profiles.selectors import posts_in_time_order
from tests.profiles.ingest.helpers import START

pytestmark = pytest.mark.django_db


def test_posts_come_back_oldest_first_in_chunks_with_none_lost_or_repeated():
    history = PostHistory.objects.create(original_name="h.csv", size_bytes=1, sha256="x", upload="h")
    # Several posts share a second, so the keyset must break ties on id.
    moments = [START + timedelta(seconds=n // 3) for n in range(20)]
    Post.objects.bulk_create(
        Post(history=history, platform="other", external_id=str(n), created_at=moment, kind="original")
        for n, moment in reversed(list(enumerate(moments)))
    )

    chunks = list(posts_in_time_order(history, chunk_size=7))

    assert [len(c) for c in chunks] == [7, 7, 6]
    ordered = [p for chunk in chunks for p in chunk]
    assert [p.created_at for p in ordered] == sorted(moments)
    assert len({p.pk for p in ordered}) == 20
