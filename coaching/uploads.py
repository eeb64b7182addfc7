"""The history upload's size limit, enforced while the body streams in.

Django's own handlers write the whole upload to a temporary file before any form can look at its
size: a client could fill the disk (or hold a worker for the whole transfer) with a file the form
then refuses. This handler runs first, counts the bytes as they arrive, and stops the upload at
HISTORY_UPLOAD_MAX_BYTES, before the next chunk is written; a body whose declared length is
already over the limit is stopped before its file's first byte is read. The form fields sent
before the file (the CSRF token comes first in the order form) are kept, so the view can answer
with the form and the reason: `upload_refusal(request)`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

# What the order form's other fields and the multipart framing may add to the file's own size.
FORM_FIELDS_ALLOWANCE_BYTES = 1024**2
REFUSAL_ATTRIBUTE = "history_upload_refusal"


def upload_limit_message(file_name: str | None) -> str:
    limit_mb = settings.HISTORY_UPLOAD_MAX_BYTES // 1024**2
    return f"{file_name or 'Your file'} is larger than {limit_mb} MB, the largest file we accept."


def upload_refusal(request: HttpRequest) -> str | None:
    """Why the upload in this request was stopped part-way, or None if it was not."""
    return getattr(request, REFUSAL_ATTRIBUTE, None)


class HistorySizeLimitHandler(FileUploadHandler):
    """Stops a multipart upload as soon as a file in it passes HISTORY_UPLOAD_MAX_BYTES.

    Passes every chunk on unchanged to the next handler (memory, then a temporary file) until then.
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = settings.HISTORY_UPLOAD_MAX_BYTES
        self.declared_too_large = False

    def handle_raw_input(
        self, input_data: Any, meta: dict[str, Any], content_length: int, boundary: bytes, encoding: str | None = None
    ) -> None:
        # Decided here but refused at the file's first part, so that the fields before it (the
        # CSRF token) are read and the client gets the form back rather than a CSRF failure.
        self.declared_too_large = content_length > self.limit + FORM_FIELDS_ALLOWANCE_BYTES

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        if self.declared_too_large:
            self._refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler makes the file

    def _refuse(self) -> None:
        if self.request is not None:
            setattr(self.request, REFUSAL_ATTRIBUTE, upload_limit_message(self.file_name))
        # connection_reset: do not read the rest of a body we will not use (the proxy in front
        # closes the connection; see deploy/nginx.conf). Files begun so far are closed and deleted.
        raise StopUpload(connection_reset=True)
