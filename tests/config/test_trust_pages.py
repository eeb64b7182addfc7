"""The privacy notice, the terms and the prices: reachable from every page, the values from settings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.config.test_settings import run_django

pytestmark = pytest.mark.django_db


def test_it_links_privacy_and_terms_from_the_footer(client):
    page = client.get("/").content.decode()

    assert 'href="/privacy/"' in page
    assert 'href="/terms/"' in page


def test_the_privacy_notice_says_how_long_uploads_are_kept(client, settings):
    settings.UPLOAD_RETENTION_DAYS = 12

    page = client.get("/privacy/").content.decode()

    assert "12 days after" in page
    assert 'href="/my-account/"' in page  # how to delete it, or take a copy


def test_it_shows_the_prices_from_settings_on_the_home_page_and_the_terms(client, settings):
    settings.PRICE_SELF_SERVE, settings.PRICE_COACHED, settings.PRICE_CURRENCY = Decimal("39"), Decimal("99.5"), "CHF"

    for page in (client.get("/").content.decode(), client.get("/terms/").content.decode()):
        assert "Self-serve profile</td><td>39.00 CHF" in page or "Self-serve profile</strong>: 39.00 CHF" in page
        assert "99.50 CHF" in page


def test_it_names_the_site_by_site_name(client, settings):
    settings.SITE_NAME = "Stimmprofil"

    assert "<title>Stimmprofil</title>" in client.get("/terms/").content.decode().replace("Terms · ", "")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PRICE_COACHED", "a lot", "PRICE_COACHED='a lot' is not an amount"),
        ("PRICE_CURRENCY", "euro", "PRICE_CURRENCY"),
    ],
)
def test_a_bad_price_setting_stops_the_start(variable, value, message):
    result = run_django("check", **{variable: value})

    assert result.returncode != 0
    assert message in result.stderr
