"""Small builders of posts and histories for the engine's tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from profiles.ingest.records import NormalisedPost, Platform, PostKind
from samples.archives import snowflake

OWN_ACCOUNT = "1199999999999999999"
_sequence = itertools.count(1)


def at(text: str) -> datetime:
    """A UTC moment from "2024-03-05 14:30"."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def make_post(
    text: str = "Out on patrol in the town centre this morning.",
    *,
    when: datetime | str = "2024-03-05 10:00",
    kind: PostKind = PostKind.ORIGINAL,
    **fields: object,
) -> NormalisedPost:
    moment = at(when) if isinstance(when, str) else when
    defaults: dict[str, object] = {
        "platform": Platform.TWITTER,
        "external_id": snowflake(moment, next(_sequence) % 4096),
        "created_at": moment,
        "text": text,
        "kind": kind,
        "language": "en",
    }
    defaults.update(fields)
    return NormalisedPost(**defaults)  # type: ignore[arg-type]


def reply(
    text: str,
    *,
    when: datetime | str,
    to_handle: str = "resident1",
    to_account: str = "900000001",
    asked: datetime | str | None = None,
    **fields: object,
) -> NormalisedPost:
    """A reply to someone else; `asked` is when the answered post was written (its snowflake id)."""
    moment = at(when) if isinstance(when, str) else when
    asked_at = at(asked) if isinstance(asked, str) else (asked or moment - timedelta(hours=1))
    reply_fields: dict[str, object] = {
        "reply_to_post_id": snowflake(asked_at, 1),
        "reply_to_account_id": to_account,
        "reply_to_handle": to_handle,
        "mentions": (to_handle,),
    }
    return make_post(f"@{to_handle} {text}", when=moment, kind=PostKind.REPLY, **(reply_fields | fields))


def self_reply(text: str, *, when: datetime | str, to_post: NormalisedPost) -> NormalisedPost:
    return make_post(
        text,
        when=when,
        kind=PostKind.REPLY,
        reply_to_post_id=to_post.external_id,
        reply_to_account_id=OWN_ACCOUNT,
        reply_to_handle="InspSamWright",
        is_self_reply=True,
    )


def daily_posts(count: int, text: str = "Lovely walk with the dog before my shift, feeling good.", **fields: object):
    """`count` originals, one a day at 10:00 UTC from 2024-01-01."""
    start = at("2024-01-01 10:00")
    return [make_post(f"{text} Day {n}.", when=start + timedelta(days=n), **fields) for n in range(count)]


def bold(text: str) -> str:
    """Text set in Unicode's sans-serif bold, as LinkedIn and X posters set words to stand out."""
    offsets = (("a", "z", 0x1D5EE), ("A", "Z", 0x1D5D4), ("0", "9", 0x1D7EC))

    def styled(character: str) -> str:
        for first, last, start in offsets:
            if first <= character <= last:
                return chr(start + ord(character) - ord(first))
        return character

    return "".join(map(styled, text))
