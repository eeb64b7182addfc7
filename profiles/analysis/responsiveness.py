"""Responsiveness: is the account a two-way street?"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from profiles.analysis.context import AnalysisContext, ScoredPost
from profiles.analysis.profile import Interlocutor, Responsiveness
from profiles.analysis.stats import median, percentile, share
from profiles.ingest.records import Platform, PostKind

# Twitter's snowflake ids carry their creation time: (id >> 22) + this epoch, in ms.
TWITTER_EPOCH_MS = 1288834974657
# Ids below this predate snowflakes (November 2010) and carry no time.
FIRST_SNOWFLAKE_ID = 10**13
HOUR, DAY = 3600, 86400
# Upper bounds (seconds) of the reply-latency distribution's buckets, for the report's chart.
LATENCY_BUCKETS = (("15 min", 15 * 60), ("1 h", HOUR), ("4 h", 4 * HOUR), ("24 h", DAY), ("7 days", 7 * DAY))
TOP_INTERLOCUTORS = 5
EXAMPLES = 5


def snowflake_time(post_id: str) -> datetime | None:
    """When a Twitter post was created, from its id alone; None for non-snowflake ids."""
    if not post_id.isdigit() or int(post_id) < FIRST_SNOWFLAKE_ID:
        return None
    return datetime.fromtimestamp(((int(post_id) >> 22) + TWITTER_EPOCH_MS) / 1000, tz=UTC)


def responsiveness_of(scored: Sequence[ScoredPost], context: AnalysisContext, zone: ZoneInfo) -> Responsiveness:
    kinds = Counter(item.post.kind for item in scored)
    replies = [item for item in scored if item.post.kind == PostKind.REPLY]
    to_others = [item for item in replies if item.to_others]

    people = Counter(_person(item) for item in to_others)
    handles: dict[str, str] = {}
    for item in to_others:
        handles.setdefault(_person(item), item.post.reply_to_handle)
    top = people.most_common(TOP_INTERLOCUTORS)

    latencies, late, working, off = _latencies(to_others, context, zone)
    conversations, sustained = _conversations(to_others)
    followers, following = context.follower_ids, context.following_ids
    follow_back = (
        share(len(followers & following), len(followers)) if followers is not None and following is not None else None
    )
    timed = len(latencies) + late
    return Responsiveness(
        reply_share=share(kinds[PostKind.REPLY], kinds[PostKind.REPLY] + kinds[PostKind.ORIGINAL]),
        replies_to_others_share=share(len(to_others), len(replies)),
        repost_share=share(kinds[PostKind.REPOST], len(scored)),
        quote_share=share(kinds[PostKind.QUOTE], len(scored)),
        people_replied_to=len(people),
        people_replied_to_more_than_once=sum(1 for count in people.values() if count > 1),
        repeat_interlocutor_share=share(sum(1 for count in people.values() if count > 1), len(people)),
        top_interlocutors=[
            Interlocutor(handle=handles[person], account_id=person if not person.startswith("@") else "", replies=n)
            for person, n in top
        ],
        top5_concentration=share(sum(n for _, n in top), len(to_others)),
        replies_timed=timed,
        late_replies=late,
        reply_latency_median_s=median(latencies),
        reply_latency_p90_s=percentile(latencies, 0.9),
        replied_within_1h_share=share(sum(1 for s in latencies if s <= HOUR), timed),
        replied_within_24h_share=share(sum(1 for s in latencies if s <= DAY), timed),
        reply_latency_buckets=_latency_buckets(latencies, late),
        reply_latency_median_working_hours_s=median(working),
        reply_latency_median_off_hours_s=median(off),
        conversations=conversations,
        conversations_sustained=sustained,
        conversations_sustained_share=share(sustained, conversations),
        followers=len(followers) if followers is not None else None,
        following=len(following) if following is not None else None,
        follow_back_share=follow_back,
        example_replies=[item.post.external_id for item in to_others[-EXAMPLES:]],
    )


def _person(item: ScoredPost) -> str:
    """Who a reply answers: their account id, else their handle."""
    return item.post.reply_to_account_id or f"@{item.post.reply_to_handle.lower()}"


def _latencies(
    to_others: Sequence[ScoredPost], context: AnalysisContext, zone: ZoneInfo
) -> tuple[list[float], int, list[float], list[float]]:
    """Seconds from the answered post to the reply, for Twitter replies whose target id is a snowflake.

    Replies later than `late_reply_seconds` are counted as late, not timed; split by whether the
    answered post came in the user's working hours.
    """
    latencies: list[float] = []
    working: list[float] = []
    off: list[float] = []
    late = 0
    for item in to_others:
        if item.post.platform != Platform.TWITTER:
            continue
        asked = snowflake_time(item.post.reply_to_post_id)
        if asked is None:
            continue
        seconds = (item.post.created_at - asked).total_seconds()
        if seconds < 0:
            continue
        if seconds > context.thresholds.late_reply_seconds:
            late += 1
            continue
        latencies.append(seconds)
        (working if context.working_hours.includes(asked.astimezone(zone)) else off).append(seconds)
    return latencies, late, working, off


def _latency_buckets(latencies: Sequence[float], late: int) -> dict[str, int]:
    """Timed replies by how long they took: "15 min" counts up to 15 minutes, "1 h" from there
    to an hour, and so on; "later" counts the late replies."""
    buckets = dict.fromkeys((name for name, _ in LATENCY_BUCKETS), 0)
    for seconds in latencies:
        name = next(name for name, bound in LATENCY_BUCKETS if seconds <= bound)
        buckets[name] += 1
    buckets["later"] = late
    return buckets


def _conversations(to_others: Sequence[ScoredPost]) -> tuple[int, int]:
    """Conversations with a person, and how many the account sustained (replied at least twice).

    An archive holds only the account's side, so a conversation is approximated as the account's
    replies to the same person with no more than a day between one and the next.
    """
    last_reply: dict[str, datetime] = {}
    replies_in_current: dict[str, int] = {}
    conversations = sustained = 0
    for item in to_others:
        person = _person(item)
        previous = last_reply.get(person)
        if previous is None or (item.post.created_at - previous).total_seconds() > DAY:
            conversations += 1
            replies_in_current[person] = 0
        replies_in_current[person] += 1
        if replies_in_current[person] == 2:
            sustained += 1
        last_reply[person] = item.post.created_at
    return conversations, sustained
