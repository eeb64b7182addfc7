"""Reading post histories back: the queries the analysis and the report rely on."""

from __future__ import annotations

from collections.abc import Iterable

from profiles.ingest.records import NormalisedPost, Platform, PostKind
from profiles.models import AccountLink, Post, PostHistory, VoiceCorrection


def normalised_posts(history_id: int, *, offset: int = 0, limit: int | None = None) -> list[NormalisedPost]:
    """A history's posts as the analysis reads them, oldest first (ties by row id), optionally a slice.

    Rows, not model instances: building 100,000 instances would cost more than the query.
    """
    rows = Post.objects.filter(history_id=history_id).order_by("created_at", "id").values_list(*NormalisedPost._fields)
    if limit is not None:
        rows = rows[offset : offset + limit]
    elif offset:
        rows = rows[offset:]
    return [
        NormalisedPost(
            Platform(platform),
            external_id,
            created_at,
            text,
            PostKind(kind),
            reply_to_post_id,
            reply_to_account_id,
            reply_to_handle,
            is_self_reply,
            tuple(mentions),
            tuple(hashtags),
            tuple(urls),
            likes,
            reposts,
            client,
            language,
            url,
        )
        for (
            platform,
            external_id,
            created_at,
            text,
            kind,
            reply_to_post_id,
            reply_to_account_id,
            reply_to_handle,
            is_self_reply,
            mentions,
            hashtags,
            urls,
            likes,
            reposts,
            client,
            language,
            url,
        ) in rows.iterator(chunk_size=10_000)
    ]


def linked_account_ids(history_id: int, direction: str) -> frozenset[str] | None:
    """Follower or following ids of the history's account; None when the export had no such list."""
    history = PostHistory.objects.only(f"{direction}_count").get(pk=history_id)
    if getattr(history, f"{direction}_count") is None:
        return None
    return frozenset(
        AccountLink.objects.filter(history_id=history_id, direction=direction).values_list("account_id", flat=True)
    )


def posts_by_external_id(history_id: int, external_ids: Iterable[str]) -> dict[str, Post]:
    """The history's posts with these ids (those that exist), by id: for quoting in a report."""
    wanted = set(external_ids)
    if not wanted:
        return {}
    posts = Post.objects.filter(history_id=history_id, external_id__in=wanted)
    return {post.external_id: post for post in posts}


def posts_matching(history_id: int, words: str, *, limit: int = 50) -> list[Post]:
    """The history's posts containing every one of `words` (case-insensitive), newest first."""
    posts = Post.objects.filter(history_id=history_id)
    for word in words.split():
        posts = posts.filter(text__icontains=word)
    return list(posts.order_by("-created_at")[:limit])


def normalised_post(post: Post) -> NormalisedPost:
    """One stored post as the analysis reads it (`normalised_posts` for a whole history)."""
    fields = {name: getattr(post, name) for name in NormalisedPost._fields}
    sequences = {name: tuple(fields[name]) for name in ("mentions", "hashtags", "urls")}
    return NormalisedPost(**{**fields, **sequences, "platform": Platform(post.platform), "kind": PostKind(post.kind)})


def history_voice_corrections(history_id: int) -> list[tuple[str, str, str, str]]:
    """The coaches' corrections of a history's posts as (post id, label, analysis label, model)."""
    return list(
        VoiceCorrection.objects.filter(post__history_id=history_id)
        .order_by("post_id")
        .values_list("post__external_id", "label", "analysis_label", "analysis_model")
    )


def voice_corrections(post_ids: Iterable[int]) -> dict[int, str]:
    """The coaches' voice labels of these posts (by primary key), for those corrected."""
    wanted = set(post_ids)
    if not wanted:
        return {}
    return dict(VoiceCorrection.objects.filter(post_id__in=wanted).values_list("post_id", "label"))
