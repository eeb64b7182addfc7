"""Coaches correct the voice of a quoted post: one click on the review page, kept with who and when,
and the client's report shows the coach's label, saying so."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import call_command

from coaching import services
from coaching.models import Annotation, FindingAdjustment
from coaching.pdf import pdf_from_html
from coaching.services.reports import report_pdf_html
from profiles.analysis.voice_model import MODEL_DIR
from profiles.models import Post, VoiceCorrection
from profiles.voice import post_voice_reading
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def quoted(order, coach) -> str:
    """A finding of the coach's own quoting the client's first post; that post's id."""
    post_id = order.history.posts.order_by("created_at").first().external_id
    FindingAdjustment.objects.create(
        report=order.report, headline="Say thanks", example_post_ids=[post_id], coach=coach
    )
    return post_id


def test_one_click_on_the_review_page_corrects_a_quoted_posts_voice_and_the_report_says_so(
    client, tmp_path, coaches, coached_order
):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    post_id = quoted(order, alice)
    client.force_login(alice)
    review = f"/admin/coaching/report/{order.report.pk}/review/"
    page = client.get(review).content.decode()
    assert f'<input type="hidden" name="post" value="{post_id}">' in page
    for label in ("personal", "mixed", "corporate", "unknown"):
        assert f'name="label" value="{label}"' in page
    assert 'title="both voices carry real weight in this post"' in page

    response = client.post(f"/admin/coaching/report/{order.report.pk}/voice/", {"post": post_id, "label": "corporate"})

    assert response.status_code == 302
    assert response["Location"] == review
    correction = VoiceCorrection.objects.get()
    assert (correction.post.external_id, correction.label, correction.corrected_by) == (post_id, "corporate", alice)
    assert "voice: corporate (corrected by your coach)" in client.get(review).content.decode()

    Annotation.objects.create(report=order.report, section="summary", text="Well done", coach=alice)
    services.report_publish(order_id=order.pk, by=alice)
    client.force_login(order.client)
    report = client.get(f"/orders/{order.pk}/report/").content.decode()
    assert "voice: corporate (corrected by your coach)" in report
    assert 'name="label"' not in report  # the buttons are the coach's


