from __future__ import annotations

import re

import pytest

# The preview is read from the demo report seed_demo stored, when there is one.
pytestmark = pytest.mark.django_db


def test_the_home_page_says_what_voiceprint_does_in_three_points(client):
    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Know how you sound online" in page
    assert re.findall(r'<span class="number" aria-hidden="true">(\d)</span>', page) == ["1", "2", "3"]


def test_the_home_page_previews_a_report_computed_from_the_sample_history(client):
    page = client.get("/").content.decode()

    assert "A report, in brief" in page
    assert "posts in a personal voice" in page
    assert len(re.findall(r"<strong>\d{1,3}%</strong>", page)) == 4
    assert "<svg" in page
    assert "When you post, by weekday and hour" in page


def test_the_site_uses_only_its_own_stylesheets_and_scripts(client):
    page = client.get("/").content.decode()

    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', page)
    assert assets
    assert all(asset.startswith("/static/") for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200
