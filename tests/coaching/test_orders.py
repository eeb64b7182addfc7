"""Orders through the pipeline: import, analysis, report, delivery or review, failure."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from coaching import services, workflow
from coaching.models import Order, Report
from profiles import services as profile_services
from profiles import workflow as profile_workflow
from profiles.models import HistoryProfile
from samples.archives import TwitterAccount, write_twitter_archive
from samples.histories import professional_history
from tests.factories import UserFactory
from tests.profiles import waiting

pytestmark = pytest.mark.django_db


def archive_bytes(tmp_path, posts: int = 120, seed: int = 3) -> bytes:
    path = write_twitter_archive(
        tmp_path / f"archive-{seed}.zip", professional_history(posts, seed=seed), TwitterAccount()
    )
    return path.read_bytes()


def place_order(client, tmp_path, **overrides) -> Order:
    fields = {
        "client": client,
        "upload": io.BytesIO(archive_bytes(tmp_path, seed=overrides.pop("seed", 3))),
        "original_name": "twitter-2024-03-01.zip",
        "product": Order.Product.SELF_SERVE,
        "timezone_name": "Europe/London",
        "working_hours": "Mon-Fri 08:00-16:00",
        "consent": True,
    }
    return services.order_create(**(fields | overrides))


def run_in_process(order: Order) -> Order:
    """What the tasks do, called directly."""
    assert services.order_import(order_id=order.pk)
    profile = services.order_start_analysis(order_id=order.pk)
    profile_workflow.profile_run(profile_id=profile.pk)
    return services.order_write_report(order_id=order.pk)


def test_a_self_serve_order_is_delivered_with_its_report(tmp_path):
    order = run_in_process(place_order(UserFactory(), tmp_path))

    assert order.stage == Order.Stage.DELIVERED
    assert order.delivered_at is not None
    report = order.report
    assert report.published_at is not None
    assert report.profile["posts"]["total"] == 120
    assert report.profile["rhythm"]["working_hours"] == "Mon-Fri 08:00-16:00"
    assert report.changes["reply_share"]["before"] is None
    assert report.changes["reply_share"]["now"] == report.profile["responsiveness"]["reply_share"]


def test_a_coached_order_waits_for_review_unpublished(tmp_path):
    order = run_in_process(place_order(UserFactory(), tmp_path, product=Order.Product.COACHED))

    assert order.stage == Order.Stage.IN_REVIEW
    assert order.report.published_at is None
    assert services.order_progress(order).message == "Your order is with your coach for review."


def test_a_second_order_shows_how_the_headlines_changed(tmp_path):
    client = UserFactory()
    first = run_in_process(place_order(client, tmp_path, seed=3))
    second = run_in_process(place_order(client, tmp_path, seed=4))

    changes = second.report.changes
    assert changes["reply_share"]["before"] == first.report.profile["responsiveness"]["reply_share"]
    assert changes["reply_share"]["now"] == second.report.profile["responsiveness"]["reply_share"]


def test_an_unreadable_upload_fails_the_order_in_the_clients_words(tmp_path):
    order = place_order(UserFactory(), tmp_path, upload=io.BytesIO(b"PK\x03\x04 not a zip"), original_name="x.zip")

    assert services.order_import(order_id=order.pk) is False

    order.refresh_from_db()
    assert order.stage == Order.Stage.FAILED
    assert order.error_message.startswith("x.zip is not a readable zip file")
    assert services.order_progress(order).message == order.error_message
    assert Report.objects.count() == 0


def test_a_failed_analysis_fails_the_order_with_the_analysis_message(tmp_path):
    order = place_order(UserFactory(), tmp_path)
    services.order_import(order_id=order.pk)
    profile = services.order_start_analysis(order_id=order.pk)

    services.order_fail_after_error(order_id=order.pk, detail="profiles.analyse_history_chunk: RuntimeError: boom")

    order.refresh_from_db()
    profile.refresh_from_db()
    assert order.stage == Order.Stage.FAILED
    assert order.error_message == profile_services.ANALYSIS_FAILURE
    assert order.error_detail == "analysing: profiles.analyse_history_chunk: RuntimeError: boom"
    assert profile.status == HistoryProfile.Status.FAILED
    assert services.order_progress(order).message == profile_services.ANALYSIS_FAILURE


def test_steps_run_twice_do_nothing_twice(tmp_path):
    order = run_in_process(place_order(UserFactory(), tmp_path))

    assert services.order_start_analysis(order_id=order.pk) is None
    assert services.order_write_report(order_id=order.pk).stage == Order.Stage.DELIVERED
    assert (HistoryProfile.objects.count(), Report.objects.count()) == (1, 1)


def test_progress_counts_posts_while_analysing(tmp_path):
    order = place_order(UserFactory(), tmp_path)
    services.order_import(order_id=order.pk)
    profile = services.order_start_analysis(order_id=order.pk)
    HistoryProfile.objects.filter(pk=profile.pk).update(posts_total=120, posts_analysed=40)

    progress = services.order_progress(Order.objects.get(pk=order.pk))

    assert (progress.stage, progress.done, progress.total) == ("analysing", 40, 120)
    assert progress.message == "40 of 120 posts analysed."
    assert not progress.finished


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": False}, "consent", "Please agree to the processing"),
        ({"timezone_name": "Mars/Olympus"}, "timezone", 'Unknown time zone "Mars/Olympus"'),
        ({"working_hours": "always"}, "working_hours", 'Cannot read the working hours "always"'),
        ({"product": "gold"}, "product", "Choose one of"),
    ],
)
def test_a_bad_order_names_the_field_and_stores_nothing(tmp_path, overrides, field, message):
    with pytest.raises(services.OrderError, match=message) as raised:
        place_order(UserFactory(), tmp_path, **overrides)
    assert raised.value.field == field
    assert Order.objects.count() == 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("chunk_posts", [1000, 50], ids=["one task", "chord of chunks"])
def test_the_worker_takes_an_order_from_upload_to_delivery(tmp_path, celery_worker_process, chunk_posts):
    order = place_order(UserFactory(), tmp_path)
    workflow.order_start(order.pk, chunk_posts=chunk_posts)

    order = waiting.wait_until_settled(
        Order, order.pk, {Order.Stage.DELIVERED, Order.Stage.FAILED}, timeout=90, field="stage"
    )

    assert order.stage == Order.Stage.DELIVERED, order.error_detail
    assert order.profile.chunks_total == (1 if chunk_posts == 1000 else 3)
    assert order.report.profile["posts"]["total"] == 120


def test_uploads_are_removed_a_retention_period_after_delivery(tmp_path, settings):
    settings.UPLOAD_RETENTION_DAYS = 30
    old = run_in_process(place_order(UserFactory(), tmp_path, seed=3))
    recent = run_in_process(place_order(UserFactory(), tmp_path, seed=4))
    Order.objects.filter(pk=old.pk).update(delivered_at=timezone.now() - timedelta(days=31))
    old_file, recent_file = Path(old.history.upload.path), Path(recent.history.upload.path)

    assert services.uploads_expire() == 1
    assert services.uploads_expire() == 0  # already done

    old.history.refresh_from_db()
    assert not old_file.exists()
    assert old.history.upload_removed_at is not None
    assert recent_file.exists()
    assert old.history.posts.count() == 120  # the report keeps its quotes


def test_staff_see_a_failed_order_with_its_technical_detail(client, tmp_path):
    order = place_order(UserFactory(), tmp_path, upload=io.BytesIO(b"PK\x03\x04 not a zip"), original_name="x.zip")
    services.order_import(order_id=order.pk)
    order.refresh_from_db()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get("/admin/coaching/order/?stage=failed").content.decode()
    detail = client.get(f"/admin/coaching/order/{order.pk}/change/").content.decode()

    assert "x.zip" in listing
    assert order.error_detail in detail


def test_the_client_is_emailed_when_a_self_serve_report_is_delivered(tmp_path, django_capture_on_commit_callbacks):
    order = place_order(UserFactory(), tmp_path)
    services.order_import(order_id=order.pk)
    profile_workflow.profile_run(profile_id=services.order_start_analysis(order_id=order.pk).pk)

    with django_capture_on_commit_callbacks(execute=True):
        services.order_write_report(order_id=order.pk)
        services.order_write_report(order_id=order.pk)  # a redelivered task

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [order.client.email]
    assert f"/orders/{order.pk}/report/" in mail.outbox[0].body


def test_a_report_on_another_account_is_not_compared(tmp_path):
    client = UserFactory()
    run_in_process(place_order(client, tmp_path, seed=3))
    other_account = write_twitter_archive(
        tmp_path / "other.zip", professional_history(120, seed=4), TwitterAccount(account_id="4242", handle="Other")
    )
    second = run_in_process(place_order(client, tmp_path, upload=io.BytesIO(other_account.read_bytes())))

    assert second.report.changes["reply_share"]["before"] is None
    assert second.report.changes["reply_share"]["before_order"] is None


def test_the_compared_report_is_named_with_its_date(tmp_path):
    client = UserFactory()
    first = run_in_process(place_order(client, tmp_path, seed=3))
    second = run_in_process(place_order(client, tmp_path, seed=4))

    figure = second.report.changes["reply_share"]
    assert figure["before_order"] == first.pk
    assert figure["before_published_at"] == first.report.published_at.isoformat()


def test_the_role_and_goals_of_the_order_reach_the_advice(tmp_path):
    order = run_in_process(
        place_order(UserFactory(), tmp_path, role="software developer", goals="speaking invitations")
    )

    role = order.report.profile["role"]
    assert (role["kind"], role["goals"]) == ("tech", ["speaking"])
    advice = " ".join(f"{entry['headline']} {entry['recommendation']}" for entry in order.report.profile["findings"])
    assert "resident" not in advice
