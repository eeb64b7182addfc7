"""The same analysis on several processes: chunks mapped in parallel, one assembly.

What the Celery chord does across workers, inside one machine (the benchmark and the command
line use it). The result equals `analyse()` exactly: only per-post features are computed in
the chunks.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from profiles.analysis.context import AnalysisContext
from profiles.analysis.engine import assemble, in_time_order, paused_garbage_collection
from profiles.analysis.features import PostFeatures, features_of
from profiles.analysis.profile import Analysis
from profiles.analysis.readability import text_counts
from profiles.analysis.sentiment import VaderScorer
from profiles.analysis.thresholds import Thresholds
from profiles.analysis.voice import template_clusters
from profiles.analysis.voice_model import load_voice_model
from profiles.ingest.records import NormalisedPost

_scorer: VaderScorer | None = None
# What every chunk of the current run shares, set before forking so that the workers inherit
# it instead of receiving it pickled (Thresholds does not pickle; posts are slow to).
_run: tuple[Sequence[NormalisedPost], Thresholds, str] | None = None
# The whole history's features, set before forking the worker that finds the templates.
_features: list[PostFeatures] | None = None


def _load_lexicons() -> None:
    """Load VADER's lexicon, the voice model and textstat's CMU dictionary once, before forking.

    The language model is not loaded here: it is needed only for posts without a language code
    (none in most X archives), and each worker loads it on the first such post.
    """
    global _scorer  # noqa: PLW0603 - one analyser per process, inherited by the forked workers
    if _scorer is None:
        _scorer = VaderScorer()
    load_voice_model()
    text_counts("Loading the pronouncing dictionary.")


def _chunk_features(bounds: tuple[int, int]) -> list[PostFeatures]:
    assert _run is not None  # noqa: S101 - set by analyse_in_processes before the fork
    posts, thresholds, own_account_id = _run
    start, end = bounds
    with paused_garbage_collection():
        return features_of(posts[start:end], thresholds=thresholds, own_account_id=own_account_id, scorer=_scorer)


def analyse_in_processes(
    posts: Sequence[NormalisedPost], context: AnalysisContext | None = None, *, processes: int = 2
) -> Analysis:
    """`analyse()` with the per-post work split over `processes` worker processes."""
    context = context or AnalysisContext()
    ordered = in_time_order(posts)
    size = max(1, -(-len(ordered) // processes))
    chunks = [(start, min(start + size, len(ordered))) for start in range(0, len(ordered), size)]
    global _run, _features  # noqa: PLW0603 - read by the forked workers
    _load_lexicons()
    _run = (ordered, context.thresholds, context.account_id)
    # fork: the children inherit the loaded lexicons instead of loading them again.
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=processes, mp_context=fork) as pool:
        features = [feature for chunk in pool.map(_chunk_features, chunks) for feature in chunk]
    # Template clustering on a worker forked now, so that it inherits the shingle hashes instead
    # of receiving them pickled (7 MB at 100,000 posts), while this process computes the other
    # sections.
    _features = features
    with ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
        clusters = pool.submit(_template_clusters)
        analysis = assemble(ordered, features, context, clusters=clusters.result)
    _run = _features = None
    return analysis


def _template_clusters() -> list[list[int]]:
    assert _run is not None  # noqa: S101 - both inherited from analyse_in_processes at the fork
    assert _features is not None  # noqa: S101
    thresholds = _run[1]
    # The worker inherits the whole history's objects: a full collection would scan them all.
    with paused_garbage_collection():
        return template_clusters(_features, thresholds)
