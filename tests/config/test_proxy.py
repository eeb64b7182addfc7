"""Behind reverse proxies: the client's address for both sign-in throttles, and who may say HTTPS."""

from __future__ import annotations

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client, RequestFactory

from config.proxy import client_ip, is_loopback
from tests.config.test_settings import PRODUCTION, run_django
from tests.factories import DEFAULT_PASSWORD, UserFactory

PROXY = "10.0.0.2"  # the reverse proxy's own address, as the site sees the connection


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.5", None, "203.0.113.5"),
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # no proxy trusted: the header is the client's
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "198.51.100.66, 203.0.113.5", "203.0.113.5"),  # the left entry was written by the client
        (2, PROXY, "198.51.100.66, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, PROXY, "203.0.113.5", PROXY),  # fewer hops than proxies: it did not come through them all
        (1, PROXY, "", PROXY),
        (1, PROXY, "not-an-address", None),
        (1, PROXY, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_it_takes_the_client_address_from_the_trusted_proxies(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_ip(request_from(remote, forwarded)) == expected


def test_allauth_reads_the_same_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from(PROXY, "198.51.100.66, 203.0.113.5")

    assert get_adapter().get_client_ip(request) == client_ip(request) == "203.0.113.5"


def test_allauth_falls_back_to_the_connection_when_the_header_is_short(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert get_adapter().get_client_ip(request_from(PROXY, "203.0.113.5")) == PROXY


def test_loopback_is_the_client_behind_the_proxy_not_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert not is_loopback(request_from("127.0.0.1", "203.0.113.5"))  # a local nginx forwarding a visitor
    assert is_loopback(request_from("127.0.0.1", "127.0.0.1"))
    settings.TRUSTED_PROXY_COUNT = 0
    assert is_loopback(request_from("127.0.0.1", "203.0.113.5"))
    assert is_loopback(request_from("::1"))


@pytest.fixture
def behind_one_proxy(settings):
    """One trusted proxy in front; both throttles on (axes at three failures), counts at zero."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    cache.clear()
    yield
    cache.clear()


def verified(email: str):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def via_proxy(client_address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_one_proxy")
def test_one_visitors_wrong_passwords_do_not_lock_out_another_behind_the_same_proxy():
    user = verified("pat@example.org")
    attacker, owner = via_proxy("203.0.113.5"), via_proxy("198.51.100.7")
    for _ in range(3):
        attacker.post("/accounts/login/", {"login": user.email, "password": "wrong"})

    refused = attacker.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    signed_in = owner.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})

    assert refused.status_code == 429
    assert signed_in.status_code == 302


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_one_proxy")
def test_the_admin_sign_in_counts_by_the_forwarded_address_too():
    coach = UserFactory(email="coach.proxy@example.org", is_staff=True)
    attacker, coach_browser = via_proxy("203.0.113.5"), via_proxy("198.51.100.7")
    for _ in range(3):
        attacker.post("/admin/login/", {"username": coach.email, "password": "wrong"})

    assert attacker.post("/admin/login/", {"username": coach.email, "password": DEFAULT_PASSWORD}).status_code == 429
    assert (
        coach_browser.post("/admin/login/", {"username": coach.email, "password": DEFAULT_PASSWORD}).status_code == 302
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_one_proxy")
def test_allauths_own_limit_counts_each_visitor_behind_the_proxy_apart(settings):
    settings.AXES_ENABLED = False  # allauth's per-address limit alone
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    attacker, neighbour = via_proxy("203.0.113.5"), via_proxy("198.51.100.7")
    for email in ("a@example.org", "b@example.org"):
        attacker.post("/accounts/login/", {"login": email, "password": "wrong"})

    third = attacker.post("/accounts/login/", {"login": "c@example.org", "password": "wrong"})
    neighbours = neighbour.post("/accounts/login/", {"login": "d@example.org", "password": "wrong"})

    assert third.status_code == 429
    assert neighbours.status_code == 200  # the form again, saying the password is wrong


def _setting(name: str, **environment: str) -> str:
    result = run_django("shell", "-c", f"from django.conf import settings; print(repr(settings.{name}))", **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_forwarded_protocol_is_trusted_only_behind_a_proxy():
    assert _setting("SECURE_PROXY_SSL_HEADER", **PRODUCTION) == "None"
    assert _setting("SECURE_PROXY_SSL_HEADER", **PRODUCTION, TRUSTED_PROXY_COUNT="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_a_client_cannot_pass_for_https_without_a_trusted_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = None  # as with TRUSTED_PROXY_COUNT=0

    assert not RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https").is_secure()


def test_it_names_the_variable_holding_a_bad_proxy_count():
    result = run_django("check", TRUSTED_PROXY_COUNT="-1")

    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be zero or more" in result.stderr
