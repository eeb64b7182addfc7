"""The coach's workspace in the admin: internal notes that look internal, a read-only order page
with its links, accurate confirmations."""

from __future__ import annotations

import pytest

from coaching.models import Annotation, Order
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
