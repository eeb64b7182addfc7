"""The coaches' queue in the admin: each coach sees and edits only their own work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coaching import services
from coaching.models import Order
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_new_coached_orders_go_to_the_coach_with_the_fewest_open_reviews(tmp_path, coaches, coached_order):
    alice, bob = coaches
    first, second, third = (coached_order(tmp_path, seed) for seed in (1, 2, 3))

    assert (first.coach, second.coach, third.coach) == (alice, bob, alice)
    assert coached_order(tmp_path, 4, product=Order.Product.SELF_SERVE).coach is None


def test_each_coach_sees_only_their_queue_and_unassigned_coached_orders(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    alices, bobs = coached_order(tmp_path, 1), coached_order(tmp_path, 2)
    unassigned = coached_order(tmp_path, 3)
    Order.objects.filter(pk=unassigned.pk).update(coach=None)
    self_serve = coached_order(tmp_path, 4, product=Order.Product.SELF_SERVE)
    client.force_login(alice)

    listing = client.get("/admin/coaching/order/").content.decode()

    assert f"/admin/coaching/order/{alices.pk}/change/" in listing
    assert f"/admin/coaching/order/{unassigned.pk}/change/" in listing
    assert f"/admin/coaching/order/{bobs.pk}/change/" not in listing
    assert f"/admin/coaching/order/{self_serve.pk}/change/" not in listing
    assert client.get(f"/admin/coaching/order/{bobs.pk}/change/").status_code == 302  # "does not exist"
    assert client.get(f"/admin/coaching/order/{alices.pk}/change/").status_code == 200


def test_a_coach_cannot_take_another_coachs_order(client, tmp_path, coaches, coached_order):
    alice, bob = coaches
    bobs = coached_order(tmp_path, 2)
    Order.objects.filter(pk=bobs.pk).update(coach=bob)
    client.force_login(alice)

    client.post("/admin/coaching/order/", {"action": "assign_to_me", "_selected_action": [bobs.pk]})

    bobs.refresh_from_db()
    assert bobs.coach == bob


def test_assign_to_me_takes_an_unassigned_coached_order(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    Order.objects.filter(pk=order.pk).update(coach=None)
    client.force_login(alice)

    client.post("/admin/coaching/order/", {"action": "assign_to_me", "_selected_action": [order.pk]})

    order.refresh_from_db()
    assert order.coach == alice


def test_superusers_see_everything_and_overdue_reviews_stand_out(client, tmp_path, coaches, coached_order):
    order = coached_order(tmp_path, 1)
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=14))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get("/admin/coaching/order/").content.decode()

    assert "overdue" in listing


def test_the_coaches_group_has_exactly_what_coaching_needs(coaches):
    group = services.coaches_group_ensure()
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert codenames == set(services.COACH_PERMISSIONS)
    alice, _ = coaches
    assert alice.has_perm("coaching.change_order")
    assert not alice.has_perm("coaching.delete_order")
    assert not alice.has_perm("coaching.change_user")
