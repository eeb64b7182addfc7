"""The account page: a copy of all the client's data, and closing the account with nothing left."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.db.models import Q

from coaching import services
from coaching.models import Annotation, Order, Report, User
from profiles.models import AccountLink, HistoryProfile, Post, PostHistory
from tests.coaching.test_views import delivered_order
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _delivered(user: User, folder: Path) -> Order:
    folder.mkdir(parents=True, exist_ok=True)
    return delivered_order(user, folder)


def _client_rows(user_id: int, email: str) -> dict[str, int]:
    """Every row anywhere that belongs to the client, by table."""
    return {
        "user": User.objects.filter(pk=user_id).count(),
        "email addresses": EmailAddress.objects.filter(Q(user_id=user_id) | Q(email__iexact=email)).count(),
        "orders": Order.objects.filter(client_id=user_id).count(),
        "reports": Report.objects.filter(order__client_id=user_id).count(),
        "report history": Report.history.filter(order__client_id=user_id).count(),
        "histories": PostHistory.objects.filter(owner_id=user_id).count(),
        "profiles": HistoryProfile.objects.filter(history__owner_id=user_id).count(),
        "posts": Post.objects.filter(history__owner_id=user_id).count(),
        "account links": AccountLink.objects.filter(history__owner_id=user_id).count(),
    }


def test_it_downloads_orders_reports_and_posts_as_a_zip(client, tmp_path):
    alice = UserFactory(email="alice@example.org")
    order = delivered_order(alice, tmp_path)
    _delivered(UserFactory(email="charlie@example.org"), tmp_path / "other")  # a stranger's order
    client.force_login(alice)

    response = client.post("/my-account/download/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="voiceprint-my-data.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    history = order.history
    assert names == {
        "account.json",
        "orders.json",
        f"reports/{order.pk}.json",
        f"reports/{order.pk}.pdf",
        f"histories/{history.pk}/posts.csv",
        f"histories/{history.pk}/posts.jsonl",
    }
    assert json.loads(archive.read("account.json"))["email"] == "alice@example.org"
    (placed,) = json.loads(archive.read("orders.json"))
    assert (placed["order"], placed["timezone"]) == (order.pk, "Europe/London")
    assert json.loads(archive.read(f"reports/{order.pk}.json"))["profile"] == order.report.profile
    assert archive.read(f"reports/{order.pk}.pdf").startswith(b"%PDF")
    rows = list(csv.DictReader(io.StringIO(archive.read(f"histories/{history.pk}/posts.csv").decode())))
    assert [row["external_id"] for row in rows] == list(history.posts.values_list("external_id", flat=True))
    lines = archive.read(f"histories/{history.pk}/posts.jsonl").decode().splitlines()
    assert len(lines) == history.posts.count() > 0


def test_it_refuses_a_download_by_get_and_to_strangers(client):
    assert client.post("/my-account/download/")["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory())
    assert client.get("/my-account/download/").status_code == 405


def test_it_closes_the_account_leaving_nothing_in_the_database_or_on_disk(
    client, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    alice = UserFactory(email="alice@example.org")
    EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
    first = delivered_order(alice, tmp_path)
    second = _delivered(alice, tmp_path / "second")
    Annotation.objects.create(report=first.report, section="summary", text="A note for Alice")
    charlie_order = _delivered(UserFactory(email="charlie@example.org"), tmp_path / "charlie")
    held = services.upload_hold(
        client=alice, upload=io.BytesIO(b"a file sent with a form error"), original_name="a.zip"
    )
    files = [Path(first.history.upload.path), Path(second.history.upload.path), tmp_path / "media" / held.stored_name]
    assert all(path.exists() for path in files)
    client.force_login(alice)
    assert "Close my account" in client.get("/my-account/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/my-account/close/", {"password": DEFAULT_PASSWORD, "confirm": "on"})

    assert response["Location"] == "/"
    assert set(_client_rows(alice.pk, "alice@example.org").values()) == {0}
    assert Annotation.history.filter(text="A note for Alice").count() == 0
    assert not any(path.exists() for path in files)
    # Only the stranger's upload is left on disk, and the stranger's order is untouched.
    assert [p for p in (tmp_path / "media").rglob("*") if p.is_file()] == [Path(charlie_order.history.upload.path)]
    assert Order.objects.filter(pk=charlie_order.pk).exists()
    assert client.get("/orders/")["Location"].startswith("/accounts/login/")  # signed out


def test_it_keeps_the_account_when_the_password_is_wrong(client, tmp_path):
    alice = UserFactory(email="alice@example.org")
    order = delivered_order(alice, tmp_path)
    client.force_login(alice)

    response = client.post("/my-account/close/", {"password": "not my password", "confirm": "on"})

    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert Order.objects.filter(pk=order.pk).exists()
    assert client.get("/orders/").status_code == 200


def test_it_asks_for_the_confirmation_tick(client):
    alice = UserFactory(email="alice@example.org")
    client.force_login(alice)

    response = client.post("/my-account/close/", {"password": DEFAULT_PASSWORD})

    assert "Tick the box" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
