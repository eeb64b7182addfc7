"""Sign-in throttling, CSRF on every form, the Content-Security-Policy, and the order rate limit."""

from __future__ import annotations

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client

from coaching import services
from coaching.models import Order
from tests.coaching.conftest import make_coached_order
from tests.coaching.test_orders import archive_bytes
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def throttled(settings):
    """django-axes on, with a limit of three; allauth's own counts (kept in the cache) start at zero."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    cache.clear()
    yield
    cache.clear()


def verified_client(email="pat@example.org"):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.mark.usefixtures("throttled")
def test_after_too_many_wrong_passwords_even_the_right_one_is_refused_for_a_while(client):
    user = verified_client()
    # Two wrong tries, the second in capitals: the same address, counted together.
    for login in (user.email, user.email.upper()):
        assert client.post("/accounts/login/", {"login": login, "password": "wrong"}).status_code == 200

    third = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    right = client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})

    assert third.status_code == right.status_code == 429
    assert "Too many attempts to sign in" in right.content.decode()
    assert client.get("/orders/").status_code == 302  # not signed in


@pytest.mark.usefixtures("throttled")
def test_the_admin_sign_in_is_throttled_too(client):
    coach = UserFactory(email="coach@example.org", is_staff=True)
    for _ in range(3):
        client.post("/admin/login/", {"username": coach.email, "password": "wrong"})

    locked = client.post("/admin/login/", {"username": coach.email, "password": DEFAULT_PASSWORD})

    assert locked.status_code == 429


@pytest.mark.usefixtures("throttled")
def test_a_right_password_before_the_limit_signs_in_and_clears_the_count(client):
    user = verified_client()
    client.post("/accounts/login/", {"login": user.email, "password": "wrong"})

    response = client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert client.get("/orders/").status_code == 200


def test_every_form_refuses_a_post_without_its_csrf_token(tmp_path):
    order = make_coached_order(tmp_path, seed=8, product=Order.Product.SELF_SERVE)
    coach = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    anonymous, client, admin = (Client(enforce_csrf_checks=True) for _ in range(3))
    client.force_login(order.client)
    admin.force_login(coach)
    posts = [
        (anonymous, "/accounts/login/"),
        (anonymous, "/accounts/signup/"),
        (anonymous, "/accounts/password/reset/"),
        (anonymous, "/admin/login/"),
        (client, "/accounts/logout/"),
        (client, "/orders/new/"),
        (client, f"/orders/{order.pk}/delete/"),
        (admin, "/admin/coaching/order/"),
        (admin, f"/admin/coaching/report/{order.report.pk}/change/"),
    ]

    refused = {url: browser.post(url, {}).status_code for browser, url in posts}

    assert refused == {url: 403 for _, url in posts}
    assert Order.objects.filter(pk=order.pk).exists()


def test_pages_carry_a_policy_that_allows_no_inline_or_foreign_script(tmp_path):
    order = make_coached_order(tmp_path, seed=9, product=Order.Product.SELF_SERVE)
    coach = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    client, admin = Client(), Client()
    client.force_login(order.client)
    admin.force_login(coach)
    pages = [(Client(), "/"), (Client(), "/accounts/login/"), (client, "/orders/"), (client, "/orders/new/"),
             (client, f"/orders/{order.pk}/"), (client, f"/orders/{order.pk}/report/"), (admin, "/admin/"),
             (admin, f"/admin/coaching/order/{order.pk}/change/"),
             (admin, f"/admin/coaching/report/{order.report.pk}/change/")]  # fmt: skip

    for browser, url in pages:
        response = browser.get(url)
        policy = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
        )
        assert policy["script-src"] == "'self'", url
        assert policy["object-src"] == "'none'", url
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", response.content.decode()) if "src=" not in tag]
        assert inline == [], f"{url} has an inline script: {inline}"


def test_a_client_cannot_order_more_than_the_hourly_limit(client, tmp_path, settings):
    settings.ORDERS_PER_HOUR = 2
    user = UserFactory()
    archive = archive_bytes(tmp_path, posts=10, seed=3)

    def order() -> Order:
        return services.order_create(client=user, upload=io.BytesIO(archive), original_name="a.zip",
                                     product="self_serve", timezone_name="UTC", working_hours="Mon-Fri 09:00-17:00",
                                     consent=True)  # fmt: skip

    order()
    order()
    with pytest.raises(services.OrderError) as refused:
        order()

    assert refused.value.field == "history"
    assert "You have placed 2 orders in the last hour" in refused.value.message
    assert Order.objects.filter(client=user).count() == 2
