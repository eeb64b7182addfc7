"""The PDF renderer fetches the site's own static files and `data:` URIs, and nothing else."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from coaching.pdf import StaticOnlyFetcher, pdf_from_html
from tests.pdf import pdf_text

BASE_URL = "http://testserver/"
PIXEL = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)
HOSTILE_DOCUMENT = f"""<!doctype html><html><head>
<link rel="attachment" href="file:///etc/passwd">
<link rel="stylesheet" href="http://example.org/x.css">
<link rel="stylesheet" href="{BASE_URL}static/css/voiceprint.css">
</head><body>
<p>Report body</p>
<img src="http://example.org/x.png" alt="remote">
<img src="file:///etc/hostname" alt="local">
<img src="{BASE_URL}static/../config/settings.py" alt="climbing out">
<img src="{PIXEL}" alt="inline">
<a rel="attachment" href="file:///etc/passwd">passwd</a>
</body></html>"""


def _attachments(pdf: bytes) -> dict:
    return PdfReader(io.BytesIO(pdf)).attachments


def test_weasyprints_own_fetcher_would_embed_a_local_file():
    """The hole closed here: WeasyPrint's default fetcher reads file: URLs into the PDF."""
    pdf = HTML(string=HOSTILE_DOCUMENT, base_url=BASE_URL).write_pdf()

    assert "passwd" in _attachments(pdf)


def test_it_refuses_file_and_remote_urls_and_serves_the_sites_static_files():
    fetcher = StaticOnlyFetcher(base_url=BASE_URL)

    pdf = HTML(string=HOSTILE_DOCUMENT, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()

    assert "file:///etc/passwd" in fetcher.refused
    assert "http://example.org/x.png" in fetcher.refused
    assert "http://example.org/x.css" in fetcher.refused
    assert "file:///etc/hostname" in fetcher.refused
    assert not any(url.endswith("voiceprint.css") for url in fetcher.refused)
    assert not any(url.startswith("data:") for url in fetcher.refused)
    assert _attachments(pdf) == {}
    assert "Report body" in pdf_text(pdf)


def test_it_serves_a_static_file_from_disk_and_nothing_above_the_static_folders():
    fetcher = StaticOnlyFetcher(base_url=BASE_URL)

    stylesheet = fetcher.fetch(f"{BASE_URL}static/css/voiceprint.css")

    assert stylesheet.content_type == "text/css"
    assert len(stylesheet.read()) > 0
    for url in (
        f"{BASE_URL}static/../manage.py",
        f"{BASE_URL}static/%2e%2e/manage.py",
        "http://other.example/static/css/voiceprint.css",
    ):
        with pytest.raises(Exception, match="Only the site's own static files"):
            fetcher.fetch(url)


def test_the_report_renderer_embeds_no_local_file():
    pdf = pdf_from_html(HOSTILE_DOCUMENT, base_url=BASE_URL)

    assert _attachments(pdf) == {}
