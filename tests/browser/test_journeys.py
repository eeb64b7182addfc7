"""The site as its users meet it, in a real browser: a new client's coached order from the home
page to the PDF, with the coach's review in the admin; and a broken upload put right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from coaching import services
from coaching.models import Order
from samples.demo_history import write_demo_archive
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    WORKER_STEP_TIMEOUT_MS,
    Journey,
    last_link_in_outbox,
    policy_violations,
)
from tests.factories import UserFactory
from tests.pdf import embedded_fonts, emoji_font_installed, pdf_text

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("celery_worker_process")]
PASSWORD = "a long and unguessable passphrase"
COACH_NOTE = "Sam, your residents *love* the personal posts: keep them coming."
REWORDED = "Say it in your own words, every time"


@pytest.fixture
def demo_archive(tmp_path) -> Path:
    return write_demo_archive(tmp_path / "twitter-archive.zip")


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main form").get_by_role("button", name="Sign In").click()


def test_a_new_client_orders_a_coached_profile_and_reads_the_published_report(  # noqa: PLR0917 - fixtures
    page: Page, coach_browser: Page, live_server, journey: Journey, demo_archive: Path, tmp_path
):
    base = live_server.url
    coach_login, _ = services.DEMO_LOGINS
    services.demo_accounts_ensure()
    blocked = {"client": policy_violations(page), "coach": policy_violations(coach_browser)}

    # A visitor reads the home page, on a desktop and on a phone.
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="Know how you sound online")).to_be_visible()
    expect(page.locator(".points article")).to_have_count(3)
    expect(page.locator(".preview figure.chart svg")).to_be_visible()
    journey.shot(page, "home")
    journey.shot(page, "home", size=PHONE)

    # Signs up, and verifies the address with the link from the e-mail.
    page.get_by_role("button", name="Get your profile").click()
    page.get_by_label("Your name").fill("Sam Wright")
    page.get_by_label("Email").fill("sam.wright@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    journey.shot(page, "sign-up")
    page.locator("main form").get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    journey.shot(page, "verification-sent")
    page.goto(last_link_in_outbox("sam.wright@example.org", "/accounts/confirm-email/"))
    journey.shot(page, "confirm-email")
    page.locator("main form").get_by_role("button", name="Confirm").click()
    if "/accounts/login/" in page.url:
        sign_in(page, base, "sam.wright@example.org", PASSWORD)
    expect(page.get_by_role("heading", name="My orders")).to_be_visible()

    # Orders a coached profile of the archive, and watches it reach the coach.
    page.get_by_role("button", name="Order your first profile").click()
    page.get_by_label("Your post history").set_input_files(demo_archive)
    page.get_by_label("Coached profile").check()
    page.get_by_label("Your time zone").fill("Europe/London")
    page.get_by_label("Your role").fill("Police inspector")
    page.get_by_label("I agree that Voiceprint processes").check()
    journey.shot(page, "order-form")
    page.get_by_role("button", name="Order my profile").click()
    expect(page.locator("#progress")).to_be_visible()
    journey.shot(page, "order-progress")
    expect(page.locator("#stage")).to_have_text(re.compile("with your coach for review", re.I),
                                                timeout=WORKER_STEP_TIMEOUT_MS)  # fmt: skip
    journey.shot(page, "order-in-review")
    order = Order.objects.get(client__email="sam.wright@example.org")
    assert order.stage == Order.Stage.IN_REVIEW

    # The coach signs in to the admin, finds the order in the queue and reads the review page.
    coach = coach_browser
    coach.goto(base + "/admin/")
    coach.get_by_label("E-mail address").fill(coach_login.email)
    coach.get_by_label("Password").fill(coach_login.password)
    coach.get_by_role("button", name="Log in").click()
    coach.get_by_role("link", name="Orders").first.click()
    expect(coach.locator("#result_list")).to_contain_text("Sam Wright")  # the name given at sign-up
    journey.shot(coach, "coach-queue")
    coach.goto(f"{base}/admin/coaching/report/{order.report.pk}/change/")
    coach.get_by_role("link", name="Read the report as the client will").click()
    expect(coach.get_by_text("Coach's review")).to_be_visible()
    finding_code = coach.locator(".finding-code").first.inner_text()
    journey.shot(coach, "coach-review-page")

    # Writes a note for the client on the summary and rewords the first finding.
    coach.get_by_role("link", name="Back to the notes and adjustments").click()
    note = coach.locator("#annotations-0")
    note.get_by_label("Section").select_option("summary")
    note.get_by_label("Visibility").select_option("client")
    note.get_by_label("Text").fill(COACH_NOTE)
    coach.get_by_role("button", name="Add another Finding adjustment").click()
    adjustment = coach.locator("#finding_adjustments-0")
    adjustment.locator('select[name="finding_adjustments-0-finding_code"]').select_option(finding_code)
    adjustment.get_by_label("Headline").fill(REWORDED)
    journey.shot(coach, "coach-notes")
    coach.get_by_role("button", name="Save and continue editing").click()
    expect(coach.locator(".messagelist")).to_contain_text("was changed successfully")

    # Publishes, confirming first.
    coach.goto(f"{base}/admin/coaching/order/")
    coach.locator(f'input[name="_selected_action"][value="{order.pk}"]').check()
    coach.locator('select[name="action"]').select_option("publish")
    coach.get_by_role("button", name="Go").click()
    expect(coach.get_by_role("heading", name="Publish these reports?")).to_be_visible()
    journey.shot(coach, "coach-publish-confirmation")
    coach.get_by_role("button", name="Yes, publish").click()
    expect(coach.locator(".messagelist")).to_contain_text("published")
    journey.shot(coach, "coach-published")

    # The client is told, opens the delivered report: the note, the reworded finding, the charts.
    assert "/orders/" in last_link_in_outbox("sam.wright@example.org", "/report/")
    page.reload()
    page.get_by_role("button", name="Read your report").click()
    expect(page.get_by_role("heading", name="Your coaching report")).to_be_visible()
    expect(page.locator("#summary .coach-note")).to_contain_text("your residents love the personal posts")
    expect(page.locator("#plan")).to_contain_text(REWORDED)
    sections = ("summary", "strengths", "activity", "tone", "voice", "responsiveness", "rhythm", "engagement", "plan")
    for section in (*sections, "about"):
        expect(page.locator(f"section#{section}")).to_be_visible()
    drawn = [chart for chart in services.report_context(order.report)["charts"].values() if chart is not None]
    expect(page.locator("figure.chart svg")).to_have_count(len(drawn))
    expect(page.locator("section#activity figure.chart svg")).to_be_visible()
    expect(page.locator("section#strengths article.strength").first).to_be_visible()
    expect(page.locator("section#engagement .best-post").first).to_be_visible()
    # A cited post shows its local date and time ("Fri 9 Jan 2026, 12:42") and its kind.
    expect(page.locator("section#strengths .post-facts").first).to_contain_text(
        re.compile(r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}")
    )
    for size in (None, PHONE):
        if size:
            page.set_viewport_size(size)
        _assert_laid_out_within_the_page(page)
        journey.shot(page, "report")
    for size in (DESKTOP, PHONE):
        for section in ("strengths", "activity", "engagement"):
            journey.shot_of(page, f"section#{section}", f"report-{section}", size=size)
        journey.shot_of(page, "section#strengths .cited-post", "report-cited-post", size=size)

    # And downloads the PDF.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as PDF").click()
    pdf = journey.folder / download.value.suggested_filename
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes())
    assert "Voiceprint coaching report" in text
    assert "Sam Wright" in text.split("Page 2 of")[0]  # the cover names the client
    if emoji_font_installed():
        # The sample history's posts carry emoji; the PDF draws them from the emoji font.
        assert any(font.endswith("Noto-Color-Emoji") for font in embedded_fonts(pdf.read_bytes()))
    assert "keep them coming" in text
    assert REWORDED in text
    assert blocked == {"client": [], "coach": []}, "the Content-Security-Policy blocked something the pages use"


def test_a_broken_upload_is_explained_and_the_client_uploads_again(
    page: Page, live_server, journey: Journey, demo_archive: Path, tmp_path
):
    base = live_server.url
    client = UserFactory(email="pat@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=client, email=client.email, verified=True, primary=True)
    broken = tmp_path / "twitter-archive-broken.zip"
    broken.write_bytes(demo_archive.read_bytes()[: len(demo_archive.read_bytes()) // 2])
    sign_in(page, base, client.email, PASSWORD)

    # The skip link is the first thing the keyboard reaches.
    page.goto(base + "/orders/new/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the content")

    # Sent without a file: the error says what to do and is tied to the field.
    page.get_by_label("I agree that Voiceprint processes").check()
    page.get_by_role("button", name="Order my profile").click()
    history = page.get_by_label("Your post history")
    expect(page.get_by_role("alert")).to_contain_text("Your order was not placed")
    expect(history).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_history_error")).to_contain_text("Choose the file to profile")
    assert "id_history_error" in history.get_attribute("aria-describedby")
    journey.shot(page, "order-form-errors")
    journey.shot(page, "order-form-errors", size=PHONE)

    # A truncated archive: the order fails with a message naming the file and the fix.
    history.set_input_files(broken)
    page.get_by_label("I agree that Voiceprint processes").check()
    page.get_by_role("button", name="Order my profile").click()
    expect(page.locator("#stage")).to_have_text("Failed", timeout=WORKER_STEP_TIMEOUT_MS)
    expect(page.locator("#message")).to_contain_text("twitter-archive-broken.zip")
    journey.shot(page, "order-failed")

    # Uploads the whole archive instead and gets the report.
    page.get_by_role("button", name="Upload a corrected file").click()
    page.get_by_label("Your post history").set_input_files(demo_archive)
    page.get_by_label("I agree that Voiceprint processes").check()
    page.get_by_role("button", name="Order my profile").click()
    expect(page.locator("#stage")).to_have_text("Delivered", timeout=WORKER_STEP_TIMEOUT_MS)
    journey.shot(page, "order-delivered")
    page.get_by_role("button", name="Read your report").click()
    expect(page.locator("section#activity figure.chart svg")).to_be_visible()
    assert [order.stage for order in Order.objects.filter(client=client).order_by("pk")] == ["failed", "delivered"]


def _assert_laid_out_within_the_page(page: Page) -> None:
    """Nothing wider than the window (no sideways scrolling), and no chart overlapping another block."""
    overflow = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('main *')]
                .filter(el => el.getBoundingClientRect().right > width + 1 && !el.closest('.overflow-auto'))
                .map(el => el.tagName + '.' + el.className);
            const boxes = [...document.querySelectorAll('main section > *')].map(el => el.getBoundingClientRect());
            let overlaps = 0;
            for (let i = 1; i < boxes.length; i++) {
                if (boxes[i].height && boxes[i - 1].height && boxes[i].top < boxes[i - 1].bottom - 1) { overlaps++; }
            }
            return {wide: wide.slice(0, 5), scroll: document.documentElement.scrollWidth - width, overlaps};
        }"""
    )
    assert overflow == {"wide": [], "scroll": 0, "overlaps": 0}, overflow
