"""Corporate or personal: the classifier's reading of each post, its reasons, and the account's shares."""

from __future__ import annotations

from datetime import timedelta

import pytest

from profiles.analysis import AnalysisContext, analyse
from profiles.analysis.voice import wilson_interval
from profiles.analysis.voice_signals import own_words, signals_of
from tests.profiles.analysis.factories import at, make_post, reply

PERSONAL_POST = "I finally had a day off and took the kids to the beach, honestly the best weekend in ages"
CORPORATE_POST = (
    "We are pleased to announce our new community initiative. Read more: https://example.org/x #SaferStreets"
)


def test_posts_get_a_label_a_probability_and_the_features_behind_them() -> None:
    personal = make_post(PERSONAL_POST)
    corporate = make_post(CORPORATE_POST)
    scores = {score.id: score for score in analyse([personal, corporate]).post_scores}

    mine, theirs = scores[personal.external_id], scores[corporate.external_id]
    assert mine.voice == "personal"
    assert theirs.voice == "corporate"
    assert mine.voice_probability > 0.8
    assert theirs.voice_probability > 0.8
    # voice_score = P(personal) - P(corporate).
    assert mine.voice_score == pytest.approx(2 * mine.voice_probability - 1, abs=2e-4)
    assert theirs.voice_score == pytest.approx(1 - 2 * theirs.voice_probability, abs=2e-4)
    assert 2 <= len(mine.voice_reasons) <= 3
    assert "speaks as “I”" in mine.voice_reasons
    assert "an announcement (“pleased to announce”, “now available”, “new paper”)" in theirs.voice_reasons
    assert len(mine.voice_reasons) == len(mine.voice_features)


def test_it_scores_a_curly_apostrophe_like_a_straight_one() -> None:
    curly, straight = make_post("I\u2019m so tired of this weather"), make_post("I'm so tired of this weather")
    first, second = analyse([curly, straight]).post_scores
    assert (first.voice, first.voice_probability, first.voice_features) == (
        second.voice,
        second.voice_probability,
        second.voice_features,
    )
    assert "first_person" in first.voice_features


def test_quoted_words_do_not_make_a_post_personal() -> None:
    quoted = make_post(
        '"I love my job and I feel great every single day" says the new staff survey https://example.org/s'
    )
    plain = make_post("I love my job and I feel great every single day")
    scores = {score.id: score for score in analyse([quoted, plain]).post_scores}
    assert scores[plain.external_id].voice == "personal"
    assert scores[quoted.external_id].voice == "corporate"
    assert "first_person" not in scores[quoted.external_id].voice_features


def test_a_manual_retweet_is_not_the_posters_own_words() -> None:
    passed_on = make_post("Worth a read RT @someone: I love my dog and my kids so much, best weekend ever")
    (score,) = analyse([passed_on]).post_scores
    assert "first_person" not in score.voice_features


def test_a_headline_and_a_link_is_corporate() -> None:
    headline = make_post("New paper: Sediment transport under variable flow regimes https://doi.org/10.1000/xyz")
    (score,) = analyse([headline]).post_scores
    assert score.voice == "corporate"
    assert {"headline_and_link", "label_and_colon", "announcement"} & set(score.voice_features)


def test_a_plain_reply_to_a_person_is_personal() -> None:
    answer = reply("@sam maybe! not sure yet", when="2024-03-05 10:00", to_handle="sam")
    (score,) = analyse([answer], AnalysisContext(account_id="1")).post_scores
    assert score.voice == "personal"
    assert "reply_to_person" in score.voice_features


def test_a_post_with_nothing_of_its_own_is_unknown_and_left_out_of_the_shares() -> None:
    posts = [make_post("https://example.org/a", when="2024-03-01 10:00"), make_post(PERSONAL_POST)]
    analysis = analyse(posts)
    assert [score.voice for score in analysis.post_scores] == ["unknown", "personal"]
    assert analysis.post_scores[0].voice_reasons == ["too few words of your own to judge"]
    voice = analysis.profile.voice
    assert (voice.posts_scored, voice.posts_judged, voice.judged_share) == (2, 1, 0.5)
    assert voice.personal_share == 1.0


def test_shares_come_with_90_percent_intervals_and_the_model_version() -> None:
    personal = [PERSONAL_POST, "Ugh, missed the bus by ten seconds again", "My gran's apple pie is still the best"]
    posts = [make_post(text, when=at("2024-01-01 10:00") + timedelta(days=n)) for n, text in enumerate(personal)]
    posts.append(make_post(CORPORATE_POST, when="2024-02-01 10:00"))
    voice = analyse(posts).profile.voice
    assert voice.model_version == "voice-v5"
    low, high = voice.personal_interval
    assert low < voice.personal_share < high
    assert voice.personal_interval == wilson_interval(3, 4)


