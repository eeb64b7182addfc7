"""Reading post histories back: the queries the analysis and the report rely on."""

from __future__ import annotations

from collections.abc import Iterator

from profiles.models import Post, PostHistory

CHUNK_SIZE = 5000


def posts_in_time_order(history: PostHistory, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list[Post]]:
    """A history's posts, oldest first, as lists of at most `chunk_size`.

    Keyset pagination on (created_at, id), which the `post_history_time` index serves
    directly: each chunk is one index range scan, however deep into the history it is,
    and memory holds one chunk at a time.
    """
    posts = Post.objects.filter(history=history).order_by("created_at", "id")
    chunk = list(posts[:chunk_size])
    while chunk:
        yield chunk
        last = chunk[-1]
        chunk = list(
            posts.filter(created_at__gte=last.created_at).exclude(created_at=last.created_at, id__lte=last.id)[
                :chunk_size
            ]
        )
