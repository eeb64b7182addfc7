"""Profiling a stored history: the service in-process, and the task through a real worker."""

from __future__ import annotations

import pytest
from django.db import transaction

from profiles import selectors, services, workflow
from profiles.analysis import AnalysisContext, WorkingHours, assemble, features_of
from profiles.analysis.thresholds import DEFAULT_THRESHOLDS
from profiles.models import HistoryProfile, PostHistory
from profiles.services import profiling
from samples.archives import TwitterAccount, write_twitter_archive
from samples.histories import professional_history
from tests.factories import UserFactory
from tests.profiles import waiting

ACCOUNT = TwitterAccount(follower_ids=[str(n) for n in range(10)], following_ids=["1", "2", "3", "99"])


def imported_history(folder, posts: int = 180) -> PostHistory:
    path = write_twitter_archive(folder / "archive.zip", professional_history(posts, seed=9), ACCOUNT)
    history = services.history_create_from_path(owner=UserFactory(), path=path)
    outcome = services.history_import(history_id=history.pk)
    assert outcome.history.status == PostHistory.Status.IMPORTED
    return outcome.history


def expected_profile(history: PostHistory, *, timezone: str, working_hours: str) -> dict:
    """The engine run directly on the stored posts: what the service must save."""
    posts = selectors.normalised_posts(history.pk)
    context = AnalysisContext(
        account_id=history.account_id,
        handle=history.handle,
        follower_ids=frozenset(ACCOUNT.follower_ids),
        following_ids=frozenset(ACCOUNT.following_ids),
        timezone=timezone,
        archive_timezone=history.archive_timezone,
        working_hours=WorkingHours.parse(working_hours),
    )
    features = features_of(posts, thresholds=DEFAULT_THRESHOLDS, own_account_id=history.account_id, scorer=None)
    return assemble(posts, features, context).profile.as_dict()


@pytest.mark.django_db
def test_it_profiles_a_stored_history_and_saves_the_result(tmp_path):
    history = imported_history(tmp_path)
    profile = services.profile_create(
        history=history, timezone_name="Europe/London", working_hours="Mon-Fri 08:00-16:00"
    )

    workflow.profile_run(profile_id=profile.pk)

    profile.refresh_from_db()
    assert profile.status == HistoryProfile.Status.READY
    assert profile.posts_analysed == profile.posts_total == 180
    assert profile.result == expected_profile(history, timezone="Europe/London", working_hours="Mon-Fri 08:00-16:00")
    assert profile.result["responsiveness"]["follow_back_share"] == 0.3
    assert profile.result["rhythm"]["working_hours"] == "Mon-Fri 08:00-16:00"


@pytest.mark.django_db
def test_running_again_changes_nothing(tmp_path):
    profile = services.profile_create(history=imported_history(tmp_path))
    workflow.profile_run(profile_id=profile.pk)
    profile.refresh_from_db()
    finished = profile.finished_at

    assert workflow.profile_run(profile_id=profile.pk) is None

    profile.refresh_from_db()
    assert (profile.status, profile.finished_at) == (HistoryProfile.Status.READY, finished)


@pytest.mark.django_db
def test_chunks_merged_give_the_single_run_result(tmp_path):
    history = imported_history(tmp_path, posts=230)
    single = services.profile_create(history=history)
    workflow.profile_run(profile_id=single.pk)
    chunked = services.profile_create(history=history)

    chunks = services.profile_start(profile_id=chunked.pk, chunk_posts=50)
    features = [
        f
        for offset, limit in chunks
        for f in services.profile_features(profile_id=chunked.pk, offset=offset, limit=limit)
    ]
    services.profile_complete(profile_id=chunked.pk, features=features)

    assert len(chunks) == 5
    single.refresh_from_db()
    chunked.refresh_from_db()
    assert chunked.result == single.result


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("timezone_name", "working_hours", "message"),
    [
        ("Mars/Olympus", "", 'Unknown time zone "Mars/Olympus"'),
        ("", "all day long", 'Cannot read the working hours "all day long"'),
    ],
)
def test_bad_settings_are_refused_before_anything_is_stored(tmp_path, timezone_name, working_hours, message):
    history = imported_history(tmp_path, posts=10)
    with pytest.raises(services.ProfileSettingsError, match=message):
        services.profile_create(history=history, timezone_name=timezone_name, working_hours=working_hours)
    assert HistoryProfile.objects.count() == 0


@pytest.mark.django_db
def test_a_history_that_is_not_imported_cannot_be_profiled(tmp_path):
    path = write_twitter_archive(tmp_path / "a.zip", professional_history(5), ACCOUNT)
    history = services.history_create_from_path(owner=UserFactory(), path=path)
    with pytest.raises(services.ProfileSettingsError, match="import it first"):
        services.profile_create(history=history)


@pytest.mark.django_db
def test_a_failure_marks_the_profile_failed_and_keeps_the_history(tmp_path, monkeypatch):
    history = imported_history(tmp_path, posts=20)
    profile = services.profile_create(history=history)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(profiling, "assemble", broken)
    with pytest.raises(RuntimeError):
        workflow.profile_run(profile_id=profile.pk)

    profile.refresh_from_db()
    assert profile.status == HistoryProfile.Status.FAILED
    assert profile.error_message == services.ANALYSIS_FAILURE
    assert "disk on fire" in profile.error_detail
    assert profile.result == {}
    assert history.posts.count() == 20


def wait_until_settled(profile_id: int) -> HistoryProfile:
    return waiting.wait_until_settled(
        HistoryProfile, profile_id, {HistoryProfile.Status.READY, HistoryProfile.Status.FAILED}
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("chunk_posts", [1000, 60], ids=["one task", "chord of chunks"])
def test_the_worker_analyses_a_history_in_one_task_or_in_chunks(tmp_path, celery_worker_process, chunk_posts):
    history = imported_history(tmp_path, posts=200)
    with transaction.atomic():
        profile = services.profile_create(history=history, timezone_name="Europe/London")
        transaction.on_commit(workflow.analysis_signature(profile.pk, chunk_posts).apply_async)

    profile = wait_until_settled(profile.pk)

    assert profile.status == HistoryProfile.Status.READY, profile.error_detail
    assert profile.chunks_total == (1 if chunk_posts == 1000 else 4)
    assert profile.posts_analysed == 200
    assert profile.result == expected_profile(history, timezone="Europe/London", working_hours="Mon-Fri 09:00-17:00")
