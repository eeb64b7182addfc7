"""Reviewing a coached report: notes, publishing once, locking, reopening, re-running."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from coaching import services
from coaching.models import Annotation, FindingAdjustment, Order
from profiles import workflow as profile_workflow
from tests.factories import UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def summary_note(order: Order, coach, text: str = "A strong start: keep replying.", **fields) -> Annotation:
    return Annotation.objects.create(report=order.report, section="summary", text=text, coach=coach, **fields)


def test_publishing_needs_a_client_note_on_the_summary(tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    summary_note(order, alice, visibility=Annotation.Visibility.INTERNAL)

    with pytest.raises(services.ReviewError, match="Add a note for the client on the Summary"):
        services.report_publish(order_id=order.pk, by=alice)


def test_only_the_assigned_coach_or_a_superuser_publishes(tmp_path, coaches, coached_order):
    alice, bob = coaches
    order = coached_order(tmp_path, 1)
    assert order.coach == alice
    summary_note(order, alice)

    with pytest.raises(services.ReviewError, match="Only the coach assigned"):
        services.report_publish(order_id=order.pk, by=bob)
    assert services.report_publish(order_id=order.pk, by=alice).stage == Order.Stage.DELIVERED


def test_publishing_twice_emails_the_client_once(tmp_path, coaches, django_capture_on_commit_callbacks, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    summary_note(order, alice)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_publish(order_id=order.pk, by=alice)
        services.report_publish(order_id=order.pk, by=alice)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [order.client.email]
    assert f"/orders/{order.pk}/report/" in mail.outbox[0].body


def test_the_client_sees_client_notes_attributed_and_never_internal_ones(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    summary_note(order, alice, text="Your <em>replies</em> are your strength.")
    Annotation.objects.create(
        report=order.report, section="tone", text="INTERNAL: check the March dip", coach=alice, visibility="internal"
    )
    services.report_publish(order_id=order.pk, by=alice)
    client.force_login(order.client)

    page = client.get(f"/orders/{order.pk}/report/").content.decode()
    pdf = client.get(f"/orders/{order.pk}/report.pdf").getvalue()

    assert "Your &lt;em&gt;replies&lt;/em&gt; are your strength." in page
    assert f"Your coach, {alice.get_full_name()}:" in page
    assert "INTERNAL" not in page
    assert b"INTERNAL" not in pdf


def test_a_published_report_is_locked_until_reopened_and_the_reopening_is_recorded(
    client, tmp_path, coaches, coached_order
):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    summary_note(order, alice)
    services.report_publish(order_id=order.pk, by=alice)
    client.force_login(alice)

    page = client.get(f"/admin/coaching/report/{order.report.pk}/change/").content.decode()
    assert 'name="annotations-0-text"' not in page  # the notes are read-only

    with pytest.raises(services.ReviewError, match="Say why"):
        services.report_reopen(order_id=order.pk, by=alice, reason=" ")
    services.report_reopen(order_id=order.pk, by=alice, reason="The client asked about weekends")

    order.refresh_from_db()
    assert order.stage == Order.Stage.IN_REVIEW
    reasons = [entry.history_change_reason for entry in order.report.history.all()]
    assert "reopened: The client asked about weekends" in reasons
    assert "published" in reasons
    page = client.get(f"/admin/coaching/report/{order.report.pk}/change/").content.decode()
    assert 'name="annotations-0-text"' in page


def test_the_review_page_shows_the_report_with_internal_notes_to_its_coach_only(
    client, tmp_path, coaches, coached_order
):
    alice, bob = coaches
    order = coached_order(tmp_path, 1)
    Annotation.objects.create(report=order.report, section="tone", text="Internal: March dip", coach=alice,
                              visibility="internal")  # fmt: skip
    client.force_login(alice)

    page = client.get(f"/admin/coaching/report/{order.report.pk}/review/").content.decode()

    assert "Your coaching plan" in page
    assert "Internal: March dip" in page
    client.force_login(bob)
    assert client.get(f"/admin/coaching/report/{order.report.pk}/review/").status_code == 404


def test_a_coach_adds_notes_inline_and_is_recorded_as_their_author(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    client.force_login(alice)
    url = f"/admin/coaching/report/{order.report.pk}/change/"

    response = client.post(
        url,
        {
            "annotations-TOTAL_FORMS": "1",
            "annotations-INITIAL_FORMS": "0",
            "annotations-MIN_NUM_FORMS": "0",
            "annotations-MAX_NUM_FORMS": "1000",
            "annotations-0-section": "summary",
            "annotations-0-visibility": "client",
            "annotations-0-text": "Lovely balance of voices.",
            "finding_adjustments-TOTAL_FORMS": "0",
            "finding_adjustments-INITIAL_FORMS": "0",
            "finding_adjustments-MIN_NUM_FORMS": "0",
            "finding_adjustments-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    note = Annotation.objects.get()
    assert (note.coach, note.text) == (alice, "Lovely balance of voices.")
    assert note.history.first().history_user == alice


def test_rerunning_the_analysis_rewrites_the_report_and_keeps_the_notes(tmp_path, coaches, coached_order):
    alice, bob = coaches
    order = coached_order(tmp_path, 1)
    note = summary_note(order, alice)

    with pytest.raises(services.ReviewError, match="Only the coach assigned"):
        services.order_rerun(order_id=order.pk, by=bob)
    profile = services.order_rerun(order_id=order.pk, by=alice)
    profile_workflow.profile_run(profile_id=profile.pk)
    order = services.order_write_report(order_id=order.pk)
    profile.refresh_from_db()

    assert order.stage == Order.Stage.IN_REVIEW
    assert order.profile == profile
    assert order.report.annotations.get() == note
    assert order.report.profile == profile.result


def test_a_rerun_analysis_keeps_the_clients_role_and_goals(tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1, role="family lawyer", goals="speaking invitations")

    profile = services.order_rerun(order_id=order.pk, by=alice)
    profile_workflow.profile_run(profile_id=profile.pk)
    order = services.order_write_report(order_id=order.pk)

    assert (profile.role, profile.goals) == ("family lawyer", "speaking invitations")
    assert order.report.profile["role"]["text"] == "family lawyer"
    assert order.report.profile["role"]["goals"] == ["speaking"]


def test_strangers_in_the_admin_see_no_reports(client, tmp_path, coaches, coached_order):
    order = coached_order(tmp_path, 1)
    client.force_login(UserFactory(is_staff=True))  # staff, but not a coach of this order

    assert client.get(f"/admin/coaching/report/{order.report.pk}/change/").status_code in (302, 403)


def test_reworded_hidden_and_own_findings_reach_the_client_escaped_and_attributed(client, tmp_path, coaches,
                                                                                   coached_order):  # fmt: skip
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    findings = order.report.profile["findings"]
    assert len(findings) >= 2
    reworded, hidden = findings[0], findings[1]
    post_id = order.history.posts.first().external_id
    FindingAdjustment.objects.create(
        report=order.report, finding_code=reworded["code"], headline="Talk with people, <i>not at them</i>",
        recommendation="Answer <b>three</b> people a day.", coach=alice,
    )  # fmt: skip
    FindingAdjustment.objects.create(report=order.report, finding_code=hidden["code"], hidden=True, coach=alice)
    FindingAdjustment.objects.create(
        report=order.report, headline="Show the work behind the scenes", recommendation="One photo a week.",
        severity="high", example_post_ids=[post_id], coach=alice,
    )  # fmt: skip
    summary_note(order, alice)
    services.report_publish(order_id=order.pk, by=alice)
    client.force_login(order.client)

    page = client.get(f"/orders/{order.pk}/report/").content.decode()
    pdf = pdf_text(client.get(f"/orders/{order.pk}/report.pdf").getvalue())

    assert "Answer &lt;b&gt;three&lt;/b&gt; people a day." in page
    assert "Talk with people, &lt;i&gt;not at them&lt;/i&gt;" in page
    assert reworded["headline"] not in page
    assert f"Adjusted by your coach, {alice.get_full_name()}." in page
    assert hidden["headline"] not in page
    assert "Show the work behind the scenes" in page
    assert f"Added by your coach, {alice.get_full_name()}." in page
    assert "Answer <b>three</b> people a day." in pdf
    assert "Talk with people, <i>not at them</i>" in pdf
    assert hidden["headline"] not in pdf


def test_an_adjustment_must_name_a_finding_of_the_report_and_the_clients_posts(tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)

    with pytest.raises(ValidationError, match="This report has no finding 'made_up'"):
        FindingAdjustment(report=order.report, finding_code="made_up", coach=alice).full_clean()
    with pytest.raises(ValidationError, match="Not posts of this client: 42"):
        FindingAdjustment(report=order.report, headline="Mine", example_post_ids=["42"], coach=alice).full_clean()


def test_publish_and_reopen_from_the_queue_ask_first(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    summary_note(order, alice)
    client.force_login(alice)
    selected = {"_selected_action": [order.pk]}

    asked = client.post("/admin/coaching/order/", {"action": "publish", **selected})
    assert "Publish these reports?" in asked.content.decode()
    client.post("/admin/coaching/order/", {"action": "publish", "confirmed": "yes", **selected})
    order.refresh_from_db()
    assert order.stage == Order.Stage.DELIVERED

    no_reason = client.post("/admin/coaching/order/", {"action": "reopen", "confirmed": "yes", **selected})
    assert "Please say why the report is reopened." in no_reason.content.decode()
    client.post("/admin/coaching/order/", {"action": "reopen", "confirmed": "yes", "reason": "Typo", **selected})
    order.refresh_from_db()
    assert order.stage == Order.Stage.IN_REVIEW
    assert order.report.history.first().history_change_reason == "reopened: Typo"


def test_a_note_on_one_finding_is_shown_under_that_finding(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    first, second = order.report.profile["findings"][:2]
    note = Annotation(report=order.report, section="summary", finding_code=first["code"], text="Start here.",
                      coach=alice)  # fmt: skip
    note.full_clean()
    note.save()
    assert note.section == "plan"
    summary_note(order, alice)
    services.report_publish(order_id=order.pk, by=alice)
    client.force_login(order.client)

    page = client.get(f"/orders/{order.pk}/report/").content.decode()

    under_first = page[page.index(first["headline"]) : page.index(second["headline"])]
    assert "Start here." in under_first
    with pytest.raises(ValidationError, match="This report's findings are"):
        Annotation(report=order.report, section="plan", finding_code="nope", text="x").full_clean()


def test_coaches_search_their_clients_posts_for_ids_to_cite(client, tmp_path, coaches, coached_order):
    alice, bob = coaches
    order = coached_order(tmp_path, 1)
    post = order.history.posts.first()
    post.text = "Lovely <b>walk</b> with the dog this morning"
    post.save()
    client.force_login(alice)

    page = client.get(f"/admin/coaching/report/{order.report.pk}/posts/", {"q": "walk DOG"}).content.decode()

    assert post.external_id in page
    assert "Lovely &lt;b&gt;walk&lt;/b&gt; with the dog" in page
    client.force_login(bob)
    assert client.get(f"/admin/coaching/report/{order.report.pk}/posts/", {"q": "walk"}).status_code == 404
