"""Every e-mail the site sends, rendered: signed with SITE_NAME, the client named, links that work.

Each is produced by the real flow that sends it (sign-up, a password reset, an order placed,
delivered, failed, published by a coach) and checked in both parts, plain text and HTML.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import Resolver404, resolve

from coaching import services
from coaching.models import Order
from tests.coaching.test_review import summary_note
from tests.coaching.test_views import PASSWORD, delivered_order, order_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SITE_URL = "https://coaching.example.net"
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def _public_site(settings):
    settings.SITE_URL = SITE_URL
    settings.SITE_NAME = "Voiceprint Coaching"
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Voiceprint Coaching] "
    # allauth counts sign-ups and resets per address in the cache: these tests must not use up
    # the allowance of the tests that run after them.
    cache.clear()
    yield
    cache.clear()


def check_email(message: mail.EmailMessage, *, addressed: str) -> list[str]:
    """Asserts what every e-mail must carry; returns the links of its plain-text part but the signature's."""
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    for part in (message.subject, message.body, html):
        assert "testserver" not in part
        assert not re.search(r"(127\.0\.0\.1|localhost):\d+", part), part
        assert "example.com" not in part
    assert message.subject.startswith("[Voiceprint Coaching] ")
    assert f"Hello {addressed}," in message.body
    assert f"Hello {addressed}," in html
    assert "Voiceprint Coaching" in message.body
    assert message.body.rstrip().endswith(f"Voiceprint Coaching\n{SITE_URL}/")  # the signature
    links = [link for link in LINK.findall(message.body) if link.startswith(SITE_URL) and link != f"{SITE_URL}/"]
    assert links, "no link to the site"
    assert set(links) <= set(LINK.findall(html)), "the HTML part links elsewhere than the text part"
    return links


def follow(client, link: str) -> int:
    """The status the site answers for the link's path (its route must exist)."""
    path = urlsplit(link).path
    try:
        resolve(path)
    except Resolver404:
        pytest.fail(f"{link} leads nowhere")
    return client.get(path, follow=True).status_code


def test_the_verification_email(client):
    client.post("/accounts/signup/", {"email": "pat@example.org", "password1": PASSWORD, "password2": PASSWORD})

    (message,) = mail.outbox
    (link,) = check_email(message, addressed="pat@example.org")  # no name given at sign-up
    assert "/accounts/confirm-email/" in link
    page = client.get(urlsplit(link).path).content.decode()
    assert "is an email address for user" not in page
    assert "Is <strong>pat@example.org</strong> your address?" in page
    client.post(urlsplit(link).path)
    assert EmailAddress.objects.get(email="pat@example.org").verified


def test_the_password_reset_email(client):
    kim = UserFactory(email="kim@example.org", first_name="Kim", last_name="Lee")
    EmailAddress.objects.create(user=kim, email=kim.email, verified=True, primary=True)

    client.post("/accounts/password/reset/", {"email": "kim@example.org"})

    (message,) = mail.outbox
    (link,) = check_email(message, addressed="Kim Lee")
    assert "/accounts/password/reset/key/" in link
    assert "new password" in client.get(urlsplit(link).path, follow=True).content.decode().lower()


def test_the_email_to_an_address_without_an_account(client):
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    (message,) = mail.outbox
    (link,) = check_email(message, addressed="nobody@example.org")
    assert follow(client, link) == 200


def test_the_email_to_an_address_that_already_has_an_account(client):
    UserFactory(email="kim@example.org", first_name="Kim", last_name="Lee")

    client.post("/accounts/signup/", {"email": "kim@example.org", "password1": PASSWORD, "password2": PASSWORD})

    (message,) = mail.outbox
    (link,) = check_email(message, addressed="Kim Lee")
    assert follow(client, link) == 200


def test_the_order_received_and_report_ready_emails(client, tmp_path, django_capture_on_commit_callbacks, caplog):
    alice = UserFactory(email="alice@example.org", first_name="Alice", last_name="Moreau")
    client.force_login(alice)

    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        client.post("/orders/new/", order_form(tmp_path))
    order = Order.objects.get(client=alice)
    with django_capture_on_commit_callbacks(execute=True):
        from coaching import workflow  # noqa: PLC0415

        workflow.order_run_in_process(order_id=order.pk)

    received, ready = mail.outbox
    assert "We have your order: twitter-2024-03-01.zip" in received.subject
    assert [follow(client, link) for link in check_email(received, addressed="Alice Moreau")] == [200]
    assert "Your coaching report is ready" in ready.subject
    (report_link,) = check_email(ready, addressed="Alice Moreau")
    assert report_link == f"{SITE_URL}/orders/{order.pk}/report/"
    assert follow(client, report_link) == 200
    # Logged as the site's own record at INFO, not as a warning of a redirected stream.
    assert any(r.levelno == logging.INFO and "order_received" in r.getMessage() for r in caplog.records)


def test_the_order_failed_email_says_what_to_do(client, tmp_path, django_capture_on_commit_callbacks):
    alice = UserFactory(email="alice@example.org", first_name="Alice", last_name="Moreau")
    client.force_login(alice)
    order = delivered_order(alice, tmp_path)
    Order.objects.filter(pk=order.pk).update(stage=Order.Stage.IMPORTING)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.order_fail(order_id=order.pk, message="This file is not an archive we can read.", detail="test")
        services.order_fail(order_id=order.pk, message="again", detail="a second caller")  # e-mails once

    (message,) = mail.outbox
    links = check_email(message, addressed="Alice Moreau")
    assert "This file is not an archive we can read." in message.body
    assert "What to do" in message.body
    assert f"{SITE_URL}/orders/new/" in links
    assert {follow(client, link) for link in links} == {200}


def test_the_report_published_email_names_the_coach(
    client, tmp_path, coaches, coached_order, django_capture_on_commit_callbacks
):
    casey, _ = coaches
    order = coached_order(tmp_path, 1)
    order.client.first_name, order.client.last_name = "Sam", "Wright"
    order.client.save()
    client.force_login(order.client)
    summary_note(order, casey)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_publish(order_id=order.pk, by=casey)

    (message,) = mail.outbox
    (link,) = check_email(message, addressed="Sam Wright")
    assert f"{casey.get_full_name()}, your coach, has reviewed" in message.body
    assert follow(client, link) == 200
