"""Evidence: the posts that show each finding, and how they are shared out between findings.

Every finding and strength names a pool (`POOLS`): the posts that show its point, best evidence
first — a late-night finding's pool holds only recent posts written inside the night window in
the client's zone, a corporate-voice finding's only corporate posts. Examples are then allocated
globally, highest priority first, so that no post is cited under two findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property

from profiles.analysis.activity import recent_start
from profiles.analysis.context import AnalysisContext, ScoredPost
from profiles.analysis.profile import Example, Finding, Profile
from profiles.analysis.responsiveness import DAY, HOUR, snowflake_time
from profiles.analysis.rhythm import is_night
from profiles.analysis.voice import CORPORATE, PERSONAL
from profiles.ingest.records import Platform, PostKind

MAX_EXAMPLES = 5
# Posts this short say too little to show how readable the writing is.
MIN_WORDS_TO_CITE_READING = 12


def reply_delay(item: ScoredPost) -> float | None:
    """Seconds from the answered post to this reply, where the ids carry the time (X snowflakes)."""
    if item.post.kind != PostKind.REPLY or item.post.platform != Platform.TWITTER:
        return None
    asked = snowflake_time(item.post.reply_to_post_id)
    if asked is None:
        return None
    seconds = (item.post.created_at - asked).total_seconds()
    return seconds if seconds >= 0 else None


def example_of(item: ScoredPost) -> Example:
    return Example(
        id=item.post.external_id,
        local_time=item.local.isoformat(),
        kind=str(item.post.kind),
        reply_delay_s=reply_delay(item),
        likes=item.post.likes,
        reposts=item.post.reposts,
    )


def reading_ease(item: ScoredPost) -> float | None:
    """The Flesch reading ease of one post's own counts (for choosing examples, never as a figure)."""
    words, sentences, syllables = item.features.counts
    if words < MIN_WORDS_TO_CITE_READING or not sentences:
        return None
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words


