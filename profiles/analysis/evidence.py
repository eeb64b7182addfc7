"""Evidence: the posts that show each finding, and how they are shared out between findings.

Every finding and strength names a pool (`POOLS`): the posts that show its point, best evidence
first — a late-night finding's pool holds only recent posts written inside the night window in
the client's zone, a corporate-voice finding's only corporate posts. Examples are then allocated
globally, highest priority first, so that no post is cited under two findings.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

from profiles.analysis.activity import recent_index
from profiles.analysis.context import AnalysisContext, ScoredPost
from profiles.analysis.profile import Example, Finding, Profile
from profiles.analysis.responsiveness import DAY, HOUR, snowflake_time
from profiles.analysis.rhythm import is_night
from profiles.analysis.voice import CORPORATE, PERSONAL
from profiles.ingest.records import Platform, PostKind

MAX_EXAMPLES = 5
# Candidates kept of a ranked pool: more than all findings and strengths together can cite
# (about 20 of them, 5 posts each), so that a finding never runs out because others took posts.
CANDIDATES = 150
# Ranked pools (most corporate, most negative, slowest reply...) look at the latest posts only:
# recent examples are what a client recognises, and the cost stays bounded on 100,000 posts.
RANKED_WINDOW = 10_000
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
    """The candidate posts of every pool, computed only when a finding asks for them.

    Pools in time order are walked lazily from the newest post; ranked pools keep only their
    first CANDIDATES posts (found with a heap, not a full sort): no finding can skip more
    posts than all the findings before it have cited.
    """

    def __init__(self, scored: Sequence[ScoredPost], context: AnalysisContext, profile: Profile) -> None:
        self.scored = scored
        self.context = context
        self.profile = profile
        self.recent = scored[recent_index(scored) :]

    # Pools, newest first, walked lazily.
    def night(self) -> Iterator[ScoredPost]:
        thresholds = self.context.thresholds
        return (item for item in reversed(self.recent) if is_night(item.local.hour, thresholds))

    def out_of_hours(self) -> Iterator[ScoredPost]:
        hours = self.context.working_hours
        return (item for item in reversed(self.recent) if not hours.includes(item.local))

    def in_working_hours(self) -> Iterator[ScoredPost]:
        hours = self.context.working_hours
        return (item for item in reversed(self.recent) if item.authored and hours.includes(item.local))

    def templated(self) -> Iterator[ScoredPost]:
        """Members of template clusters, the corporate ones first (the finding is about those)."""
        members = (item for item in reversed(self.scored) if "templated_repetition" in item.voice_features)
        corporate, other = [], []
        for item in members:
            (corporate if item.voice == CORPORATE else other).append(item)
            if len(corporate) >= CANDIDATES:
                break
        return iter([*corporate, *other[:CANDIDATES]])

    def broadcasts(self) -> Iterator[ScoredPost]:
        """Posts to everyone, not answers: originals, newest first."""
        return (item for item in reversed(self.recent or self.scored) if item.post.kind == PostKind.ORIGINAL)

    def self_replies(self) -> Iterator[ScoredPost]:
        return (item for item in reversed(self.scored) if item.post.kind == PostKind.REPLY and not item.to_others)

    def one_off_replies(self) -> Iterator[ScoredPost]:
        people = self._people
        return (item for item in reversed(self.scored) if item.to_others and people[_person(item)] == 1)

    def repeat_replies(self) -> Iterator[ScoredPost]:
        people = self._people
        return (item for item in reversed(self.scored) if item.to_others and people[_person(item)] > 1)

    def quick_replies(self) -> Iterator[ScoredPost]:
        """Replies within the hour, one per person (their latest), newest first."""
        seen: set[str] = set()
        for item in reversed(self.scored):
            if item.to_others and (delay := reply_delay(item)) is not None and delay <= HOUR:
                person = _person(item)
                if person not in seen:
                    seen.add(person)
                    yield item

    @cached_property
    def _people(self) -> Counter[str]:
        return Counter(_person(item) for item in self.scored if item.to_others)

    # Ranked pools: the first CANDIDATES by their measure, among the latest RANKED_WINDOW posts.
    def _ranked(self, items: Iterable[tuple[float, ScoredPost]]) -> Iterator[ScoredPost]:
        return (item for _, item in heapq.nsmallest(CANDIDATES, items, key=lambda pair: pair[0]))

    @cached_property
    def window(self) -> Sequence[ScoredPost]:
        return self.scored[-RANKED_WINDOW:]

    def corporate(self) -> Iterator[ScoredPost]:
        return self._ranked((item.voice_score or 0, item) for item in self.window if item.voice == CORPORATE)

    def personal(self) -> Iterator[ScoredPost]:
        return self._ranked((-(item.voice_score or 0), item) for item in self.window if item.voice == PERSONAL)

    def slow_replies(self) -> Iterator[ScoredPost]:
        """Replies more than a day after the question, slowest first."""
        return self._ranked(
            (-delay, item)
            for item in self.window
            if item.to_others and (delay := reply_delay(item)) is not None and delay > DAY
        )

    def negative(self) -> Iterator[ScoredPost]:
        cut = self.context.thresholds.sentiment_negative
        return self._ranked(
            (sentiment, item)
            for item in self.window
            if (sentiment := item.features.sentiment) is not None and sentiment <= cut
        )

    def warm(self) -> Iterator[ScoredPost]:
        cut = self.context.thresholds.emotional_sentiment
        return self._ranked(
            (-sentiment, item)
            for item in self.window
            if (sentiment := item.features.sentiment) is not None and sentiment >= cut
        )

    def hard_to_read(self) -> Iterator[ScoredPost]:
        low = self.context.thresholds.flesch_reading_ease.low or 50.0
        return self._ranked(
            (ease, item) for item in self.window if (ease := reading_ease(item)) is not None and ease < low
        )

    def easy_to_read(self) -> Iterator[ScoredPost]:
        mark = self.context.thresholds.strong_flesch_reading_ease
        return self._ranked(
            (-ease, item) for item in self.window if (ease := reading_ease(item)) is not None and ease >= mark
        )

    def best(self) -> Iterator[ScoredPost]:
        by_id = {post.id: position for position, post in enumerate(self.profile.engagement.best_posts)}
        found = [item for item in self.scored if item.post.external_id in by_id] if by_id else []
        return iter(sorted(found, key=lambda item: by_id[item.post.external_id]))

    def best_personal(self) -> Iterator[ScoredPost]:
        return (item for item in self.best() if item.voice == PERSONAL)

    def pool(self, name: str) -> Iterator[ScoredPost]:
        if name not in POOLS:
            raise ValueError(f"Unknown evidence pool {name!r}: one of {', '.join(sorted(POOLS))}.")
        return getattr(self, name)()


POOLS = frozenset(
    name for name, value in vars(Evidence).items() if callable(value) and not name.startswith("_") and name != "pool"
)


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
