"""A client's own journey in a real browser: a form error put right without choosing the file again,
X's zone name "Berlin" accepted, then a copy of all their data and the account closed, leaving
nothing of them in the database or on disk."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from playwright.sync_api import Page, expect

from coaching.models import Order, Report, User
from profiles.models import HistoryProfile, Post, PostHistory
from samples.demo_history import write_demo_archive
from tests.browser.conftest import PHONE, WORKER_STEP_TIMEOUT_MS, Journey, policy_violations
from tests.browser.test_journeys import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("celery_worker_process")]
PASSWORD = "a long and unguessable passphrase"


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def test_a_client_corrects_the_form_without_the_file_then_takes_their_data_and_leaves(
    page: Page, live_server, journey: Journey, tmp_path
):
    base = live_server.url
    archive = write_demo_archive(tmp_path / "twitter-archive.zip")
    pat = UserFactory(email="pat@example.org", password=PASSWORD, first_name="Pat", last_name="Keller")
    EmailAddress.objects.create(user=pat, email=pat.email, verified=True, primary=True)
    media_before = files_under(Path(settings.MEDIA_ROOT))
    blocked = policy_violations(page)
    sign_in(page, base, pat.email, PASSWORD)

    # Chooses the file and types X's own name for the zone, but forgets the consent.
    page.goto(base + "/orders/new/")
    expect(page.get_by_text("49.00 EUR", exact=True)).to_be_visible()
    page.get_by_label("Your post history").set_input_files(archive)
    page.get_by_label("Your time zone").fill("Berlin")
    page.get_by_role("button", name="Order my profile").click()
    expect(page.get_by_role("alert")).to_contain_text("we kept your file, so you need not choose it again")
    expect(page.locator("#held-upload")).to_contain_text("twitter-archive.zip")
    expect(page.locator("#id_consent_error")).to_contain_text("Please agree")
    expect(page.get_by_label("Your time zone")).to_have_value("Berlin")
    journey.shot(page, "form-error-file-kept")
    journey.shot(page, "form-error-file-kept", size=PHONE)

    # Ticks the box and sends the form again, without choosing the file.
    page.get_by_label("I agree that Voiceprint processes").check()
    page.get_by_role("button", name="Order my profile").click()
    expect(page.locator("#stage")).to_have_text("Delivered", timeout=WORKER_STEP_TIMEOUT_MS)
    journey.shot(page, "order-delivered")
    order = Order.objects.get(client=pat)
    stored, pat_id = order.history.upload.path, pat.pk
    assert order.timezone == "Europe/Berlin"
    assert order.history.original_name == "twitter-archive.zip"
    assert order.history.size_bytes == archive.stat().st_size

    # Downloads everything held about them.
    page.get_by_role("link", name="My account").click()
    expect(page.get_by_role("heading", name="Download all my data")).to_be_visible()
    journey.shot(page, "account")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data (.zip)").click()
    copy = tmp_path / "my-data.zip"
    download.value.save_as(copy)
    names = set(zipfile.ZipFile(copy).namelist())
    assert {"account.json", "orders.json", f"reports/{order.pk}.json", f"reports/{order.pk}.pdf"} <= names
    assert f"histories/{order.history_id}/posts.csv" in names

    # Closes the account: a wrong password first, then the right one.
    page.get_by_label("Your password, to confirm").fill("not my password")
    page.get_by_label("I understand that my orders").check()
    page.get_by_role("button", name="Close my account and delete everything").click()
    expect(page.locator("#id_password_error")).to_contain_text("That is not your password")
    assert User.objects.filter(pk=pat.pk).exists()
    page.get_by_label("Your password, to confirm").fill(PASSWORD)
    page.get_by_label("I understand that my orders").check()
    page.get_by_role("button", name="Close my account and delete everything").click()
    expect(page.get_by_role("status")).to_contain_text("Your account and all your data have been deleted")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    journey.shot(page, "account-closed")

    left = {
        "users": User.objects.filter(email="pat@example.org").count(),
        "addresses": EmailAddress.objects.filter(email="pat@example.org").count(),
        "orders": Order.objects.count(),
        "reports": Report.objects.count(),
        "report history": Report.history.count(),
        "histories": PostHistory.objects.count(),
        "profiles": HistoryProfile.objects.count(),
        "posts": Post.objects.count(),
    }
    assert set(left.values()) == {0}, left
    # Nothing of Pat's is left on disk (other tests' files, in the shared test folder, may be).
    assert files_under(Path(settings.MEDIA_ROOT)) - media_before == set()
    assert not [path for path in files_under(Path(settings.MEDIA_ROOT) / "held") if path.name.startswith(f"{pat_id}-")]
    assert not Path(stored).exists()
    assert blocked == [], "the Content-Security-Policy blocked something the pages use"
