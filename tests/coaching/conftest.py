"""Fixtures of the coaching tests: two coaches, and coached orders that reach review."""

from __future__ import annotations

import io

import pytest

from coaching import services, workflow
from coaching.models import Order
from tests.coaching.test_orders import archive_bytes
from tests.factories import UserFactory


@pytest.fixture
def coaches():
    group = services.coaches_group_ensure()
    alice = UserFactory(email="alice.coach@example.org", is_staff=True)
    bob = UserFactory(email="bob.coach@example.org", is_staff=True)
    for coach in (alice, bob):
        coach.groups.add(group)
    return alice, bob


def make_coached_order(
    tmp_path, seed: int, product: str = Order.Product.COACHED, *, posts: int = 40, role: str = "", goals: str = ""
) -> Order:
    order = services.order_create(
        client=UserFactory(),
        upload=io.BytesIO(archive_bytes(tmp_path, posts=posts, seed=seed)),
        original_name=f"archive-{seed}.zip",
        product=product,
        timezone_name="Europe/London",
        working_hours="Mon-Fri 09:00-17:00",
        role=role,
        goals=goals,
        consent=True,
    )
    return workflow.order_run_in_process(order_id=order.pk)


@pytest.fixture
def coached_order():
    """Builds an order analysed and written up in-process: coached_order(tmp_path, seed, product=...)."""
    return make_coached_order
