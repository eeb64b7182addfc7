"""Reading a report PDF's text back, as a client's PDF reader shows it."""

from __future__ import annotations

import io
import shutil
import subprocess

from pypdf import PdfReader


def pdf_pages_text(data: bytes) -> list[str]:
    """Each page's text. WeasyPrint gives a font with many glyphs a two-byte encoding of its
    own (a CMap), which pypdf decodes into NUL-separated characters: those NULs are dropped."""
    return [page.extract_text().replace("\x00", "") for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages_text(data))


def emoji_font_installed() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listed = subprocess.run([fc_list, ":family=Noto Color Emoji"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


def embedded_fonts(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")))
    return fonts
