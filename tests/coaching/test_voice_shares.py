"""The voice shares the report shows: the analysis's counts, with the posts a coach re-read moved."""

from __future__ import annotations

import pytest

from coaching.templatetags.coaching_report import share_range
from coaching.voice_shares import profile_voice_labels, voice_counts, voice_moves, voice_shares
from profiles.analysis.voice import wilson_interval

# 100 posts read: 80 judged (40 personal, 4 mixed, 36 corporate), 20 too short to judge.
VOICE = {
    "posts_scored": 100,
    "posts_judged": 80,
    "personal_share": 0.5,
    "mixed_share": 0.05,
    "corporate_share": 0.45,
    "model_version": "voice-v1",
}


def test_it_recovers_the_analysis_counts_from_the_stored_shares():
    assert voice_counts(VOICE) == (100, {"personal": 40, "mixed": 4, "corporate": 36, "unknown": 20})


def test_without_corrections_the_shares_are_the_analysis_ones_with_their_intervals():
    shares = voice_shares(VOICE)

    assert (shares.posts_judged, shares.judged_share, shares.posts_reread) == (80, 0.8, 0)
    assert (shares.personal_share, shares.mixed_share, shares.corporate_share) == (0.5, 0.05, 0.45)
    assert shares.personal_interval == wilson_interval(40, 80)


def test_a_post_moved_between_two_voices_changes_both_shares_not_the_posts_judged():
    shares = voice_shares(VOICE, [("personal", "corporate"), ("personal", "corporate")])

    assert shares.posts_judged == 80
    assert (shares.personal_share, shares.corporate_share) == (0.475, 0.475)
    assert shares.corporate_interval == wilson_interval(38, 80)
    assert shares.posts_reread == 2


def test_a_post_moved_to_or_from_unknown_leaves_or_joins_the_posts_judged():
    dropped = voice_shares(VOICE, [("corporate", "unknown")])
    assert (dropped.posts_judged, dropped.judged_share) == (79, 0.79)
    assert dropped.corporate_share == round(35 / 79, 4)

    joined = voice_shares(VOICE, [("unknown", "personal")])
    assert (joined.posts_judged, joined.judged_share) == (81, 0.81)
    assert joined.personal_share == round(41 / 81, 4)


def test_a_confirmed_label_changes_no_share_but_counts_as_re_read():
    shares = voice_shares(VOICE, [("mixed", "mixed")])

    assert (shares.mixed_share, shares.posts_reread) == (0.05, 1)


def test_an_impossible_move_is_ignored():
    no_mixed = {**VOICE, "mixed_share": 0.0, "corporate_share": 0.5}
    shares = voice_shares(no_mixed, [("mixed", "personal"), ("press office", "personal")])

    assert (shares.personal_share, shares.posts_reread) == (0.5, 0)


def test_a_profile_from_before_unknown_judged_every_post_it_read():
    shares = voice_shares({"posts_scored": 10, "personal_share": 0.3, "mixed_share": 0.2, "corporate_share": 0.5})

    assert (shares.posts_judged, shares.judged_share, shares.personal_share) == (10, 1.0, 0.3)


def test_counts_rounded_off_their_total_keep_the_posts_judged():
    # 10,000 + 10,000 + 10,001 posts stored as 0.3333, 0.3333, 0.3334: rounded back, 30,000.
    voice = {"posts_scored": 30_001, "posts_judged": 30_001, "personal_share": 0.3333, "mixed_share": 0.3333,
             "corporate_share": 0.3334}  # fmt: skip

    _, counts = voice_counts(voice)

    assert (counts["personal"], counts["mixed"], counts["corporate"]) == (9_999, 9_999, 10_003)


def test_nothing_read_gives_no_shares():
    shares = voice_shares({}, [("personal", "corporate")])

    assert (shares.posts_judged, shares.personal_share, shares.personal_interval) == (0, None, None)


PROFILE = {
    "voice": {**VOICE, "most_personal": ["p1"], "most_corporate": ["c1"]},
    "engagement": {"best_posts": [{"id": "b1", "voice": "mixed"}], "top_posts": [{"id": "t1", "voice": "unknown"}]},
    "findings": [{"examples": [{"id": "e1", "voice": "personal"}, {"id": "e2"}]}],
}


def test_it_reads_the_labels_the_profile_carries():
    assert profile_voice_labels(PROFILE) == {
        "p1": "personal",
        "c1": "corporate",
        "b1": "mixed",
        "t1": "unknown",
        "e1": "personal",
    }


@pytest.mark.parametrize(
    ("correction", "move"),
    [
        (("p1", "corporate", "", ""), ("personal", "corporate")),  # named by the profile
        (("p1", "corporate", "mixed", "voice-v1"), ("personal", "corporate")),  # the profile wins
        (("e2", "personal", "corporate", "voice-v1"), ("corporate", "personal")),  # recorded, same model
        (("e2", "personal", "corporate", "voice-v2"), None),  # recorded by another model
        (("e2", "personal", "", ""), None),  # not known
    ],
)
def test_a_correction_moves_a_post_only_from_a_known_analysis_label(correction, move):
    assert voice_moves([correction], PROFILE) == ([move] if move else [])


def test_a_range_reads_as_whole_percents():
    assert share_range([0.4123, 0.5087]) == "41–51%"
    assert share_range(None) == ""
