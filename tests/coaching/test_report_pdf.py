"""The report's PDF is rendered by the worker when the report is delivered or published, stored,
and served from that file; a change the client would see (a coach's note) makes a new one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from coaching import services, workflow
from coaching.models import Annotation
from tests.coaching.test_review import summary_note
from tests.coaching.test_views import delivered_order
from tests.factories import UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_stored_pdfs() -> None:
    # Order ids start again in every test's database; other tests' PDFs must not be taken for these.
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "reports", ignore_errors=True)


def stored_pdfs(order_id: int) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "reports" / str(order_id)
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_the_worker_stores_the_pdf_and_the_download_is_that_file(client, tmp_path):
    user = UserFactory()
    order = delivered_order(user, tmp_path)

    workflow.render_report_pdf(order.pk)  # what the worker runs once the report is delivered
    [stored] = stored_pdfs(order.pk)
    client.force_login(user)
    response = client.get(f"/orders/{order.pk}/report.pdf")

    assert response.getvalue() == stored.read_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="voiceprint-report-' in response["Content-Disposition"]
    assert stored_pdfs(order.pk) == [stored]  # served, not rendered again


def test_a_coachs_note_makes_a_new_pdf_and_the_old_one_goes(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 2)
    summary_note(order, alice)
    services.report_publish(order_id=order.pk, by=alice)
    workflow.render_report_pdf(order.pk)
    [before] = stored_pdfs(order.pk)
    services.report_reopen(order_id=order.pk, by=alice, reason="a note to add")
    Annotation.objects.create(report=order.report, section="tone", text="Keep the evening replies short.", coach=alice)
    services.report_publish(order_id=order.pk, by=alice)
    client.force_login(order.client)

    pdf = client.get(f"/orders/{order.pk}/report.pdf").getvalue()

    assert "Keep the evening replies short." in pdf_text(pdf)
    [after] = stored_pdfs(order.pk)
    assert after != before
    assert not before.exists()


def test_an_unpublished_report_has_no_pdf_rendered(tmp_path, coached_order):
    order = coached_order(tmp_path, 3)

    assert workflow.render_report_pdf(order.pk) == "not published"
    assert stored_pdfs(order.pk) == []


def test_deleting_the_order_deletes_its_pdf(tmp_path, django_capture_on_commit_callbacks):
    order = delivered_order(UserFactory(), tmp_path)
    workflow.render_report_pdf(order.pk)
    assert stored_pdfs(order.pk)

    with django_capture_on_commit_callbacks(execute=True):
        services.order_delete(order)

    assert stored_pdfs(order.pk) == []
