"""A client's account as a whole: a copy of everything held about them, and closing it.

The copy is a zip the client downloads from their account page; closing deletes every order the
way `order_delete` does (files included), then the account itself, so nothing of the client is
left in the database or in MEDIA_ROOT.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from coaching.models import Annotation, FindingAdjustment, Order, Report, User
from coaching.services.emails import client_display_name
from coaching.services.held_uploads import uploads_held_delete
from coaching.services.orders import order_delete
from coaching.services.reports import report_pdf_stored
from profiles.models import Post, PostHistory

logger = logging.getLogger(__name__)

# The columns of posts.csv, in the order a spreadsheet shows them.
POST_FIELDS = (
    "platform", "external_id", "created_at", "kind", "text", "reply_to_post_id", "reply_to_handle",
    "is_self_reply", "mentions", "hashtags", "urls", "likes", "reposts", "client", "language", "url",
)  # fmt: skip


class AccountError(ValueError):
    """The account cannot be closed as asked (a wrong password); `message` says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _json(value: Any) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _order_record(order: Order) -> dict[str, Any]:
    history = order.history
    return {
        "order": order.pk,
        "product": order.get_product_display(),
        "stage": order.get_stage_display(),
        "placed_at": order.created_at,
        "delivered_at": order.delivered_at,
        "consented_at": order.consented_at,
        "timezone": order.timezone,
        "working_hours": order.working_hours,
        "role": order.role,
        "goals": order.goals,
        "error_message": order.error_message,
        "history": {
            "file": history.original_name,
            "size_bytes": history.size_bytes,
            "format": history.format,
            "handle": history.handle,
            "display_name": history.display_name,
            "status": history.get_status_display(),
            "posts": f"histories/{history.pk}/posts.csv",
        },
    }


def _report_record(report: Report) -> dict[str, Any]:
    """The report as the client sees it: the profile, the changes and the coach's notes to them."""
    notes = report.annotations.filter(visibility=Annotation.Visibility.CLIENT).order_by("pk")
    return {
        "order": report.order_id,
        "published_at": report.published_at,
        "profile": report.profile,
        "changes": report.changes,
        "coach_notes": [{"section": note.section, "finding": note.finding_code, "note": note.text} for note in notes],
    }


def _report_pdf(report: Report) -> bytes | None:
    """The report's PDF, the one its page's PDF link serves; None where WeasyPrint cannot load."""
    try:
        stored = report_pdf_stored(report)
    except OSError:
        logger.exception("WeasyPrint cannot load its system libraries: the data copy has no PDFs")
        return None
    with default_storage.open(stored, "rb") as pdf:
        return pdf.read()


def _posts_csv(history: PostHistory) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(POST_FIELDS)
    # iterator(): a history of 100,000 posts is written without holding them all.
    for post in Post.objects.filter(history=history).values_list(*POST_FIELDS).iterator(chunk_size=2000):
        writer.writerow([json.dumps(cell) if isinstance(cell, list) else cell for cell in post])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _posts_jsonl(history: PostHistory) -> Iterator[bytes]:
    for post in Post.objects.filter(history=history).values(*POST_FIELDS).iterator(chunk_size=2000):
        yield json.dumps(post, cls=DjangoJSONEncoder, ensure_ascii=False).encode() + b"\n"


def account_export(*, client: User, target: IO[bytes]) -> None:
    """Write a zip of everything held about the client to `target`.

    account.json (the account), orders.json (every order with its details), reports/<order>.json
    and reports/<order>.pdf (each delivered report), histories/<id>/posts.csv and posts.jsonl
    (every post read from each upload). The uploaded files themselves are the client's own and
    are not repeated.
    """
    orders = list(Order.objects.filter(client=client).select_related("history").order_by("pk"))
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        account = {
            "email": client.email,
            "name": client_display_name(client) if client_display_name(client) != client.email else "",
            "joined_at": client.date_joined,
        }
        archive.writestr("account.json", _json(account))
        archive.writestr("orders.json", _json([_order_record(order) for order in orders]))
        for report in Report.objects.filter(order__client=client, published_at__isnull=False).select_related("order"):
            archive.writestr(f"reports/{report.order_id}.json", _json(_report_record(report)))
            if (pdf := _report_pdf(report)) is not None:
                archive.writestr(f"reports/{report.order_id}.pdf", pdf)
        for history in PostHistory.objects.filter(owner=client).order_by("pk"):
            with archive.open(f"histories/{history.pk}/posts.csv", "w") as member:
                for chunk in _posts_csv(history):
                    member.write(chunk.encode())
            with archive.open(f"histories/{history.pk}/posts.jsonl", "w") as member:
                for line in _posts_jsonl(history):
                    member.write(line)


def account_close(*, client: User, password: str) -> None:
    """Delete the client's account and everything of theirs, once their password confirms it.

    Every order goes through `order_delete` (report, profile, posts, uploaded file); histories
    left without an order, the reports' change history and the sign-in records go too.
    """
    if not client.check_password(password):
        raise AccountError("That is not your password: your account is still open.")
    if client.is_staff:
        # A coach's notes and reviews belong to their clients' reports: staff accounts are closed by an admin.
        raise AccountError("Staff accounts are closed by an administrator, not from this page.")
    email = client.email
    with transaction.atomic():
        report_ids = list(Report.objects.filter(order__client=client).values_list("pk", flat=True))
        for order in Order.objects.filter(client=client).select_related("history", "profile"):
            order_delete(order)
        # Histories without an order (none today, but a failed order_create could leave one).
        for history in PostHistory.objects.filter(owner=client):
            history.profiles.all().delete()
            history.delete()
            transaction.on_commit(lambda upload=history.upload: upload.delete(save=False))
        # The reports' audit trail (django-simple-history) keeps copies of deleted rows: those are the client's too.
        Report.history.filter(id__in=report_ids).delete()
        Annotation.history.filter(report_id__in=report_ids).delete()
        FindingAdjustment.history.filter(report_id__in=report_ids).delete()
        _sign_in_records_delete(email)
        client_id = client.pk  # delete() clears it
        transaction.on_commit(lambda: uploads_held_delete(client_id=client_id))
        client.delete()
    logger.info("account %s closed with all its data", client_id)


def _sign_in_records_delete(email: str) -> None:
    """django-axes keeps the address of every sign-in attempt; a closed account's go with it."""
    for record in (AccessAttempt, AccessLog, AccessFailureLog):
        record.objects.filter(username__iexact=email).delete()


# --- The name on the client's reports ---------------------------------------------------------

NAME_MAX_LENGTH = 150


def user_name_change(*, user: User, name: str) -> User:
    """Stores the name the person gave (trimmed; empty means "use my e-mail address")."""
    cleaned = " ".join(name.split())
    if len(cleaned) > NAME_MAX_LENGTH:
        raise ValueError(f"A name is at most {NAME_MAX_LENGTH} characters long.")
    user.name = cleaned
    user.save(update_fields=["name"])
    return user
