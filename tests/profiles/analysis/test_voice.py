"""Corporate or personal: transparent features, and templated repetition found as clusters."""

from __future__ import annotations

from datetime import timedelta

from profiles.analysis import AnalysisContext, analyse
from tests.profiles.analysis.factories import at, make_post

PERSONAL_POST = "I finally had a day off and took the kids to the beach, honestly the best weekend in ages"
CORPORATE_POST = (
    "We are pleased to announce our new community initiative. Read more: https://example.org/x #SaferStreets"
)


def test_posts_get_a_score_a_label_and_the_features_behind_them() -> None:
    personal = make_post(PERSONAL_POST)
    corporate = make_post(CORPORATE_POST, client="Hootsuite Inc.")
    scores = {score.id: score for score in analyse([personal, corporate]).post_scores}

    assert scores[personal.external_id].voice == "personal"
    assert scores[personal.external_id].voice_score == 1.0
    assert {"first_person_singular", "everyday_life", "opinion_and_feeling"} <= set(
        scores[personal.external_id].voice_features
    )
    assert scores[corporate.external_id].voice == "corporate"
    assert scores[corporate.external_id].voice_score == -1.0
    assert {"institutional_we", "press_release_wording", "link_and_hashtag_broadcast", "scheduling_tool"} <= set(
        scores[corporate.external_id].voice_features
    )


def test_reposts_and_foreign_language_posts_have_no_voice() -> None:
    repost = make_post("RT @someone: I love this", kind="repost")
    welsh = make_post("Bore da bawb, diolch am eich cefnogaeth", language="cy")
    profile = analyse([repost, welsh, make_post(PERSONAL_POST)]).profile
    assert profile.voice.posts_scored == 1
    assert profile.posts.non_english == 1
    assert profile.voice.personal_share == 1.0


def test_near_identical_messages_form_a_template_cluster_and_count_as_corporate() -> None:
    start = at("2024-02-01 09:00")
    template = "Officers will be holding a community surgery at {place} on Tuesday from 2pm, come and say hello {url}"
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


def test_humour_is_found_in_words_emoji_and_emoticons() -> None:
    posts = [
        make_post("Beaten at darts by a ten year old again, haha", when="2024-03-01 10:00"),
        make_post("Beaten at darts by a ten year old again 😂", when="2024-03-02 10:00"),
        make_post("Beaten at darts by a ten year old again :D", when="2024-03-03 10:00"),
        make_post("Beaten at darts by a ten year old again.", when="2024-03-04 10:00"),
    ]
    features = [("humour" in score.voice_features) for score in analyse(posts).post_scores]
    assert features == [True, True, True, False]
