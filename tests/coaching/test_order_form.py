"""The order form: X's zone names, every error at once, a file never sent twice, a fair hourly limit."""

from __future__ import annotations

import io
import os
import re
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from coaching import services
from coaching.models import Order
from tests.coaching.test_views import archive_upload, order_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def held_files(media: Path) -> list[Path]:
    return sorted((media / "held").glob("*")) if (media / "held").exists() else []


def token_in(page: str) -> str:
    return re.search(r'name="upload_token" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("Berlin", "Europe/Berlin"), ("Pacific Time (US & Canada)", "America/Los_Angeles"), ("Kyiv", "Europe/Kyiv"),
     ("Europe/Kyiv", "Europe/Kyiv"), ("America/New York", "America/New_York")],
)  # fmt: skip
def test_it_takes_the_zone_names_x_uses(client, tmp_path, media, typed, zone):
    client.force_login(UserFactory())

    response = client.post("/orders/new/", order_form(tmp_path, timezone=typed))

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Order.objects.get().timezone == zone


def test_it_offers_the_zones_as_a_searchable_list_and_shows_the_prices(client, settings):
    settings.PRICE_SELF_SERVE, settings.PRICE_CURRENCY = 59, "EUR"
    client.force_login(UserFactory())

    page = client.get("/orders/new/").content.decode()

    assert 'list="id_timezone_choices"' in page
    assert '<datalist id="id_timezone_choices">' in page
    assert '<option value="Pacific Time (US &amp; Canada)">' in page
    assert '<option value="Europe/Berlin">' in page
    assert "59.00 EUR" in page
    assert 'href="/privacy/"' in page  # in the consent's label


def test_it_shows_every_error_on_the_first_submit(client, tmp_path, media):
    client.force_login(UserFactory())

    response = client.post("/orders/new/", order_form(tmp_path, history="", timezone="Mars/Olympus", consent=""))

    page = response.content.decode()
    assert "Choose the file to profile" in page
    assert "We do not know the time zone &quot;Mars/Olympus&quot;" in page
    assert "Please agree to the processing" in page
    assert Order.objects.count() == 0


def test_a_corrected_form_is_placed_with_the_file_sent_the_first_time(client, tmp_path, media):
    client.force_login(UserFactory())
    sent = archive_upload(tmp_path)
    sent_bytes = sent.read()
    sent.seek(0)
    first = client.post("/orders/new/", order_form(tmp_path, history=sent, timezone="Mars/Olympus"))
    page = first.content.decode()
    assert "we kept your file, so you need not choose it again" in page
    assert "twitter-2024-03-01.zip" in page
    assert len(held_files(media)) == 1

    second = client.post(
        "/orders/new/", order_form(tmp_path, history="", timezone="Berlin", upload_token=token_in(page))
    )

    order = Order.objects.get()
    assert second["Location"] == f"/orders/{order.pk}/"
    assert order.history.original_name == "twitter-2024-03-01.zip"
    assert Path(order.history.upload.path).read_bytes() == sent_bytes
    assert held_files(media) == []  # the held copy is released once the order has its own


def test_the_held_file_is_held_once_across_several_corrections(client, tmp_path, media):
    client.force_login(UserFactory())
    page = client.post("/orders/new/", order_form(tmp_path, timezone="Mars/Olympus")).content.decode()

    again = client.post(
        "/orders/new/", order_form(tmp_path, history="", consent="", upload_token=token_in(page))
    ).content.decode()

    assert "Please agree to the processing" in again
    assert token_in(again) == token_in(page)
    assert len(held_files(media)) == 1


def test_another_clients_token_names_no_file(client, tmp_path, media):
    client.force_login(UserFactory())
    token = token_in(client.post("/orders/new/", order_form(tmp_path, timezone="Mars/Olympus")).content.decode())
    client.force_login(UserFactory())

    page = client.post("/orders/new/", order_form(tmp_path, history="", upload_token=token)).content.decode()

    assert "The file could not be found: please choose it again." in page
    assert Order.objects.count() == 0


def test_stale_held_files_are_removed(media, settings):
    settings.HELD_UPLOAD_HOURS = 2
    alice = UserFactory()
    old = services.upload_hold(client=alice, upload=io.BytesIO(b"old"), original_name="old.zip")
    stale = time.time() - 3 * 3600
    os.utime(media / old.stored_name, (stale, stale))

    fresh = services.upload_hold(client=alice, upload=io.BytesIO(b"new"), original_name="new.zip")

    assert [path.name for path in held_files(media)] == [Path(fresh.stored_name).name]
    with pytest.raises(services.HeldUploadError, match="kept 2 hours"):
        services.upload_held(client=alice, token=old.token)


def _place(client_user, tmp_path, **fields) -> Order:
    return services.order_create(
        client=client_user,
        upload=io.BytesIO(archive_upload(tmp_path).read()),
        original_name="x.zip",
        product=Order.Product.SELF_SERVE,
        timezone_name=fields.get("timezone_name", "Europe/London"),
        working_hours="Mon-Fri 09:00-17:00",
        consent=True,
    )


def test_failed_orders_do_not_count_against_the_hourly_limit(tmp_path, settings, media):
    settings.ORDERS_PER_HOUR = 2
    alice = UserFactory()
    for _ in range(2):
        failed = _place(alice, tmp_path)
        Order.objects.filter(pk=failed.pk).update(stage=Order.Stage.FAILED)

    _place(alice, tmp_path)
    _place(alice, tmp_path)

    with pytest.raises(services.OrderError) as refusal:
        _place(alice, tmp_path)
    assert "being worked on" not in refusal.value.message


def test_the_limit_says_when_to_order_again_in_the_clients_zone(tmp_path, settings, media):
    settings.ORDERS_PER_HOUR = 1
    alice = UserFactory()
    first = _place(alice, tmp_path)
    Order.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    first.refresh_from_db()
    again_at = (first.created_at + timedelta(hours=1)).astimezone(ZoneInfo("Europe/Berlin"))

    with pytest.raises(services.OrderError) as refusal:
        _place(alice, tmp_path, timezone_name="Europe/Berlin")

    assert f"from {again_at:%H:%M} ({again_at.tzname()})" in refusal.value.message
    assert again_at.tzname() in {"CET", "CEST"}
