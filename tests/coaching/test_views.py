"""The client's pages: sign-up, ordering, progress, the report, and nobody else's orders."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coaching import services, workflow
from coaching.models import Annotation, Order, Report
from profiles.models import Post
from samples.archives import TwitterAccount, write_twitter_archive
from samples.histories import professional_history
from tests.factories import UserFactory
from tests.pdf import pdf_pages_text, pdf_text

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unguessable passphrase"
REPORT_SECTIONS = ["Summary", "What you do well", "Your activity over time", "Tone", "Voice balance",
                   "Responsiveness", "Rhythm", "What works", "Your coaching plan", "Coach's notes",
                   "About this report"]  # fmt: skip


def archive_upload(tmp_path, name="twitter-2024-03-01.zip") -> SimpleUploadedFile:
    path = write_twitter_archive(tmp_path / name, professional_history(80, seed=2), TwitterAccount())
    return SimpleUploadedFile(name, path.read_bytes(), content_type="application/zip")


def order_form(tmp_path, **overrides):
    fields = {
        "history": archive_upload(tmp_path),
        "product": "self_serve",
        "timezone": "Europe/London",
        "working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
        "working_from": "08:30",
        "working_to": "17:30",
        "role": "Police inspector",
        "goals": "Talk with residents, not at them",
        "consent": "on",
    }
    return fields | overrides


def delivered_order(client_user, tmp_path, archive: bytes | None = None) -> Order:
    order = services.order_create(
        client=client_user,
        upload=io.BytesIO(archive or archive_upload(tmp_path).read()),
        original_name="twitter-2024-03-01.zip",
        product=Order.Product.SELF_SERVE,
        timezone_name="Europe/London",
        working_hours="Mon-Fri 09:00-17:00",
        consent=True,
    )
    return workflow.order_run_in_process(order_id=order.pk)


def test_a_new_client_signs_up_verifies_and_signs_in(client):
    response = client.post(
        "/accounts/signup/", {"email": "pat@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/orders/").status_code == 302  # not signed in until verified

    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body).group()
    client.post(urlsplit(link).path)
    response = client.post("/accounts/login/", {"login": "pat@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/orders/").status_code == 200


def test_the_order_form_creates_the_order_and_queues_it(client, tmp_path, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)

    with django_capture_on_commit_callbacks() as queued:
        response = client.post("/orders/new/", order_form(tmp_path))

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/orders/{order.pk}/"
    assert (order.client, order.working_hours, order.role) == (
        user,
        "Mon 08:30-17:30, Tue 08:30-17:30, Wed 08:30-17:30, Thu 08:30-17:30, Fri 08:30-17:30",
        "Police inspector",
    )
    assert len(queued) == 2  # the "order received" e-mail, then the order's chain


def test_form_errors_are_specific_and_keep_what_was_typed(client, tmp_path):
    client.force_login(UserFactory())

    response = client.post(
        "/orders/new/", order_form(tmp_path, consent="", timezone="Mars/Olympus", role="Family lawyer")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please agree to the processing of your posts" in page
    assert 'value="Family lawyer"' in page
    assert Order.objects.count() == 0


def test_the_order_page_and_progress_show_where_the_work_stands(client, tmp_path):
    user = UserFactory()
    client.force_login(user)
    order = delivered_order(user, tmp_path)

    page = client.get(f"/orders/{order.pk}/").content.decode()
    progress = client.get(f"/orders/{order.pk}/progress/").json()

    assert "Read your report" in page
    assert progress == {
        "stage": "delivered",
        "stage_label": "delivered",
        "done": None,
        "total": None,
        "message": "Your report is ready.",
        "finished": True,
    }


def test_the_report_shows_the_plan_and_the_headlines(client, tmp_path):
    user = UserFactory()
    client.force_login(user)
    order = delivered_order(user, tmp_path)

    page = client.get(f"/orders/{order.pk}/report/").content.decode()

    assert "Your coaching plan" in page
    assert "Share of your posts that are replies" in page
    for finding in order.report.profile["findings"]:
        assert finding["headline"] in page


@pytest.mark.parametrize("suffix", ["", "progress/", "report/", "delete/"])
def test_another_clients_order_does_not_exist_and_strangers_must_sign_in(client, tmp_path, suffix):
    order = delivered_order(UserFactory(), tmp_path)

    assert client.get(f"/orders/{order.pk}/{suffix}")["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory())
    assert client.get(f"/orders/{order.pk}/{suffix}").status_code == 404


def _rows() -> dict[str, int]:
    from profiles.models import AccountLink, HistoryProfile, PostHistory  # noqa: PLC0415

    return {
        model.__name__: model.objects.count()
        for model in (Order, Report, HistoryProfile, PostHistory, Post, AccountLink)
    }


def test_deleting_an_order_leaves_no_row_or_file_behind(client, tmp_path, settings, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = UserFactory()
    client.force_login(user)
    order = delivered_order(user, tmp_path)
    stored = order.history.upload.path
    assert client.get(f"/orders/{order.pk}/delete/").status_code == 200  # asks first

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/orders/{order.pk}/delete/")

    assert response["Location"] == "/orders/"
    assert set(_rows().values()) == {0}
    assert not (tmp_path / "media").exists() or not any(p.is_file() for p in (tmp_path / "media").rglob("*"))
    assert not Path(stored).exists()


def test_deleting_one_order_keeps_a_file_another_order_still_uses(client, tmp_path):
    user = UserFactory()
    client.force_login(user)
    archive = archive_upload(tmp_path).read()
    first = delivered_order(user, tmp_path, archive)
    second = delivered_order(user, tmp_path, archive)  # the same file: the same stored history
    assert first.history_id == second.history_id

    client.post(f"/orders/{first.pk}/delete/")

    assert _rows()["Order"] == 1
    assert _rows()["Post"] == 80
    assert Path(second.history.upload.path).exists()


def test_post_text_is_escaped_in_the_report_and_the_pdf(client, tmp_path):
    user = UserFactory()
    client.force_login(user)
    order = delivered_order(user, tmp_path)
    finding = order.report.profile["findings"][0]
    Post.objects.filter(history=order.history, external_id=finding["example_post_ids"][0]).update(
        text="<script>alert('x')</script> Call 101"
    )

    page = client.get(f"/orders/{order.pk}/report/").content.decode()
    pdf = client.get(f"/orders/{order.pk}/report.pdf")

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Call 101" in page
    text = pdf_text(pdf.getvalue())
    assert "<script>alert('x')</script> Call 101" in text  # shown as text, never run


def test_the_pdf_has_a_cover_numbered_pages_and_every_section(client, tmp_path):
    user = UserFactory(first_name="Sam", last_name="Wright")
    client.force_login(user)
    order = delivered_order(user, tmp_path)

    response = client.get(f"/orders/{order.pk}/report.pdf")

    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages_text(response.getvalue())
    assert "Voiceprint coaching report" in pages[0]
    assert "Sam Wright" in pages[0]
    assert f"Page 2 of {len(pages)}" in pages[1]
    body = "\n".join(pages[1:])
    assert [name for name in REPORT_SECTIONS if name not in body] == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_whole_flow_from_sign_up_to_a_second_report(client, tmp_path, celery_worker_process):
    client.post("/accounts/signup/", {"email": "sam@example.org", "password1": PASSWORD, "password2": PASSWORD})
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body).group()
    client.post(urlsplit(link).path)
    client.post("/accounts/login/", {"login": "sam@example.org", "password": PASSWORD})

    reports = []
    for seed in (2, 5):
        path = write_twitter_archive(
            tmp_path / f"archive-{seed}.zip", professional_history(150, seed=seed), TwitterAccount()
        )
        upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/zip")
        response = client.post("/orders/new/", order_form(tmp_path, history=upload))
        order_url = response["Location"]

        progress = client.get(f"{order_url}progress/").json()
        deadline = time.monotonic() + 90
        while not progress["finished"] and time.monotonic() < deadline:
            time.sleep(0.5)
            progress = client.get(f"{order_url}progress/").json()
        assert progress["stage"] == "delivered", progress["message"]

        page = client.get(f"{order_url}report/").content.decode()
        text = pdf_text(client.get(f"{order_url}report.pdf").getvalue())
        assert "Your coaching plan" in page
        assert [name for name in REPORT_SECTIONS if name not in text] == []
        reports.append(Order.objects.get(pk=int(order_url.strip("/").split("/")[-1])).report)

    first, second = reports
    reply_share = second.changes["reply_share"]
    assert reply_share["before"] == first.profile["responsiveness"]["reply_share"]
    assert reply_share["now"] == second.profile["responsiveness"]["reply_share"]


def test_a_coached_report_is_hidden_until_published_and_shows_the_coachs_notes(client, tmp_path):
    user = UserFactory()
    client.force_login(user)
    order = services.order_create(
        client=user,
        upload=io.BytesIO(archive_upload(tmp_path).read()),
        original_name="twitter-2024-03-01.zip",
        product=Order.Product.COACHED,
        timezone_name="Europe/London",
        working_hours="Mon-Fri 09:00-17:00",
        consent=True,
    )
    order = workflow.order_run_in_process(order_id=order.pk)
    coach = UserFactory(first_name="Casey", last_name="Coach", is_staff=True)
    Annotation.objects.create(
        report=order.report, section="rhythm", text="Try <b>scheduling</b> evening posts.", coach=coach
    )

    assert client.get(f"/orders/{order.pk}/report/").status_code == 404
    assert "with your coach for review" in client.get(f"/orders/{order.pk}/").content.decode()

    Report.objects.filter(pk=order.report.pk).update(published_at=timezone.now())
    Order.objects.filter(pk=order.pk).update(stage=Order.Stage.DELIVERED)
    page = client.get(f"/orders/{order.pk}/report/").content.decode()

    assert "Your coach, Casey Coach:" in page
    assert "Try &lt;b&gt;scheduling&lt;/b&gt; evening posts." in page
    rhythm = page[page.index('id="rhythm"') : page.index('id="engagement"')]
    assert "Try &lt;b&gt;scheduling" in rhythm  # next to the section it is about


def test_a_client_can_reset_a_forgotten_password(client):
    user = UserFactory(email="kim@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    client.post("/accounts/password/reset/", {"email": "kim@example.org"})
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+/", mail.outbox[0].body).group()
    form_page = client.get(urlsplit(link).path, follow=True)
    new = "another long and unguessable passphrase"
    client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})

    assert client.login(email="kim@example.org", password=new)


def test_no_client_page_may_be_kept_by_a_shared_cache_or_on_disk(client, tmp_path):
    user = UserFactory()
    client.force_login(user)
    order = delivered_order(user, tmp_path)

    for url in (
        "/orders/",
        "/orders/new/",
        f"/orders/{order.pk}/",
        f"/orders/{order.pk}/progress/",
        f"/orders/{order.pk}/report/",
        f"/orders/{order.pk}/report.pdf",
        f"/orders/{order.pk}/delete/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url
