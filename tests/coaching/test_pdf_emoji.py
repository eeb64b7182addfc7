"""Emoji in a client's posts are drawn in the PDF, not left as empty boxes.

WeasyPrint draws a glyph only from a font the system has: Debian's `fonts-noto-color-emoji`
(installed by .ci/run, named in the README). Where it is absent the test says so and skips,
rather than pass on boxes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from PIL import Image

from coaching.pdf import pdf_from_html
from coaching.services.reports import QuotedPost
from profiles.models import Post
from tests.coaching.test_views import delivered_order
from tests.factories import UserFactory
from tests.pdf import embedded_fonts, emoji_font_installed

EMOJI_FONT = "Noto-Color-Emoji"
CELEBRATION = "Proud of the team 🎉🚲 at the bike marking today"


needs_emoji_font = pytest.mark.skipif(
    not emoji_font_installed(),
    reason="Noto Color Emoji is not installed (apt-get install fonts-noto-color-emoji): emoji cannot be drawn",
)


@needs_emoji_font
@pytest.mark.django_db
def test_a_report_pdf_citing_a_post_with_emoji_embeds_the_emoji_font(client, tmp_path):
    owner = UserFactory()
    order = delivered_order(owner, tmp_path)
    cited = next(post_id for finding in order.report.profile["findings"] for post_id in finding["example_post_ids"])
    Post.objects.filter(history=order.history, external_id=cited).update(text=CELEBRATION)
    client.force_login(owner)

    pdf = client.get(f"/orders/{order.pk}/report.pdf").getvalue()

    assert any(font.endswith(EMOJI_FONT) for font in embedded_fonts(pdf)), embedded_fonts(pdf)


@needs_emoji_font
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_emoji_of_a_cited_post_are_drawn_in_colour():
    """Rasterised, the cited post shows coloured pixels: the emoji. Without the font the same
    post is drawn in the report's greys and navy only (the control below)."""
    quote = QuotedPost(text=CELEBRATION, url="", created_at=None, local_time="2025-06-07T10:15:00+01:00")
    with_emoji = render_to_string("coaching/cited_post.html", {"quote": quote})
    without_emoji = render_to_string("coaching/cited_post.html", {"quote": {**quote.__dict__, "text": "Proud"}})

    assert _coloured_pixels(with_emoji) > 50
    assert _coloured_pixels(without_emoji) == 0


def _coloured_pixels(fragment: str) -> int:
    """Pixels of strong colour (red, yellow, green…) in the fragment printed to a PDF and rasterised."""
    html = f"<html><body style=\"font-family: 'DejaVu Sans'; font-size: 20pt\">{fragment}</body></html>"
    with tempfile.TemporaryDirectory() as folder:
        pdf_path = Path(folder) / "post.pdf"
        pdf_path.write_bytes(pdf_from_html(html, base_url="http://testserver/"))
        subprocess.run(
            [
                shutil.which("pdftoppm") or "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf_path),
                str(pdf_path.with_suffix("")),
            ],
            check=True,
        )
        image = Image.open(next(Path(folder).glob("post*.png"))).convert("HSV")
        return sum(1 for _hue, saturation, value in image.getdata() if saturation > 120 and value > 120)
