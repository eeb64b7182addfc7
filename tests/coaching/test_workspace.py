"""The coach's workspace in the admin: internal notes that look internal, a read-only order page
with its links, accurate confirmations."""

from __future__ import annotations

import pytest

from coaching.models import Annotation, NoteSnippet, Order
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_internal_notes_are_labelled_internal_on_the_review_page_and_never_signed_your_coach(
    client, tmp_path, coaches, coached_order
):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    Annotation.objects.create(report=order.report, section="tone", text="Check the March dip", coach=alice,
                              visibility="internal")  # fmt: skip
    Annotation.objects.create(report=order.report, section="summary", text="Well done", coach=alice)
    client.force_login(alice)

    page = client.get(f"/admin/coaching/report/{order.report.pk}/review/").content.decode()

    internal = page[page.index('class="coach-note internal-note"') :]
    internal = internal[: internal.index("</div>")]
    assert "Internal — not shown to the client" in internal
    assert "Check the March dip" in internal
    assert "Your coach" not in internal
    assert page.count("Internal — not shown to the client") == 2  # beside its section and in the list of notes
    assert f"Your coach, {alice.get_full_name()}:" in page  # the client's note stays the client's


def test_a_coach_sees_the_order_page_read_only_with_links_to_its_report_review_and_client(
    client, tmp_path, coaches, coached_order
):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    client.force_login(alice)

    page = client.get(f"/admin/coaching/order/{order.pk}/change/").content.decode()

    assert 'name="_save"' not in page
    assert 'name="_continue"' not in page
    assert f'href="/admin/coaching/report/{order.report.pk}/change/"' in page
    assert f'href="/admin/coaching/report/{order.report.pk}/review/"' in page
    assert f'href="mailto:{order.client.email}"' in page
    clients_orders = f"/admin/coaching/order/?client__id__exact={order.client_id}"
    assert f'href="{clients_orders}"' in page
    listed = client.get(clients_orders)
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [order]


def test_a_superuser_still_reassigns_an_order_from_its_page(client, tmp_path, coaches, coached_order):
    order = coached_order(tmp_path, 1)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get(f"/admin/coaching/order/{order.pk}/change/").content.decode()

    assert 'name="_save"' in page
    assert 'name="coach"' in page


def test_the_publish_confirmation_names_the_client_not_the_old_stage(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    Annotation.objects.create(report=order.report, section="summary", text="Well done", coach=alice)
    client.force_login(alice)

    response = client.post(
        "/admin/coaching/order/",
        {"action": "publish", "_selected_action": [order.pk], "confirmed": "yes"},
        follow=True,
    )

    shown = [str(message) for message in response.context["messages"]]
    assert shown == [f"Report published for {order.client}; they have been e-mailed."]
    order.refresh_from_db()
    assert order.stage == Order.Stage.DELIVERED


def _formsets(**adjustment: str | list[str]) -> dict[str, object]:
    """The report page's POST: no new note, one adjustment with these fields."""
    return {
        "annotations-TOTAL_FORMS": "0",
        "annotations-INITIAL_FORMS": "0",
        "annotations-MIN_NUM_FORMS": "0",
        "annotations-MAX_NUM_FORMS": "1000",
        "finding_adjustments-TOTAL_FORMS": "1",
        "finding_adjustments-INITIAL_FORMS": "0",
        "finding_adjustments-MIN_NUM_FORMS": "0",
        "finding_adjustments-MAX_NUM_FORMS": "1000",
        **{f"finding_adjustments-0-{name}": value for name, value in adjustment.items()},
    }


def test_findings_are_chosen_from_the_reports_own_by_code_and_headline(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    findings = order.report.profile["findings"]
    assert findings, "the sample history should give the plan at least one finding"
    client.force_login(alice)

    page = client.get(f"/admin/coaching/report/{order.report.pk}/change/").content.decode()

    assert '<select name="annotations-0-finding_code"' in page
    assert '<input type="text" name="annotations-0-finding_code"' not in page
    for finding in findings:
        assert f'<option value="{finding["code"]}">{finding["code"]} — {finding["headline"]}</option>' in page
    assert "— none: a note on the section" in page


def test_the_post_picker_answers_with_this_reports_matching_posts_only(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    other = coached_order(tmp_path, 2)
    post = order.history.posts.order_by("created_at").first()
    word = max(post.text.split(), key=len)
    client.force_login(alice)

    answer = client.get(f"/admin/coaching/report/{order.report.pk}/post-choices/", {"term": word}).json()

    ids = [result["id"] for result in answer["results"]]
    assert post.external_id in ids
    expected = set(order.history.posts.filter(text__icontains=word).values_list("external_id", flat=True))
    assert set(ids) == expected
    others = set(other.history.posts.values_list("external_id", flat=True))
    assert not set(ids) & (others - set(order.history.posts.values_list("external_id", flat=True)))
    label = next(result["text"] for result in answer["results"] if result["id"] == post.external_id)
    assert post.text.split()[0] in label


def test_a_coach_cites_picked_posts_and_a_post_of_another_client_is_refused(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    other = coached_order(tmp_path, 2)
    picked = list(order.history.posts.order_by("created_at").values_list("external_id", flat=True)[:2])
    stranger = other.history.posts.exclude(external_id__in=picked).first().external_id
    client.force_login(alice)
    url = f"/admin/coaching/report/{order.report.pk}/change/"

    refused = client.post(url, _formsets(headline="Thank people", severity="medium", example_post_ids=[stranger]))
    assert refused.status_code == 200
    assert f"Not posts of this client: {stranger}." in refused.content.decode()

    saved = client.post(url, _formsets(headline="Thank people", severity="medium", example_post_ids=picked))
    assert saved.status_code == 302
    adjustment = order.report.finding_adjustments.get()
    assert adjustment.example_post_ids == picked
    page = client.get(url).content.decode()
    assert 'class="admin-autocomplete"' in page
    assert f'<option value="{picked[0]}" selected>' in page  # the cited posts shown by their words
    assert f"/admin/coaching/report/{order.report.pk}/post-choices/" in page


def test_a_coach_saves_snippets_of_their_own_and_finds_them_on_the_report_page(
    client, tmp_path, coaches, coached_order
):
    alice, bob = coaches
    order = coached_order(tmp_path, 1)
    client.force_login(alice)

    added = client.post("/admin/coaching/notesnippet/add/", {"title": "Thank repliers", "text": 'Say "thanks" back.'})

    assert added.status_code == 302
    snippet = NoteSnippet.objects.get()
    assert (snippet.coach, snippet.title) == (alice, "Thank repliers")
    page = client.get(f"/admin/coaching/report/{order.report.pk}/change/").content.decode()
    assert 'data-snippet="Say &quot;thanks&quot; back."' in page
    assert ">Thank repliers</button>" in page
    assert "coaching/snippets.js" in page

    client.force_login(bob)
    assert "Thank repliers" not in client.get("/admin/coaching/notesnippet/").content.decode()
    assert client.get(f"/admin/coaching/notesnippet/{snippet.pk}/change/").status_code == 302  # not his
    Order.objects.filter(pk=order.pk).update(coach=bob)
    assert "Thank repliers" not in client.get(f"/admin/coaching/report/{order.report.pk}/change/").content.decode()
