"""Coaches hear of their reviews: an e-mail when a coached order is theirs, with its due date, and a
daily digest of the reviews past the turnaround; each sent once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from coaching import services, workflow
from coaching.models import Order
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://voiceprint.example"


def coach_mail() -> list:
    """The e-mails sent to staff: clients are also told their order was received, which is not under test here."""
    staff = set(get_user_model().objects.filter(is_staff=True).values_list("email", flat=True))
    return [sent for sent in mail.outbox if set(sent.to) <= staff]


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def test_the_coach_is_emailed_the_new_review_with_its_due_date_and_working_links(
    client, tmp_path, coaches, coached_order, django_capture_on_commit_callbacks
):
    alice, _ = coaches
    with django_capture_on_commit_callbacks(execute=True):
        order = coached_order(tmp_path, 1)

    assert order.coach == alice
    assert len(coach_mail()) == 1
    sent = coach_mail()[0]
    assert sent.to == [alice.email]
    assert sent.subject == f"[Voiceprint] A coached profile to review: {order.client}"
    due = services.review_due(order)
    assert f"due by {due:%A} {due.day} {due:%B %Y}" in sent.body
    assert f"({settings.REVIEW_TURNAROUND_WORKING_DAYS} working days after the order)" in sent.body
    assert "127.0.0.1" not in sent.body
    assert ":8000" not in sent.body
    html, kind = sent.alternatives[0]
    assert kind == "text/html"
    assert f"<strong>{order.client}</strong>" in html
    links = [line for line in sent.body.splitlines() if line.startswith(SITE)]
    assert links == [
        f"{SITE}/admin/coaching/report/{order.report.pk}/review/",
        f"{SITE}/admin/coaching/report/{order.report.pk}/change/",
    ]
    client.force_login(alice)
    for link in links:
        assert client.get(link.removeprefix(SITE)).status_code == 200, link
        assert f'href="{link}"' in html


def test_the_new_review_email_is_sent_once_however_often_the_step_runs(
    tmp_path, coaches, coached_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = coached_order(tmp_path, 1)
        workflow.write_report(order.pk)  # a redelivered task
        assert services.coach_notify_new_review(order_id=order.pk) is False

    assert len(coach_mail()) == 1


def test_the_coach_an_order_is_reassigned_to_is_emailed_but_not_one_who_takes_it_themselves(
    client, tmp_path, coaches, coached_order, django_capture_on_commit_callbacks
):
    alice, bob = coaches
    order = coached_order(tmp_path, 1)  # e-mail not sent: its callbacks were not run
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/coaching/order/{order.pk}/change/", {"coach": bob.pk})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.coach == bob
    assert [sent.to for sent in coach_mail()] == [[bob.email]]

    Order.objects.filter(pk=order.pk).update(coach=None)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/coaching/order/", {"action": "assign_to_me", "_selected_action": [order.pk]})
    order.refresh_from_db()
    assert order.coach == alice
    assert len(coach_mail()) == 1  # alice took it herself: nothing to tell her


def test_the_overdue_digest_lists_each_coachs_late_reviews_once_a_day(
    tmp_path, coaches, coached_order, django_capture_on_commit_callbacks
):
    alice, _ = coaches
    late = coached_order(tmp_path, 1)
    on_time = coached_order(tmp_path, 2)
    Order.objects.filter(pk__in=[late.pk, on_time.pk]).update(coach=alice)
    Order.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=14))
    late.refresh_from_db()
    # Noon today: "three hours later, the same day" must hold whenever the suite runs (after 21:00
    # UTC, three hours on is tomorrow).
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.overdue_reviews_digest(now=now) == 1
        assert services.overdue_reviews_digest(now=now + timedelta(hours=3)) == 0  # the same day

    assert len(coach_mail()) == 1
    digest = coach_mail()[0]
    assert digest.to == [alice.email]
    assert digest.subject == "[Voiceprint] 1 review(s) overdue"
    assert str(late.client) in digest.body
    assert f"{SITE}/admin/coaching/report/{late.report.pk}/review/" in digest.body
    assert str(on_time.client) not in digest.body

    with django_capture_on_commit_callbacks(execute=True):
        assert workflow.email_overdue_reviews.apply().get() == 0  # today: already sent
        assert services.overdue_reviews_digest(now=now + timedelta(days=1)) == 1
    assert len(coach_mail()) == 2
    assert all(sent.to == [alice.email] for sent in coach_mail())


def test_the_digest_is_scheduled_daily_by_celery_beat():
    schedule = settings.CELERY_BEAT_SCHEDULE["email-overdue-reviews"]
    assert schedule["task"] == workflow.email_overdue_reviews.name
    assert schedule["schedule"].remaining_estimate(timezone.now()) <= timedelta(days=1)


def test_the_demo_order_emails_no_coach(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True  # seed_demo refuses to publish its passwords on a production site
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")

    assert Order.objects.get(client__email="client@voiceprint.example").stage == Order.Stage.DELIVERED
    assert coach_mail() == []
