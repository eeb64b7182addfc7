"""A report as an A4 PDF (WeasyPrint), fetching nothing but the site's own static files.

WeasyPrint's default fetcher opens any `file:` path and any host: a report carries text from the
client's upload, so a link or stylesheet smuggled into it could embed /etc/passwd in the PDF (as an
attachment) or make the server call out. The fetcher here answers only `data:` URIs and files under
STATIC_URL, read from the static files on disk; everything else is refused and logged.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

logger = logging.getLogger(__name__)


class StaticOnlyFetcher(URLFetcher):
    """Serves `data:` URIs and the site's static files to WeasyPrint; refuses every other URL.

    `refused` lists the URLs turned away, in order (the log says the same).
    """

    def __init__(self, *, base_url: str) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self._static_prefix = urlsplit(base_url)._replace(query="", fragment="").geturl().rstrip("/") + (
            "/" + settings.STATIC_URL.strip("/") + "/"
        )
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.lower().startswith("data:"):
            return super().fetch(url, headers)
        static_file = self._static_file(url)
        if static_file is None:
            self.refused.append(url)
            logger.warning("PDF rendering: refused to fetch %s (only the site's static files)", url[:200])
            raise URLFetchingError(f"Only the site's own static files may be fetched, not {url[:200]}")
        content_type = mimetypes.guess_type(static_file.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, static_file.read_bytes(), {"Content-Type": content_type})

    def _static_file(self, url: str) -> Path | None:
        """The file on disk a static URL of this site names, or None."""
        if not url.startswith(self._static_prefix):
            return None
        name = unquote(urlsplit(url).path.removeprefix(urlsplit(self._static_prefix).path))
        # finders.find and the static root both refuse "..": a name cannot climb out of them.
        if not name or ".." in Path(name).parts:
            return None
        collected = Path(settings.STATIC_ROOT) / name if settings.STATIC_ROOT else None
        if collected is not None and collected.is_file():
            return collected
        found = finders.find(name)  # before collectstatic: the apps' and the project's static folders
        return Path(found) if isinstance(found, str) else None


def pdf_from_html(html: str, *, base_url: str) -> bytes:
    """The HTML page as a PDF, with resources limited to the site's static files and `data:`."""
    return HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher(base_url=base_url)).write_pdf()
