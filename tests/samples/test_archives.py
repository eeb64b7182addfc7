"""The demo history must look like a real professional's account, or the demo misleads."""

from __future__ import annotations

import zipfile

from profiles.analysis import AnalysisContext, WorkingHours, analyse
from profiles.ingest import open_history
from samples.archives import MEMBER_TIME, TwitterAccount, write_twitter_archive
from samples.demo_history import DEMO_POSTS, write_demo_archive
from samples.histories import professional_history


def _demo_profile(tmp_path):
    with open_history(write_demo_archive(tmp_path / "demo.zip")) as history:
        posts = list(history.posts())
        context = AnalysisContext.for_account(
            history.account, timezone="Europe/London", working_hours=WorkingHours.parse("Mon-Fri 08:00-18:00")
        )
    return posts, analyse(posts, context).profile.as_dict()


def test_the_demo_history_mixes_personal_posts_announcements_replies_and_a_few_templates(tmp_path):
    posts, profile = _demo_profile(tmp_path)

    assert len(posts) == DEMO_POSTS
    assert 0.35 < profile["voice"]["personal_share"] < 0.7
    # A mix, well short of a press office (the voice findings start at 70% corporate, docs/voice.md):
    # the trained model reads the inspector's notices and templated appeals as corporate.
    assert 0.1 < profile["voice"]["corporate_share"] < 0.45
    assert 0.3 < profile["responsiveness"]["reply_share"] < 0.6
    assert 0.05 < profile["voice"]["templated_share"] < 0.35
    assert profile["responsiveness"]["follow_back_share"] is not None


def test_the_demo_account_posts_mostly_in_the_working_day(tmp_path):
    _, profile = _demo_profile(tmp_path)

    assert profile["rhythm"]["out_of_hours_share"] < 0.35
    assert profile["rhythm"]["night_share"] < 0.05
    assert profile["rhythm"]["weekend_share"] < 0.15


def test_replies_and_threads_never_come_before_what_they_answer(tmp_path):
    posts, _ = _demo_profile(tmp_path)

    times = {post.external_id: post.created_at for post in posts}
    for post in posts:
        if post.reply_to_post_id in times:
            assert times[post.reply_to_post_id] <= post.created_at


def test_the_demo_posts_read_as_one_person_s_never_restating_themselves(tmp_path):
    posts, _ = _demo_profile(tmp_path)
    texts = [post.text for post in posts]

    # One named inspector, in one named town, with colleagues who come back.
    assert sum("Ashcombe" in text for text in texts) > 50
    assert sum("PCSO Priya Shah" in text for text in texts) > 10
    # Events that happen once: the post and its one follow-up.
    assert sum("Bike marking day in the market square" in text for text in texts) == 1
    assert sum("212 bikes marked" in text for text in texts) == 1
    # No post says the same thing twice over (the old "Was so proud of X. I loved X.").
    for text in texts:
        sentences = [sentence.strip().lower() for sentence in text.split(".") if len(sentence.split()) > 3]
        assert len(sentences) == len(set(sentences)), text
    # Some posts carry emoji, which the report and its PDF must draw.
    assert any("🚲" in text for text in texts)


def test_the_same_history_written_twice_is_the_same_file(tmp_path) -> None:
    # Members are dated MEMBER_TIME, not the clock: two uploads of one history are one file.
    first = write_twitter_archive(tmp_path / "a.zip", professional_history(30, seed=6), TwitterAccount())
    second = write_twitter_archive(tmp_path / "b.zip", professional_history(30, seed=6), TwitterAccount())
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        # Streamed members are dated as zipfile dates a ZipInfo (1980): neither is the clock's time.
        assert {member.date_time for member in archive.infolist()} <= {MEMBER_TIME, (1980, 1, 1, 0, 0, 0)}