def test_each_correction_is_kept_in_the_history_with_who_made_it(tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    post_id = quoted(order, alice)

    services.post_voice_correct(report=order.report, post_external_id=post_id, label="corporate", by=alice)
    services.post_voice_correct(report=order.report, post_external_id=post_id, label="personal", by=alice)

    correction = VoiceCorrection.objects.get()
    assert correction.label == "personal"
    versions = list(correction.history.order_by("history_date").values_list("label", "history_user"))
    assert versions == [("corporate", alice.pk), ("personal", alice.pk)]


def test_a_correction_is_refused_for_another_coach_a_stranger_post_a_bad_label_or_a_published_report(
    client, tmp_path, coaches, coached_order
):
    alice, bob = coaches
    order = coached_order(tmp_path, 1)
    post_id = quoted(order, alice)
    correct = services.post_voice_correct

    with pytest.raises(services.ReviewError, match="Only the coach assigned"):
        correct(report=order.report, post_external_id=post_id, label="corporate", by=bob)
    with pytest.raises(services.ReviewError, match="no post 'nope'"):
        correct(report=order.report, post_external_id="nope", label="corporate", by=alice)
    with pytest.raises(services.ReviewError, match="A voice is one of personal, mixed, corporate, unknown"):
        correct(report=order.report, post_external_id=post_id, label="press office", by=alice)
    Annotation.objects.create(report=order.report, section="summary", text="Well done", coach=alice)
    services.report_publish(order_id=order.pk, by=alice)
    order.report.refresh_from_db()
    with pytest.raises(services.ReviewError, match="reopen it before correcting"):
        correct(report=order.report, post_external_id=post_id, label="corporate", by=alice)
    assert not VoiceCorrection.objects.exists()

    client.force_login(alice)
    page = client.post(f"/admin/coaching/report/{order.report.pk}/voice/", {"post": post_id, "label": "mixed"},
                       follow=True)  # fmt: skip
    assert "reopen it before correcting" in page.content.decode()


def test_a_coachs_correction_changes_the_report_is_in_the_history_and_trains_the_next_model(
    client, tmp_path, coaches, coached_order
):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    post = order.history.posts.exclude(kind=Post.Kind.REPOST).order_by("created_at").first()
    FindingAdjustment.objects.create(
        report=order.report, headline="Say thanks", example_post_ids=[post.external_id], coach=alice
    )
    client.force_login(alice)

    voice = f"/admin/coaching/report/{order.report.pk}/voice/"
    client.post(voice, {"post": post.external_id, "label": "corporate"})

    review = client.get(f"/admin/coaching/report/{order.report.pk}/review/").content.decode()
    assert "voice: corporate (corrected by your coach)" in review
    correction = VoiceCorrection.objects.get()
    assert list(correction.history.values_list("label", "history_user")) == [("corporate", alice.pk)]

    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(MODEL_DIR / "voice-v5.json", models / "voice-v5.json")
    call_command("voice_train", "--with-corrections", "--output-dir", str(models))
    trained = json.loads((models / "voice-v6.json").read_text())
    assert trained["trained_on"]["corrections"] == 1
    shipped = json.loads((MODEL_DIR / "voice-v5.json").read_text())
    assert trained["trained_on"]["corporate"] == shipped["trained_on"]["corporate"] + 1


def page_section(page: str, key: str) -> str:
    return page[page.index(f'id="{key}"') :].split("</section>", 1)[0]


def voice_section(page: str) -> str:
    return page_section(page, "voice")


def test_a_correction_moves_the_post_in_the_voice_shares_and_the_section_says_so(
    client, tmp_path, coaches, coached_order
):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    voice = order.report.profile["voice"]
    post_id = voice["most_personal"][0]
    FindingAdjustment.objects.create(
        report=order.report, headline="Say thanks", example_post_ids=[post_id], coach=alice
    )
    before = services.report_context(order.report)["voice_shares"]
    client.force_login(alice)
    review = f"/admin/coaching/report/{order.report.pk}/review/"
    assert "your coach re-read" not in voice_section(client.get(review).content.decode())

    services.post_voice_correct(report=order.report, post_external_id=post_id, label="corporate", by=alice)

    after = services.report_context(order.report)["voice_shares"]
    judged = voice["posts_judged"]
    assert after.posts_judged == before.posts_judged == judged
    assert after.personal_share == round((before.personal_share * judged - 1) / judged, 4)
    assert after.corporate_share == round((before.corporate_share * judged + 1) / judged, 4)
    section = voice_section(client.get(review).content.decode())
    assert f"corporate {round(after.corporate_share * 100)}% (" in section
    assert "Of the posts judged, including 1 post your coach re-read:" in section
    summary = page_section(client.get(review).content.decode(), "summary")
    assert f"<td>Posts in a personal voice</td><td>{round(after.personal_share * 100)}%</td>" in summary

    pdf = " ".join(pdf_text(pdf_from_html(report_pdf_html(order.report), base_url="http://testserver/")).split())
    assert f"corporate {round(after.corporate_share * 100)}% (" in pdf
    assert "including 1 post your coach re-read" in pdf


def test_a_correction_of_a_post_the_profile_gives_no_label_records_the_analysis_label(tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    voice = order.report.profile["voice"]
    # Read again alone, the most personal posts get the label the whole analysis gave them.
    for post_id in voice["most_personal"]:
        assert post_voice_reading(order.history.posts.get(external_id=post_id)) == ("personal", voice["model_version"])
    named = set(voice["most_personal"]) | set(voice["most_corporate"])
    post = order.history.posts.exclude(kind=Post.Kind.REPOST).exclude(external_id__in=named).order_by("created_at")[0]

    correction = services.post_voice_correct(report=order.report, post_external_id=post.external_id, label="mixed",
                                             by=alice)  # fmt: skip

    assert correction.analysis_label in ("personal", "corporate", "unknown")
    assert correction.analysis_model == voice["model_version"]
    shares = services.report_context(order.report)["voice_shares"]
    assert shares.posts_reread == 1
    assert shares.mixed_share == round(1 / shares.posts_judged, 4)


def test_mixed_is_named_in_the_shares_only_once_a_post_is_mixed(client, tmp_path, coaches, coached_order):
    alice, _ = coaches
    order = coached_order(tmp_path, 1)
    client.force_login(alice)
    review = f"/admin/coaching/report/{order.report.pk}/review/"
    assert services.report_context(order.report)["voice_shares"].mixed_share == 0
    section = " ".join(voice_section(client.get(review).content.decode()).split())
    assert "mixed 0%" not in section
    assert "none is counted mixed unless your coach marks it so" in section

    post_id = order.report.profile["voice"]["most_personal"][0]
    services.post_voice_correct(report=order.report, post_external_id=post_id, label="mixed", by=alice)

    shares = services.report_context(order.report)["voice_shares"]
    section = " ".join(voice_section(client.get(review).content.decode()).split())
    assert f"mixed {round(shares.mixed_share * 100)}% (" in section
    assert "none is counted mixed" not in section
