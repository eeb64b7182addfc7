"""The client's address, as seen through the reverse proxies the site trusts (TRUSTED_PROXY_COUNT)."""

from __future__ import annotations

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, for throttles and logs.

    With TRUSTED_PROXY_COUNT = N > 0 each trusted proxy appends the address it received the
    request from to X-Forwarded-For, so the client is the Nth entry from the right; entries further
    left come from the client itself and could be anything. A header with fewer entries than
    proxies means the request did not come through them all: the connection's own address is
    used, as it is with no trusted proxy. A value that is not an IP address counts as none.
    """
    address = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies:
            address = hops[-proxies]
    return _normalised(address)


def _normalised(address: str | None) -> str | None:
    if not address:
        return None
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return None


def is_loopback(request: HttpRequest) -> bool:
    """The request comes from this machine (after the trusted proxies are taken into account)."""
    address = client_ip(request)
    return address is not None and ipaddress.ip_address(address).is_loopback


class ProxyAwareAccountAdapter(DefaultAccountAdapter):
    """django-allauth's adapter, reading the client's address as django-axes does.

    allauth's rate limits (sign-in, sign-up, password reset) key on `get_client_ip`; its own
    reading fails with a server error when X-Forwarded-For has fewer entries than proxies.
    """

    def get_client_ip(self, request: HttpRequest) -> str:
        address = client_ip(request)
        if address is None:
            raise PermissionDenied("The client's address cannot be read.")
        return address
