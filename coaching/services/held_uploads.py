"""Uploads held across a form error, so that a client never sends a 2 GB file twice.

When the order form comes back with an error, the file that came with it is stored once, under a
random name in MEDIA_ROOT/held/, and the form carries a signed token naming it. The client corrects
the details and sends the form again without choosing the file; the order is then placed from the
held file, which is removed. The token is signed with the client's id, so it cannot name another
client's file; it expires after HELD_UPLOAD_HOURS, and files older than that are removed whenever
a new one is held.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from coaching.models import User

logger = logging.getLogger(__name__)

HELD_FOLDER = "held"
SIGNING_SALT = "voiceprint.held-upload"  # keeps these tokens apart from any other signed value


def _lost_message() -> str:
    return f"We no longer keep the file you chose before (it is kept {_held_hours()} hours): please choose it again."


def _held_hours() -> int:
    return settings.HELD_UPLOAD_HOURS


class HeldUploadError(ValueError):
    """The token names no file this client may use (forged, another client's, expired or removed)."""


@dataclass(frozen=True)
class HeldUpload:
    token: str
    original_name: str
    stored_name: str


def upload_hold(*, client: User, upload: IO[bytes], original_name: str) -> HeldUpload:
    """Store the upload once and return the token the order form carries to name it."""
    uploads_held_expire(now=timezone.now())
    # The client's id leads the name so that closing the account finds their files (`uploads_held_delete`).
    stored_name = default_storage.save(f"{HELD_FOLDER}/{client.pk}-{secrets.token_hex(16)}.upload", File(upload))
    name = Path(original_name).name[:255]
    token = signing.dumps({"client": client.pk, "file": stored_name, "name": name}, salt=SIGNING_SALT)
    logger.info("upload held for client %s: %s", client.pk, stored_name)
    return HeldUpload(token=token, original_name=name, stored_name=stored_name)


def upload_held(*, client: User, token: str) -> HeldUpload:
    """The held upload the token names, if it is this client's and still kept."""
    try:
        claims = signing.loads(token, salt=SIGNING_SALT, max_age=timedelta(hours=_held_hours()))
    except signing.SignatureExpired as error:
        raise HeldUploadError(_lost_message()) from error
    except signing.BadSignature as error:
        raise HeldUploadError("The file could not be found: please choose it again.") from error
    stored_name = str(claims.get("file", ""))
    if claims.get("client") != client.pk or not stored_name.startswith(f"{HELD_FOLDER}/"):
        raise HeldUploadError("The file could not be found: please choose it again.")
    if not default_storage.exists(stored_name):
        raise HeldUploadError(_lost_message())
    return HeldUpload(token=token, original_name=str(claims["name"]), stored_name=stored_name)


def held_upload_open(held: HeldUpload) -> IO[bytes]:
    return default_storage.open(held.stored_name, "rb")


def upload_release(held: HeldUpload) -> None:
    """Remove the held file once the order stored its own copy."""
    default_storage.delete(held.stored_name)


def uploads_held_delete(*, client_id: int) -> None:
    """Remove every file held for the client (their account is being closed)."""
    if not default_storage.exists(HELD_FOLDER):
        return
    _, names = default_storage.listdir(HELD_FOLDER)
    for name in names:
        if name.startswith(f"{client_id}-"):
            default_storage.delete(f"{HELD_FOLDER}/{name}")


def uploads_held_expire(*, now: datetime) -> int:
    """Remove held files older than HELD_UPLOAD_HOURS (their tokens have expired too)."""
    if not default_storage.exists(HELD_FOLDER):
        return 0
    cutoff = now - timedelta(hours=_held_hours())
    _, names = default_storage.listdir(HELD_FOLDER)
    removed = 0
    for name in names:
        path = f"{HELD_FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    if removed:
        logger.info("%s held upload(s) expired and removed", removed)
    return removed
