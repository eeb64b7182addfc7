"""The client's e-mails about their orders: received, failed, report ready, report published.

Each is rendered from templates/email/<name>_subject.txt, _message.txt and _message.html (the
same layout as the account e-mails under templates/account/email/), signed with SITE_NAME and
linking to SITE_URL: a worker has no request, and a request's host and port are not the site's
public address anyway.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from coaching.models import Order, User

logger = logging.getLogger(__name__)


def client_display_name(user: User) -> str:
    """How the site addresses the client: their name when they gave one, else their address."""
    return (getattr(user, "name", "") or user.get_full_name() or user.email).strip()


def site_link(path: str) -> str:
    """An absolute link to a page of the site, on its public address."""
    return settings.SITE_URL + path


def email_context(client: User) -> dict[str, Any]:
    """What every e-mail's layout needs: who it addresses and the site's name and address."""
    return {"client_name": client_display_name(client), "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}


def client_email_send(*, template: str, client: User, context: dict[str, Any]) -> None:
    """Render the e-mail `template` for the client, in plain text and HTML, and send it."""
    context = {**email_context(client), **context}
    subject = " ".join(render_to_string(f"email/{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"email/{template}_message.txt", context).strip() + "\n",
        to=[client.email],
    )
    message.attach_alternative(render_to_string(f"email/{template}_message.html", context), "text/html")
    message.send()
    logger.info("e-mail %r sent to client %s", template, client.pk)


def _order_context(order: Order) -> dict[str, Any]:
    return {
        "order": order,
        "file_name": order.history.original_name,
        "order_url": site_link(reverse("order", kwargs={"order_id": order.pk})),
    }


def email_order_received(order: Order) -> None:
    """Tell the client their order is in, what happens next, and where to follow it."""
    client_email_send(
        template="order_received",
        client=order.client,
        context={**_order_context(order), "turnaround_days": settings.REVIEW_TURNAROUND_WORKING_DAYS},
    )


def email_order_failed(order: Order) -> None:
    """Tell the client their order failed, why (the message the order page shows) and what to do."""
    client_email_send(
        template="order_failed",
        client=order.client,
        context={**_order_context(order), "order_new_url": site_link(reverse("order_new"))},
    )


def email_report_ready(order: Order) -> None:
    """Tell the client their report is there: a self-serve one on delivery, a coached one when published."""
    coached = order.product == Order.Product.COACHED
    client_email_send(
        template="report_published" if coached else "report_ready",
        client=order.client,
        context={
            **_order_context(order),
            "report_url": site_link(reverse("report", kwargs={"order_id": order.pk})),
            "coach_name": client_display_name(order.coach) if coached and order.coach else "",
        },
    )
