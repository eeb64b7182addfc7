"""django-allauth's e-mails in the site's voice, with links to the site's public address.

allauth builds its links (confirm the address, reset the password) from the request's host and
port, which behind a proxy or under `make run` are not what the client should see; and it signs
its e-mails with the request's host. Here every link is moved onto SITE_URL and every e-mail is
signed with SITE_NAME and addressed to the client by name (templates/account/email/).
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model

from config.proxy import ProxyAwareAccountAdapter

logger = logging.getLogger(__name__)


def _addressed_as(context: dict[str, Any], email: str) -> str:
    """The account holder's name, else the address: the e-mail goes to that address either way."""
    user = context.get("user")
    if user is None or not getattr(user, "pk", None):
        # Some e-mails (a sign-up with an address already in use) carry no user.
        user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None:
        name = (getattr(user, "name", "") or user.get_full_name()).strip()
        if name:
            return name
    return email


class SiteAccountAdapter(ProxyAwareAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        if request is not None:
            request_origin = request.build_absolute_uri("/")
            context = {
                key: settings.SITE_URL + "/" + value.removeprefix(request_origin)
                if isinstance(value, str) and value.startswith(request_origin)
                else value
                for key, value in context.items()
            }
        context = {
            **context,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "client_name": _addressed_as(context, email),
        }
        super().send_mail(template_prefix, email, context)
        logger.info("e-mail %r sent", template_prefix.rsplit("/", 1)[-1])
