"""The history upload's size limit holds while the body streams in, not after it is on disk."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from coaching.models import Order
from coaching.uploads import upload_refusal
from tests.factories import UserFactory

MB = 1024**2


def multipart_request(payload: bytes) -> tuple[WSGIRequest, io.BytesIO]:
    """A real WSGI request whose body is read from a stream we can ask how far it was read."""
    body = encode_multipart(
        BOUNDARY,
        {"csrfmiddlewaretoken": "token-first", "history": SimpleUploadedFile("big.zip", payload), "role": "after"},
    )
    stream = io.BytesIO(body)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/orders/new/",
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": stream,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
    }
    return WSGIRequest(environ), stream


@pytest.fixture
def limit_one_mb(settings, tmp_path):
    settings.HISTORY_UPLOAD_MAX_BYTES = 1 * MB
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def test_a_body_declared_too_large_is_refused_before_its_file_is_read(limit_one_mb):
    request, stream = multipart_request(b"x" * (5 * MB))

    assert request.FILES == {}
    assert request.POST["csrfmiddlewaretoken"] == "token-first"  # the fields before the file still arrive
    assert upload_refusal(request) == "big.zip is larger than 1 MB, the largest file we accept."
    assert stream.tell() < 256 * 1024
    assert list(limit_one_mb.iterdir()) == []


def test_a_file_over_the_limit_is_stopped_at_the_limit(limit_one_mb):
    # Declared small enough to pass the first check (the form fields' allowance), so the counting
    # while streaming is what stops it.
    request, stream = multipart_request(b"x" * (MB + MB // 2))

    assert request.FILES == {}
    assert upload_refusal(request) is not None
    assert stream.tell() < MB + 256 * 1024  # stopped within a few chunks of the limit, not at the end
    assert list(limit_one_mb.iterdir()) == []  # the temporary file begun is gone


def test_a_file_within_the_limit_arrives_whole(limit_one_mb):
    request, _ = multipart_request(b"x" * (MB - 4096))

    assert request.FILES["history"].size == MB - 4096
    assert request.POST["role"] == "after"
    assert upload_refusal(request) is None


@pytest.mark.django_db
def test_the_order_form_says_the_file_is_too_large_and_places_no_order(limit_one_mb, settings):
    settings.MEDIA_ROOT = limit_one_mb / "media"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())
    browser.get("/orders/new/")
    form = {
        "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        "history": SimpleUploadedFile("twitter-2024.zip", b"x" * (3 * MB)),
        "product": "self_serve",
        "consent": "on",
    }

    response = browser.post("/orders/new/", form)

    assert response.status_code == 200  # the form again, not a CSRF failure
    page = response.content.decode()
    assert "twitter-2024.zip is larger than 1 MB, the largest file we accept." in page
    assert "Your order was not placed." in page
    assert Order.objects.count() == 0
    assert not (limit_one_mb / "media").exists() or not any((limit_one_mb / "media").rglob("*.*"))
