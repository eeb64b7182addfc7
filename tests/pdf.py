"""Reading a report PDF's text back, as a client's PDF reader shows it."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_pages_text(data: bytes) -> list[str]:
    """Each page's text. WeasyPrint gives a font with many glyphs a two-byte encoding of its
    own (a CMap), which pypdf decodes into NUL-separated characters: those NULs are dropped."""
    return [page.extract_text().replace("\x00", "") for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages_text(data))
