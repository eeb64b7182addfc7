"""Hostile post text is shown, never obeyed: in the report, its PDF, the admin and the e-mails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from coaching import services
from coaching.models import Annotation, Order
from profiles.models import Post
from tests.coaching.conftest import make_coached_order
from tests.factories import UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
HOSTILE = {
    "script": "<script>alert('owned')</script> Call 101",
    "markup": '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">click</a>',
    "bidi": "Invoice \u202egnp.exe\u202c for the team",
    "invisible": "zero\u200bwidth\u200djoin\ufeffers",
    "long": "word " * 2000,  # 10,000 characters
    "emoji": "😂😂🙏🏽👍🏿🚓",
}


@pytest.fixture
def hostile_order(tmp_path, django_capture_on_commit_callbacks):
    """A published coached order whose quoted posts and template example carry the payloads."""
    coach = UserFactory(email="coach.hostile@example.org", is_staff=True, is_superuser=True)
    # 120 posts: enough findings to cite a post for every payload (each post is cited once).
    order = make_coached_order(tmp_path, seed=5, posts=120)
    Order.objects.filter(pk=order.pk).update(coach=coach)
    cited = [post_id for finding in order.report.profile["findings"] for post_id in finding["example_post_ids"]]
    assert len(cited) >= len(HOSTILE)
    for post_id, text in zip(cited, HOSTILE.values(), strict=False):
        Post.objects.filter(history=order.history, external_id=post_id).update(text=text)
    report = order.report
    for cluster in report.profile["voice"]["template_clusters"][:1]:
        cluster["example"] = HOSTILE["markup"]
    report.save(update_fields=["profile"])
    Annotation.objects.create(report=report, section="summary", text="Read these with care.", coach=coach)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes once the publish commits
        services.report_publish(order_id=order.pk, by=coach)
    order.refresh_from_db()
    return order, coach


def test_the_report_shows_hostile_posts_as_text_isolated_from_the_page(client, hostile_order):
    order, _ = hostile_order
    client.force_login(order.client)

    page = client.get(f"/orders/{order.pk}/report/").content.decode()

    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; Call 101" in page
    assert '<bdi class="post-text">Invoice \u202egnp.exe\u202c for the team</bdi>' in page  # cannot flip the page
    assert HOSTILE["emoji"] in page
    assert HOSTILE["long"] not in page  # a quote is cut to a readable length
    assert page.count("<script") == 1  # only the site's own script tag


def test_the_pdf_of_a_report_with_hostile_posts_renders_them_as_text(client, hostile_order):
    order, _ = hostile_order
    client.force_login(order.client)

    response = client.get(f"/orders/{order.pk}/report.pdf")

    assert response.status_code == 200
    text = pdf_text(response.getvalue())
    assert "<script>alert('owned')</script> Call 101" in text
    assert '<img src=x onerror="alert(1)">' in text


def test_the_admin_shows_hostile_posts_as_text(hostile_order):
    order, coach = hostile_order
    admin = Client()
    admin.force_login(coach)

    search = admin.get(f"/admin/coaching/report/{order.report.pk}/posts/?q=Call").content.decode()
    posts = admin.get("/admin/profiles/post/?q=onerror").content.decode()
    review = admin.get(f"/admin/coaching/report/{order.report.pk}/review/").content.decode()

    for page in (search, posts, review):
        assert "<script>alert" not in page
        assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in search
    assert "&lt;img src=x onerror=" in posts


def test_the_report_ready_email_carries_no_post_text(hostile_order):
    order, _ = hostile_order

    sent = [message for message in mail.outbox if order.client.email in message.to]

    assert len(sent) == 1
    for text in HOSTILE.values():
        assert text.strip()[:20] not in sent[0].body
    assert f"/orders/{order.pk}/report/" in sent[0].body
