"""The coaches' admin pages stay fast with 10,000 orders: a bounded number of queries."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coaching.models import Annotation, Order, Report
from profiles.models import PostHistory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ORDERS = 10_000
MAX_QUERIES = 15


@pytest.fixture
def ten_thousand_orders(coaches):
    alice, bob = coaches
    clients = [UserFactory() for _ in range(20)]
    history = PostHistory.objects.create(
        original_name="archive.zip", size_bytes=1, sha256="0" * 64, status=PostHistory.Status.IMPORTED
    )
    now = timezone.now()
    orders = Order.objects.bulk_create(
        Order(
            client=clients[n % len(clients)],
            product=Order.Product.COACHED,
            history=history,
            timezone="Europe/London",
            consented_at=now,
            stage=Order.Stage.IN_REVIEW,
            coach=(alice, bob, None)[n % 3],
        )
        for n in range(ORDERS)
    )
    reports = Report.objects.bulk_create(Report(order=order, profile={}) for order in orders)
    Annotation.objects.bulk_create(
        Annotation(report=report, section="summary", text=f"Note {n}", coach=alice) for n, report in enumerate(reports)
    )
    return alice


@pytest.mark.parametrize("page", ["/admin/coaching/order/", "/admin/coaching/report/", "/admin/coaching/annotation/"])
@pytest.mark.parametrize("as_superuser", [False, True], ids=["coach", "superuser"])
def test_admin_lists_use_a_bounded_number_of_queries(client, ten_thousand_orders, django_assert_max_num_queries,
                                                     page, as_superuser):  # fmt: skip
    user = UserFactory(is_staff=True, is_superuser=True) if as_superuser else ten_thousand_orders
    client.force_login(user)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(page)

    assert response.status_code == 200
