"""Templated repetition: clusters of near-identical posts within one history.

Two posts are near-identical when the Jaccard similarity of their word 3-shingles (links,
handles and numbers as placeholders) reaches `template_similarity`. Clusters are formed by
leaders, in time order: a post joins the cluster of the earliest leader it is near-identical
to, otherwise it leads a cluster of its own. Every member is thus near-identical to its
cluster's first post, and similarity cannot chain across a history. Clusters of at least
`template_min_cluster` posts are templates.

Leaders are found by prefix filtering (Chaudhuri et al., 2006; Bayardo et al., 2007): with the
shingles of every post ordered rarest first, two sets with Jaccard similarity t or more share
a shingle within the first |x| - ceil(t·|x|) + 1 of each. Only leaders sharing such a shingle
are compared, exactly, rarest shared shingle first. Posts with the very same shingles join
their first occurrence's cluster without a search. A post whose rarest shingles are all common
is compared with at most MAX_COMPARISONS leaders: real posts carry names, places and details
that keep this bound out of reach, and it keeps the worst case linear.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain, islice

from profiles.analysis.features import unpack_hashes
from profiles.analysis.thresholds import Thresholds

MAX_COMPARISONS = 8


def history_templates(packed_sets: Sequence[bytes | None], thresholds: Thresholds) -> list[list[int]]:
    """A history's templates: its clusters of near-identical posts at the thresholds' similarity
    and size, largest first (`packed_sets` as `features.template_hashes` gives them, in time order)."""
    return near_duplicate_clusters(
        packed_sets, similarity=thresholds.template_similarity, min_size=thresholds.template_min_cluster
    )


def near_duplicate_clusters(
    packed_sets: Sequence[bytes | None], *, similarity: float, min_size: int
) -> list[list[int]]:
    """Indices of posts in each cluster of near-duplicates, largest cluster first, each in order.

    `packed_sets` holds each post's sorted shingle hashes as `features.shingle_hashes` packs them.
    """
    shingle_sets = [unpack_hashes(packed) if packed else None for packed in packed_sets]
    frequency = Counter(chain.from_iterable(shingles for shingles in shingle_sets if shingles))
    leaders_by_shingle: dict[int, list[int]] = defaultdict(list)
    leader_sets: dict[int, array[int]] = {}
    members: dict[int, list[int]] = {}
    leader_of_identical: dict[bytes, int] = {}
    for index, shingles in enumerate(shingle_sets):
        if not shingles:
            continue
        packed = packed_sets[index]
        leader = leader_of_identical.get(packed)
        if leader is None:
            # The global order, rarest shingle first, ties by value: the hashes are stored in
            # ascending order and the sort is stable.
            prefix = sorted(shingles, key=frequency.__getitem__)[
                : len(shingles) - math.ceil(similarity * len(shingles)) + 1
            ]
            leader = _first_similar_leader(frozenset(shingles), prefix, leaders_by_shingle, leader_sets, similarity)
        if leader is not None:
            members[leader].append(index)
            leader_of_identical.setdefault(packed, leader)
            continue
        leader_of_identical[packed] = index
        members[index] = [index]
        # A shingle no other post has cannot lead anyone here: only shared ones are indexed,
        # and a leader with none is never a candidate (most posts, in a real history).
        shared = [shingle for shingle in prefix if frequency[shingle] > 1]
        if shared:
            # The array, not a set: a set of 20 hashes takes ten times the memory, and
            # set.intersection reads an array as fast.
            leader_sets[index] = shingles
            for shingle in shared:
                leaders_by_shingle[shingle].append(index)
    clusters = [indices for indices in members.values() if len(indices) >= min_size]
    return sorted(clusters, key=lambda indices: (-len(indices), indices[0]))


def _first_similar_leader(
    shingles: frozenset[int],
    prefix: list[int],
    leaders_by_shingle: dict[int, list[int]],
    leader_sets: dict[int, array[int]],
    similarity: float,
) -> int | None:
    """The earliest leader, among the first MAX_COMPARISONS met rarest shingle first, that is similar."""
    # The first MAX_COMPARISONS distinct leaders met: later ones would never be compared, so the
    # walk stops as soon as there are enough.
    met: dict[int, None] = {}
    for shingle in prefix:
        leaders = leaders_by_shingle.get(shingle)
        if leaders:
            met.update(dict.fromkeys(leaders[:MAX_COMPARISONS]))
            if len(met) >= MAX_COMPARISONS:
                break
    size = len(shingles)
    # (A hair of slack, so rounding never rules out a pair exactly at the threshold.)
    smallest, largest = similarity * size - 1e-9, size / similarity + 1e-9
    for leader in sorted(islice(met, MAX_COMPARISONS)):
        other = leader_sets[leader]
        # Jaccard is at most the smaller size over the larger: sets too unequal cannot be similar.
        if not smallest <= len(other) <= largest:
            continue
        shared = len(shingles.intersection(other))
        # Jaccard = shared / union, compared without dividing.
        if shared >= similarity * (size + len(other) - shared):
            return leader
    return None
