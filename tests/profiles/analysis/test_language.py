"""Which posts count as English: the export's code, then the text (profiles/analysis/language.py)."""

from __future__ import annotations

import csv
import zlib
from collections import Counter
from pathlib import Path

import pytest

from profiles.analysis import AnalysisContext, analyse
from profiles.analysis.features import post_features
from profiles.analysis.language import (
    ENGLISH_MARGIN,
    ENGLISH_MARKERS,
    OTHER_MARKERS,
    clearly_english,
    english_margin,
    is_english,
    language_text,
    text_is_english,
)
from profiles.analysis.sentiment import VaderScorer
from profiles.analysis.thresholds import Thresholds
from tests.profiles.analysis.factories import bold, make_post

EVALUATION_POSTS = Path(__file__).resolve().parents[3] / "evaluation" / "language" / "posts.csv"

# Plain English short posts of the kinds the function-word rule dropped: slang, no function
# words, emoji, a check-in, a hashtag run. Written for this test.
ENGLISH_SHORT_POSTS = [
    "Damn! running late absolutely sucks!",
    "Monday mood 😴☕ #coffee",
    "Gutted. Proper gutted.",
    "Sooo tired lol",
    "Brilliant turnout today, thanks everyone 👏 https://t.co/abc123",
    "Great coffee (@ Café Sol in Lisboa, Portugal) https://t.co/xyz",
    "@sam_jones cheers mate!!",
    "Omg this weather tho 🌧🌧🌧",
    "New blog post: five lessons from court this week bit.ly/3abcd",
    "Happy birthday Lucy!!! 🎂🎉",
    "Nailed it 💪 #legday #gym #nopainnogain",
    "Anyone else watching the match? Unreal second half",
]
OTHER_LANGUAGE_POSTS = [
    ("de", "Heute Abend ist die Bürgersprechstunde im Rathaus, kommen Sie gerne vorbei!"),
    ("es", "Mañana tenemos reunión con los vecinos del barrio para hablar de seguridad."),
    ("fr", "Merci à toutes les équipes mobilisées cette nuit pour retrouver l'enfant disparu."),
    ("nl", "Vanavond zijn we met de wijkagent in gesprek met bewoners over de overlast."),
    ("ja", "今日は駅前で防犯キャンペーンを行いました。ご協力ありがとうございました。"),
    ("ru", "Сегодня вечером мы проводим встречу с жителями района, приходите!"),  # noqa: RUF001 - Russian
    ("zh", "今天我们在社区举办了安全讲座，感谢大家的参与。"),  # noqa: RUF001 - Chinese punctuation
]


@pytest.mark.parametrize("text", ENGLISH_SHORT_POSTS)
def test_it_keeps_short_informal_english_posts_without_a_language_code(text: str) -> None:
    assert is_english("", text)
    assert is_english("und", text)


@pytest.mark.parametrize(("lang", "text"), OTHER_LANGUAGE_POSTS)
def test_it_leaves_out_posts_in_other_languages_without_a_language_code(lang: str, text: str) -> None:
    assert not is_english("", text), lang


def test_the_exports_language_code_wins_when_it_is_a_real_language() -> None:
    assert not is_english("de", "Damn! running late absolutely sucks!")
    assert is_english("en", "Heute Abend ist die Bürgersprechstunde im Rathaus.")
    assert is_english("en-GB", "Merci beaucoup à tous")
    assert is_english("EN", "Merci beaucoup à tous")
    assert not is_english("pt-BR", "Thanks so much everyone")
    assert not is_english("zh_CN", "Thanks so much everyone")


def test_codes_that_mean_cannot_tell_leave_the_decision_to_the_text() -> None:
    for code in ("", "und", "qme", "qht", "qam", "qst", "zxx", "qct"):
        assert is_english(code, "Thanks so much everyone, what a great night")
        assert not is_english(code, "Vielen Dank an alle für den tollen Abend in der Stadthalle!")


def test_posts_with_nothing_to_judge_are_english() -> None:
    for text in ("", "https://t.co/abc", "😂😂😂", "#tbt", "@alice @bob", "lol", "👍 https://t.co/x"):
        assert text_is_english(text), text


def test_a_post_mostly_in_another_script_is_not_english_however_short() -> None:
    assert not text_is_english("ありがとう")
    assert not text_is_english("Спасибо!")


def test_links_handles_check_ins_and_emoji_are_not_judged_as_language() -> None:
    text = "Lunch 🍜 (@ Rumah Makan Gaol in Medan) @budi_s #food https://t.co/x www.a.org/b"
    assert language_text(text).split() == ["Lunch", "food"]


def test_swarm_check_ins_written_by_the_app_are_not_judged_as_language() -> None:
    text = "ramai sekali 😂 (with Dewi, Budi, and 3 others at Warung Kopi Senja) [pic] — https://t.co/x"
    assert language_text(text).split() == ["ramai", "sekali", "pic"]
    assert language_text("Selamat pagi! (at Stasiun Gambir) — https://t.co/y").split() == ["Selamat", "pagi!"]
    # Words in brackets the post's author wrote stay.
    assert language_text("I tried (at least I did) to go").split() == [
        "I",
        "tried",
        "at",
        "least",
        "I",
        "did",
        "to",
        "go",
    ]


