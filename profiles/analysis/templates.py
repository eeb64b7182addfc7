"""Templated repetition: clusters of near-identical posts within one history.

Each post of enough words carries a MinHash signature of its word 3-shingles (see
`features.minhash_signature`). Posts whose signatures agree on a whole band of positions are
candidates (locality-sensitive hashing: 8 bands of 2), and a candidate joins a cluster when its
estimated Jaccard similarity with the cluster's first post reaches the threshold. Clusters of
at least `template_min_cluster` posts are templates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from profiles.analysis.features import SIGNATURE_SIZE, signature_similarity

BANDS = 8
_BAND_BYTES = SIGNATURE_SIZE * 8 // BANDS


def near_duplicate_clusters(signatures: Sequence[bytes | None], *, similarity: float, min_size: int) -> list[list[int]]:
    """Indices of posts in each cluster of near-duplicates, largest cluster first, each in order."""
    parent = list(range(len(signatures)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for band in range(BANDS):
        buckets: dict[bytes, int] = {}
        for index, signature in enumerate(signatures):
            if signature is None:
                continue
            key = signature[band * _BAND_BYTES : (band + 1) * _BAND_BYTES]
            first = buckets.setdefault(key, index)
            if first == index:
                continue
            # Comparing with the bucket's first post keeps a bucket of a thousand identical
            # posts linear; posts it misses here can still meet in another band.
            left, right = root(first), root(index)
            if left != right and (
                signature == signatures[first] or signature_similarity(signature, signatures[first]) >= similarity
            ):
                parent[max(left, right)] = min(left, right)

    members: dict[int, list[int]] = defaultdict(list)
    for index, signature in enumerate(signatures):
        if signature is not None:
            members[root(index)].append(index)
    clusters = [indices for indices in members.values() if len(indices) >= min_size]
    return sorted(clusters, key=lambda indices: (-len(indices), indices[0]))
