"""The workflow of post histories: the Celery tasks and the order in which they run.

Services (`profiles.services`) change state and never enqueue; this module queues them, after
commit, as tasks of one base class (`WorkflowTask`: transient errors retried with backoff). An
analysis is one task when the history fits one chunk, else that task replaces itself with a chord
of chunk tasks joined by `assemble_history_profile`, so whatever a caller chains after it (the
order's report) runs once the profile is ready, and its error callback sees any failed chunk.
`profile_run` is the same analysis in this process, for the command line and tests. A history's
import and analysis are queued as part of an order (`coaching.workflow`), whose error callback
fails the order and its profile.
"""

from __future__ import annotations

from celery import Signature, Task, chord, shared_task

from profiles import services
from profiles.analysis import features_from_rows, features_to_rows
from profiles.models import HistoryProfile
from profiles.task_base import WorkflowTask

ALL_POSTS = 2**31 - 1


# --- Tasks: each takes ids and calls a service ------------------------------------------------


@shared_task(base=WorkflowTask, name="profiles.import_history")
def import_history(history_id: int) -> str:
    """Import the history's posts; returns the history's status afterwards."""
    return services.history_import(history_id=history_id).history.status


@shared_task(base=WorkflowTask, bind=True, name="profiles.analyse_history")
def analyse_history(self: Task, profile_id: int | None, chunk_posts: int = services.ANALYSIS_CHUNK_POSTS) -> str:
    """Analyse a history: in this task when it fits one chunk, else as a chord of chunk tasks.

    `profile_id` may come from the previous task of a chain, which returns None when there is
    nothing to analyse (the order failed, or another run claimed it).
    """
    if profile_id is None:
        return "nothing to analyse"
    chunks = services.profile_start(profile_id=profile_id, chunk_posts=chunk_posts)
    if chunks is None:
        return "not claimed"
    if len(chunks) == 1:
        offset, limit = chunks[0]
        features = services.profile_features(profile_id=profile_id, offset=offset, limit=limit)
        return services.profile_complete(profile_id=profile_id, features=features).status
    # The chord takes this task's place in its chain: the chain's next task and its error
    # callbacks move onto the chord (Task.replace), which ends this task here.
    raise self.replace(
        chord(
            [analyse_history_chunk.si(profile_id, offset, limit) for offset, limit in chunks],
            assemble_history_profile.s(profile_id),
        )
    )


@shared_task(base=WorkflowTask, name="profiles.analyse_history_chunk")
def analyse_history_chunk(profile_id: int, offset: int, limit: int) -> list[list[object]]:
    """The features of one chunk of posts, as JSON rows for the chord's callback."""
    return features_to_rows(services.profile_features(profile_id=profile_id, offset=offset, limit=limit))


@shared_task(base=WorkflowTask, name="profiles.assemble_history_profile")
def assemble_history_profile(chunk_rows: list[list[list[object]]], profile_id: int) -> str:
    """Join the chunks' features in order and compute the profile."""
    features = [feature for rows in chunk_rows for feature in features_from_rows(rows)]
    return services.profile_complete(profile_id=profile_id, features=features).status


# --- The sequences --------------------------------------------------------------------------


def analysis_signature(profile_id: int | None, chunk_posts: int = services.ANALYSIS_CHUNK_POSTS) -> Signature:
    """The analysis of a profile as one signature (`profile_id` None: taken from the previous task)."""
    if profile_id is None:
        return analyse_history.s(chunk_posts=chunk_posts)
    return analyse_history.si(profile_id, chunk_posts)


def profile_run(*, profile_id: int) -> HistoryProfile | None:
    """Analyse a history in this process: claim, map, reduce. None when it was not claimable."""
    if services.profile_start(profile_id=profile_id, chunk_posts=ALL_POSTS) is None:
        return None
    try:
        features = services.profile_features(profile_id=profile_id, offset=0, limit=ALL_POSTS)
        return services.profile_complete(profile_id=profile_id, features=features)
    except Exception as error:
        services.profile_fail(
            profile_id=profile_id, message=services.ANALYSIS_FAILURE, detail=f"{type(error).__name__}: {error}"
        )
        raise