def test_it_calls_a_post_clearly_english_on_an_english_word_and_no_sign_of_another_language() -> None:
    for text in [*ENGLISH_SHORT_POSTS[:3], "We are out on patrol with the team", "Who's got the keys?"]:
        assert clearly_english(language_text(text)) == any(
            word.strip("!?.,").lower() in ENGLISH_MARKERS for word in language_text(text).split()
        ), text
    assert clearly_english(language_text("Out on patrol with the team this morning"))
    assert clearly_english(language_text("I’m late, don’t wait"))  # curly apostrophes as typed on phones


def test_it_asks_the_model_when_a_post_shows_any_sign_of_another_language() -> None:
    for text in (
        "Das ist the best day ever",  # a German everyday word beside English ones
        "Vanavond met the whole team in de stad",  # Dutch
        "Merci with all my heart à tous",  # a letter English does not use
        "Hoy con the family",  # Spanish
        "Jalan jalan dengan the kids",  # Indonesian
        "Gutted. Proper gutted.",  # English, but no marker: the model decides
    ):
        assert not clearly_english(language_text(text)), text


def test_the_shortcut_leaves_out_words_other_languages_use_every_day() -> None:
    shared = {"in", "a", "an", "i", "is", "was", "of", "on", "to", "at", "me", "my", "so", "no", "die", "son", "will"}
    assert not ENGLISH_MARKERS & shared
    assert not ENGLISH_MARKERS & OTHER_MARKERS


def _evaluation_posts(half: str = "whole") -> list[dict[str, str]]:
    """The evaluation set, or one half of it as bench/language.py splits it (CRC-32 of the text)."""
    with EVALUATION_POSTS.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    if half == "whole":
        return rows
    wanted = 1 if half == "held-out" else 0
    return [row for row in rows if zlib.crc32(row["text"].encode("utf-8")) % 2 == wanted]


def test_on_the_evaluation_set_the_shortcut_changes_no_verdict_on_another_language() -> None:
    """Every post of another language the shortcut calls English, the model would keep too."""
    let_through = Counter()
    for row in _evaluation_posts():
        if row["lang"] == "en":
            continue
        words = language_text(row["text"])
        if clearly_english(words):
            let_through[row["lang"]] += 1
            assert english_margin(words) > -ENGLISH_MARGIN, row["text"]
    # Only the mixed "not English" set holds any: tweets its annotators marked not English
    # that are written in English, and one with an English "with".
    assert set(let_through) <= {"other"}
    assert let_through["other"] <= 3


def test_on_the_evaluation_set_most_english_posts_skip_the_model() -> None:
    english = [row["text"] for row in _evaluation_posts() if row["lang"] == "en"]
    skipped = sum(clearly_english(language_text(text)) for text in english)
    # 65% measured; most of the others are too short to need the model, or without a marker.
    assert skipped / len(english) >= 0.6


def test_english_loses_only_to_a_clear_margin() -> None:
    assert english_margin("We are out on patrol in the town centre this morning") > 0
    assert english_margin("Wir sind heute Morgen in der Innenstadt unterwegs") < -10


def test_a_post_judged_not_english_leaves_tone_and_voice() -> None:
    german = make_post("Heute Abend ist die Bürgersprechstunde im Rathaus, kommen Sie gerne vorbei!", language="")
    english = make_post("Damn! running late absolutely sucks!", language="")
    scorer, thresholds = VaderScorer(), Thresholds()
    assert post_features(german, scorer=scorer, thresholds=thresholds).sentiment is None
    assert post_features(english, scorer=scorer, thresholds=thresholds).sentiment is not None
    analysis = analyse([german, english], AnalysisContext(timezone="UTC"))
    assert [score.id for score in analysis.post_scores if score.sentiment is not None] == [english.external_id]


def test_on_the_evaluation_set_english_is_kept_and_other_languages_mostly_left_out() -> None:
    """The figures of docs/performance.md, "Language identification", held as a floor."""
    rows = _evaluation_posts()
    judged: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for row in rows:
        totals[row["lang"]] += 1
        judged[row["lang"]] += is_english("", row["text"])
    share = {lang: judged[lang] / totals[lang] for lang in totals}
    assert totals["en"] >= 2000
    assert share["en"] >= 0.99
    for lang in ("de", "es", "nl", "ja", "ru", "zh"):
        assert share[lang] <= 0.03, lang
    assert share["fr"] <= 0.10


def test_on_the_held_out_half_99_percent_of_english_posts_are_kept() -> None:
    """The half no parameter was chosen on (bench/language.py, docs/performance.md)."""
    rows = _evaluation_posts("held-out")
    english = [row["text"] for row in rows if row["lang"] == "en"]
    assert len(english) >= 1400
    assert sum(is_english("", text) for text in english) / len(english) >= 0.99
    for lang in ("de", "nl", "ja", "ru"):
        texts = [row["text"] for row in rows if row["lang"] == lang]
        assert sum(is_english("", text) for text in texts) / len(texts) <= 0.02, lang


def test_an_english_post_in_bold_letters_is_english() -> None:
    styled = bold("Excited to share our new preprint")
    assert styled != "Excited to share our new preprint"
    assert is_english("", styled)
