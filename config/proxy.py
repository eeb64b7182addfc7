"""The client's address, as seen through the reverse proxies the site trusts (TRUSTED_PROXY_COUNT)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
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