def test_the_wilson_interval_matches_the_formula() -> None:
    # 8 of 10 at z = 1.6449: centre (0.8 + z²/20) / (1 + z²/10) = 0.7361,
    # half-width z·√(0.016 + z²/400) / (1 + z²/10) = 0.1953.
    assert wilson_interval(8, 10) == [0.5408, 0.9314]
    assert wilson_interval(0, 0) is None
    assert wilson_interval(0, 5)[0] == 0.0


def test_reposts_and_foreign_language_posts_have_no_voice() -> None:
    repost = make_post("RT @someone: I love this", kind="repost")
    welsh = make_post("Bore da bawb, diolch am eich cefnogaeth", language="cy")
    profile = analyse([repost, welsh, make_post(PERSONAL_POST)]).profile
    assert profile.voice.posts_scored == 1
    assert profile.posts.non_english == 1
    assert profile.voice.personal_share == 1.0


def test_near_identical_messages_form_a_template_cluster_and_count_as_corporate() -> None:
    start = at("2024-02-01 09:00")
    template = "So proud of everyone who came to our community surgery at {place} on Tuesday, loved it {url}"
    places = ["the library", "the library", "the town hall", "the library", "the leisure centre"]
    templated = [
        make_post(template.format(place=place, url=f"https://example.org/{n}"), when=start + timedelta(days=7 * n))
        for n, place in enumerate(places)
    ]
    others = [
        make_post("Cracking sunrise over the harbour on the way in this morning", when=start + timedelta(hours=3)),
        make_post("Huge thanks to everyone who came to the charity football match", when=start + timedelta(hours=5)),
    ]
    analysis = analyse(templated + others)
    clusters = analysis.profile.voice.template_clusters
    assert len(clusters) == 1
    assert clusters[0].size == 5
    assert clusters[0].post_ids == [post.external_id for post in templated]
    assert analysis.profile.voice.templated_share == round(5 / 7, 4)
    templated_ids = {post.external_id for post in templated}
    for score in analysis.post_scores:
        assert ("templated_repetition" in score.voice_features) == (score.id in templated_ids)
        if score.id in templated_ids:
            assert score.voice == "corporate"
            assert score.voice_reasons[0] == "one of several near-identical posts (a template)"


def test_two_similar_posts_are_not_yet_a_template() -> None:
    text = "Please remember to lock your car and keep valuables out of sight this evening"
    profile = analyse([make_post(text), make_post(text, when="2024-03-06 10:00")]).profile
    assert profile.voice.template_clusters == []


def test_voice_balance_by_month() -> None:
    posts = [
        make_post(PERSONAL_POST, when="2024-01-10 10:00"),
        make_post(CORPORATE_POST, when="2024-01-11 10:00"),
        make_post(CORPORATE_POST + " now", when="2024-02-11 10:00"),
    ]
    by_month = analyse(posts, AnalysisContext(timezone="UTC")).profile.voice.by_month
    assert [(m.month, m.posts, m.personal_share, m.corporate_share) for m in by_month] == [
        ("2024-01", 2, 0.5, 0.5),
        ("2024-02", 1, 0.0, 1.0),
    ]


def test_a_shared_quotation_with_nothing_of_ones_own_is_read_as_a_broadcast() -> None:
    shared = make_post('"Nothing amazing ever happens in a culture of fear" @speaker https://example.org/talk')
    (score,) = analyse([shared]).post_scores
    # Not "unknown" for want of the poster's own words: a quotation dropped with a link broadcasts.
    assert score.voice == "corporate"


def test_an_organisation_answering_the_public_is_corporate() -> None:
    answer = reply(
        "@sam Thanks for getting in touch. Please send us a DM with your details and we will look into it.",
        when="2024-03-05 10:00",
        to_handle="sam",
    )
    (score,) = analyse([answer], AnalysisContext(account_id="1")).post_scores
    assert score.voice == "corporate"
    assert "service_reply" in score.voice_features


@pytest.mark.parametrize(
    "text",
    [
        "@sam Sorry to hear the app keeps crashing. Could you try reinstalling it? - Dani",
        "@sam That should sort it out, just let us know if not /AY",
        "@sam Your refund has been processed today ^MM 2/2",
    ],
)
def test_a_reply_signed_off_by_the_person_answering_for_an_organisation_is_service_phrasing(text: str) -> None:
    own = own_words(text)
    assert "service_reply" in signals_of(own, kind="reply", to_person=True)