class Evidence:
    """The candidate posts of every pool, computed once each and only when a finding asks."""

    def __init__(self, scored: Sequence[ScoredPost], context: AnalysisContext, profile: Profile) -> None:
        self.scored = scored
        self.context = context
        self.profile = profile
        since = recent_start(scored)
        self.recent: Sequence[ScoredPost] = (
            [item for item in scored if since is not None and item.post.created_at > since] if scored else []
        )

    def _latest(self, items: Iterable[ScoredPost]) -> list[ScoredPost]:
        return sorted(items, key=lambda item: item.post.created_at, reverse=True)

    @cached_property
    def night(self) -> list[ScoredPost]:
        return self._latest(item for item in self.recent if is_night(item.local.hour, self.context.thresholds))

    @cached_property
    def out_of_hours(self) -> list[ScoredPost]:
        hours = self.context.working_hours
        return self._latest(item for item in self.recent if not hours.includes(item.local))

    @cached_property
    def in_working_hours(self) -> list[ScoredPost]:
        hours = self.context.working_hours
        return self._latest(item for item in self.recent if item.authored and hours.includes(item.local))

    @cached_property
    def corporate(self) -> list[ScoredPost]:
        return sorted((item for item in self.scored if item.voice == CORPORATE), key=lambda item: item.voice_score or 0)

    @cached_property
    def personal(self) -> list[ScoredPost]:
        return sorted(
            (item for item in self.scored if item.voice == PERSONAL), key=lambda item: -(item.voice_score or 0)
        )

    @cached_property
    def templated(self) -> list[ScoredPost]:
        """Members of template clusters, the corporate ones first (the finding is about those)."""
        members = [item for item in self.scored if "templated_repetition" in item.voice_features]
        return sorted(members, key=lambda item: item.voice != CORPORATE)

    @cached_property
    def broadcasts(self) -> list[ScoredPost]:
        """Posts to everyone, not answers: originals, latest first."""
        return self._latest(item for item in self.recent or self.scored if item.post.kind == PostKind.ORIGINAL)

    @cached_property
    def self_replies(self) -> list[ScoredPost]:
        return self._latest(item for item in self.scored if item.post.kind == PostKind.REPLY and not item.to_others)

    def _timed_replies(self, keep: Callable[[float], bool]) -> list[tuple[float, ScoredPost]]:
        timed = []
        for item in self.scored:
            if item.to_others:
                delay = reply_delay(item)
                if delay is not None and keep(delay):
                    timed.append((delay, item))
        return timed

    @cached_property
    def slow_replies(self) -> list[ScoredPost]:
        return [item for _, item in sorted(self._timed_replies(lambda delay: delay > DAY), key=lambda p: -p[0])]

    @cached_property
    def quick_replies(self) -> list[ScoredPost]:
        """Replies within the hour, one per person, latest first: many people answered quickly."""
        quick = sorted(self._timed_replies(lambda delay: delay <= HOUR), key=lambda p: p[1].post.created_at)
        by_person = {_person(item): item for _, item in quick}
        return self._latest(by_person.values())

    @cached_property
    def one_off_replies(self) -> list[ScoredPost]:
        people = Counter(_person(item) for item in self.scored if item.to_others)
        return self._latest(item for item in self.scored if item.to_others and people[_person(item)] == 1)

    @cached_property
    def repeat_replies(self) -> list[ScoredPost]:
        people = Counter(_person(item) for item in self.scored if item.to_others)
        return self._latest(item for item in self.scored if item.to_others and people[_person(item)] > 1)

    @cached_property
    def negative(self) -> list[ScoredPost]:
        cut = self.context.thresholds.sentiment_negative
        return sorted(
            (item for item in self.scored if item.features.sentiment is not None and item.features.sentiment <= cut),
            key=lambda item: item.features.sentiment or 0,
        )

    @cached_property
    def warm(self) -> list[ScoredPost]:
        cut = self.context.thresholds.emotional_sentiment
        return sorted(
            (item for item in self.scored if item.features.sentiment is not None and item.features.sentiment >= cut),
            key=lambda item: -(item.features.sentiment or 0),
        )

    def _by_reading_ease(self, keep: Callable[[float], bool], hardest_first: bool) -> list[ScoredPost]:
        scored = [(ease, item) for item in self.scored if (ease := reading_ease(item)) is not None and keep(ease)]
        scored.sort(key=lambda pair: pair[0] if hardest_first else -pair[0])
        return [item for _, item in scored]

    @cached_property
    def hard_to_read(self) -> list[ScoredPost]:
        low = self.context.thresholds.flesch_reading_ease.low or 50.0
        return self._by_reading_ease(lambda ease: ease < low, hardest_first=True)

    @cached_property
    def easy_to_read(self) -> list[ScoredPost]:
        mark = self.context.thresholds.strong_flesch_reading_ease
        return self._by_reading_ease(lambda ease: ease >= mark, hardest_first=False)

    def _posts(self, ids: Iterable[str]) -> list[ScoredPost]:
        by_id = self._by_id
        return [by_id[post_id] for post_id in ids if post_id in by_id]

    @cached_property
    def _by_id(self) -> dict[str, ScoredPost]:
        return {item.post.external_id: item for item in self.scored}

    @cached_property
    def best(self) -> list[ScoredPost]:
        return self._posts(post.id for post in self.profile.engagement.best_posts)

    @cached_property
    def best_personal(self) -> list[ScoredPost]:
        return [item for item in self.best if item.voice == PERSONAL]

    def pool(self, name: str) -> list[ScoredPost]:
        return list(getattr(self, name)) if name else []


def _person(item: ScoredPost) -> str:
    return item.post.reply_to_account_id or f"@{item.post.reply_to_handle.lower()}"


def allocate(ranked: Sequence[tuple[Finding, Sequence[str]]], evidence: Evidence) -> None:
    """Give each finding up to MAX_EXAMPLES posts from its pools, in the order given; a post
    cited once is not cited again. Fills `examples` and `example_post_ids` in place."""
    used: set[str] = set()
    for finding, pools in ranked:
        chosen = []
        for item in _chain(evidence, pools):
            post_id = item.post.external_id
            if post_id in used:
                continue
            used.add(post_id)
            chosen.append(example_of(item))
            if len(chosen) == MAX_EXAMPLES:
                break
        finding.examples = chosen
        finding.example_post_ids = [example.id for example in chosen]


def _chain(evidence: Evidence, pools: Sequence[str]) -> Iterator[ScoredPost]:
    for name in pools:
        yield from evidence.pool(name)
