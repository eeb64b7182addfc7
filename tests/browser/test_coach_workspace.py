"""The coach's workspace in a real browser, at 1280×800: the e-mail that brings a new review, the
queue, a post cited through the picker, a snippet inserted, an internal note shown as internal and
a quoted post's voice corrected. The order is analysed in-process; no worker is needed."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from coaching import services
from coaching.models import NoteSnippet, Order
from profiles.models import VoiceCorrection
from tests.browser.conftest import DESKTOP, Journey, last_link_in_outbox, policy_violations
from tests.coaching.conftest import make_coached_order

pytestmark = pytest.mark.django_db(transaction=True)
INTERNAL = "Check the March dip before the call."


def test_a_coach_cites_a_post_through_the_picker_and_sees_the_internal_note_as_internal(
    page: Page, live_server, journey: Journey, tmp_path
):
    base = live_server.url
    settings.SITE_URL = base  # the e-mail's links lead to this server
    coach_login, _ = services.DEMO_LOGINS
    services.demo_accounts_ensure()
    blocked = policy_violations(page)
    order = make_coached_order(tmp_path, seed=5)
    assert order.coach.email == coach_login.email
    NoteSnippet.objects.create(coach=order.coach, title="Thank repliers", text="Thank the people who reply to you.")
    post = order.history.posts.order_by("-created_at").first()
    word = max((each for each in post.text.split()[:8] if each.isalpha()), key=len)  # shown in the picker

    # The coach follows the new-review e-mail's link, signs in, and lands on the review page.
    assert len(mail.outbox) == 1
    page.goto(last_link_in_outbox(coach_login.email, "/review/"))
    page.get_by_label("E-mail address").fill(coach_login.email)
    page.get_by_label("Password").fill(coach_login.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Coach's review")).to_be_visible()
    journey.shot(page, "review-page-from-email")

    # The queue, legible at 1280 px: every column inside the window, none cut off.
    page.goto(f"{base}/admin/coaching/order/")
    results = page.locator("#changelist .results").bounding_box()
    assert results is not None
    for column in ("age", "history_file"):
        box = page.locator(f"#result_list thead th.column-{column}").bounding_box()
        assert box is not None, column
        assert box["x"] + box["width"] <= min(results["x"] + results["width"], DESKTOP["width"]), column
    assert page.evaluate("document.querySelector('#changelist .results').scrollWidth") <= results["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    journey.shot(page, "queue")

    # The order's page: read-only, no Save buttons, links to the report and the review page.
    page.goto(f"{base}/admin/coaching/order/{order.pk}/change/")
    expect(page.locator('input[name="_save"]')).to_have_count(0)
    expect(page.get_by_role("link", name="Review page (as the client reads it)")).to_be_visible()
    journey.shot(page, "order-page")
    page.get_by_role("link", name="Report and notes").click()

    # An internal note, begun with a snippet; a finding of the coach's own citing a picked post.
    note = page.locator("#annotations-0")
    note.get_by_label("Section").select_option("tone")
    note.get_by_label("Visibility").select_option("internal")
    note.get_by_label("Text").click()
    page.get_by_role("button", name="Thank repliers").click()
    expect(note.get_by_label("Text")).to_have_value("Thank the people who reply to you.")
    note.get_by_label("Text").press("End")
    note.get_by_label("Text").type(" " + INTERNAL)
    page.get_by_role("button", name="Add another Finding adjustment").click()
    adjustment = page.locator("#finding_adjustments-0")
    expect(adjustment.locator('select[name="finding_adjustments-0-finding_code"]')).to_have_value("")
    adjustment.get_by_label("Headline").fill("Thank the people who reply")
    adjustment.get_by_label("Severity").select_option("medium")
    adjustment.locator(".select2-selection").click()
    adjustment.locator(".select2-search__field").fill(word)
    option = page.locator(".select2-results__option", has_text=word).first
    expect(option).to_be_visible()
    journey.shot(page, "post-picker")
    option.click()
    journey.shot(page, "notes-and-adjustment")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    adjustment = order.report.finding_adjustments.get()
    assert adjustment.example_post_ids == [post.external_id]

    # The review page: the internal note in its own colour and label; the picked post quoted.
    page.get_by_role("link", name="Read the report as the client will").click()
    internal = page.locator(".internal-note", has_text=INTERNAL).first
    expect(internal).to_contain_text("Internal — not shown to the client")
    expect(internal).not_to_contain_text("Your coach")
    colours = page.evaluate(
        """() => [getComputedStyle(document.querySelector('.internal-note')).backgroundColor,
                  getComputedStyle(document.querySelector('.coach-note:not(.internal-note)') ||
                                   document.body).backgroundColor]"""
    )
    assert colours[0] != colours[1]
    internal.scroll_into_view_if_needed()
    journey.shot(page, "internal-note")

    # One click corrects the quoted post's voice, and the report says so.
    quote = page.locator("blockquote", has_text=post.text[:40]).first
    quote.get_by_role("button", name="corporate").click()
    expect(page.locator(".voice-corrected").first).to_contain_text("corrected by your coach")
    journey.shot(page, "voice-corrected")
    assert VoiceCorrection.objects.get(post=post).label == "corporate"
    assert Order.objects.get(pk=order.pk).stage == Order.Stage.IN_REVIEW
    assert blocked == [], "the Content-Security-Policy blocked something the pages use"