@pytest.mark.parametrize(
    ("text", "kind", "to_person"),
    [
        ("Be the change you wish to see - Gandhi", "original", False),  # a quotation's attribution, not a reply
        ("@sam that meeting could have been an email /s", "reply", True),  # sarcasm, not a signature
        ("@sam see you at the match - it starts at three", "reply", True),
    ],
)
def test_a_dash_or_slash_at_the_end_is_not_a_sign_off_elsewhere(text: str, kind: str, to_person: bool) -> None:
    assert "service_reply" not in signals_of(own_words(text), kind=kind, to_person=to_person)


@pytest.mark.parametrize(
    "text",
    [
        "Just finished the course “Recruiting Foundations”!",
        "I’m happy to share that I’m starting a new position as Data Analyst at Acme Ltd!",
        "Pleased to share that I have obtained a new certification: Power BI Data Analyst from Microsoft!",
        "View my verified achievement from Cisco.",
        "I liked a @YouTube video https://youtu.be/abc Hot Chip - Flutes",
    ],
)
def test_an_apps_ready_made_share_text_is_named_as_such(text: str) -> None:
    assert "app_share" in signals_of(own_words(text), kind="original", to_person=False)


def test_ones_own_news_in_ones_own_words_is_not_an_apps_share_text() -> None:
    own = own_words("So happy to share that I finally finished the course I started last year, what a ride!")
    assert "app_share" not in signals_of(own, kind="original", to_person=False)


def test_a_police_appeal_is_a_notice_and_read_corporate() -> None:
    appeal = make_post(
        "Have you seen this man? We are appealing for information after a burglary in Bridge Street. "
        "Anyone with information should call 101 quoting log 342."
    )
    assert "notice" in signals_of(own_words(appeal.text), kind="original", to_person=False)
    (score,) = analyse([appeal]).post_scores
    assert score.voice == "corporate"


def test_asking_a_friend_whether_they_have_seen_something_is_no_appeal() -> None:
    own = own_words("@jo have you seen the new bridge yet? Looks amazing from the train")
    assert "notice" not in signals_of(own, kind="reply", to_person=True)


PERSONAL_HISTORY = (
    "I finally had a day off and took the kids to the beach, honestly the best weekend in ages",
    "Ugh, missed the train again. Third time this week, I'm starting to take it personally",
    "Honestly can't believe how good my sister's lasagne was tonight, I'm still thinking about it",
    "I love how my dog waits by the door every evening, it makes my whole day",
    "Feeling pretty nervous about my first half marathon on Sunday, wish me luck!",
)
CORPORATE_HISTORY = (
    "We are pleased to announce our new community initiative. Read more: https://example.org/a #SaferStreets",
    "Register now for our annual conference on 12 May. Places are limited: https://example.org/b",
    "The library will be closed on Monday for the bank holiday. Normal opening hours resume Tuesday.",
    "Applications are now open for the 2025 graduate programme. Find out more: https://example.org/c",
    "Our quarterly report is now available to download: https://example.org/d #Results",
)
# Close to even on its own words: read alone, it leans corporate by less than a history can move it.
CLOSE_TO_EVEN = "New figures on housing out today"


def _voice_in(history: tuple[str, ...], text: str):
    posts = [make_post(body, when=at("2024-03-01 09:00") + timedelta(days=day)) for day, body in enumerate(history)]
    post = make_post(text, when="2024-03-20 09:00")
    result = analyse([*posts, post])
    return next(score for score in result.post_scores if score.id == post.external_id), result.profile.voice


def test_a_post_close_to_even_takes_the_voice_of_the_authors_other_posts() -> None:
    in_personal, personal_voice = _voice_in(PERSONAL_HISTORY, CLOSE_TO_EVEN)
    in_corporate, corporate_voice = _voice_in(CORPORATE_HISTORY, CLOSE_TO_EVEN)

    assert personal_voice.history_lean > 2 > -2 > corporate_voice.history_lean
    assert in_personal.voice == "personal"
    assert in_personal.voice_reasons == [
        "most of your posts read personal; its own words lean only a little the other way"
    ]
    assert in_corporate.voice == "corporate"
    assert in_corporate.voice_features[0] != "history_corporate"  # its own words decided it


def test_a_clear_post_keeps_its_own_voice_in_any_history() -> None:
    announcement, _ = _voice_in(PERSONAL_HISTORY, CORPORATE_POST)
    weekend, _ = _voice_in(CORPORATE_HISTORY, PERSONAL_POST)

    assert announcement.voice == "corporate"
    assert weekend.voice == "personal"
    assert "history_corporate" not in weekend.voice_features
    assert "history_personal" not in announcement.voice_features
