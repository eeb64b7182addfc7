"""A reading in the context of its history: the lean, the move, and what it leaves alone."""

from __future__ import annotations

import math

import pytest

from profiles.analysis.voice_model import (
    CONTEXT_CLIP,
    CORPORATE,
    MIXED,
    PERSONAL,
    UNKNOWN,
    VoiceReading,
    describe,
    history_lean,
    in_context,
    load_voice_model,
)


def reading(label: str, log_odds: float, reasons: tuple[str, ...] = ("word:gutted",)) -> VoiceReading:
    personal = 1 / (1 + math.exp(-log_odds))
    return VoiceReading(label, personal, reasons, len(reasons) if label == CORPORATE else 0)


def test_the_lean_is_the_mean_log_odds_of_judged_posts_each_capped() -> None:
    readings = [reading(PERSONAL, 1.0), reading(CORPORATE, -2.0), reading(PERSONAL, 25.0), reading(UNKNOWN, 0.0), None]

    # 25 counts as CONTEXT_CLIP; the unknown post and the unread one carry no evidence.
    assert history_lean(readings) == pytest.approx((1.0 - 2.0 + CONTEXT_CLIP) / 3)
    assert history_lean([reading(UNKNOWN, 0.0), None]) is None
    # Rounded as a profile stores it, so a post read again later moves exactly as it did.
    assert history_lean([reading(PERSONAL, 0.123456)]) == 0.1235


def test_a_post_close_to_even_moves_and_names_its_history_as_the_reason() -> None:
    moved = in_context(reading(CORPORATE, -0.4, ("word:figures",)), lean=2.0, weight=0.5)

    assert moved.label == PERSONAL
    assert moved.personal_probability == pytest.approx(1 / (1 + math.exp(-0.6)))
    assert moved.reasons == ("history_personal",)
    assert describe(moved.reasons[0]) == (
        "most of your posts read personal; its own words lean only a little the other way"
    )
    assert in_context(reading(PERSONAL, 0.3), lean=-3.0, weight=0.5).leaning_corporate == ("history_corporate",)


def test_a_clear_post_keeps_its_label_and_reasons_and_its_probability_moves() -> None:
    kept = in_context(reading(CORPORATE, -3.0, ("call_to_action",)), lean=2.0, weight=0.5)

    assert (kept.label, kept.reasons) == (CORPORATE, ("call_to_action",))
    assert kept.personal_probability == pytest.approx(1 / (1 + math.exp(2.0)))


@pytest.mark.parametrize("label", [UNKNOWN, MIXED])
def test_unknown_and_mixed_posts_are_read_from_their_own_words(label: str) -> None:
    alone = reading(label, 0.1)
    assert in_context(alone, lean=-4.0, weight=1.0) is alone


def test_no_lean_or_no_weight_leaves_the_reading_as_it_was() -> None:
    alone = reading(CORPORATE, -0.2)
    assert in_context(alone, lean=None, weight=0.5) is alone
    assert in_context(alone, lean=3.0, weight=0.0) is alone


def test_a_certain_post_is_read_within_the_models_range() -> None:
    # P(personal) of exactly 1 or 0 has no log-odds; the model reads within ±30.
    certain = in_context(VoiceReading(PERSONAL, 1.0, ("word:gutted",)), lean=-4.0, weight=1.0)
    assert (certain.label, certain.reasons) == (PERSONAL, ("word:gutted",))
    assert certain.personal_probability == pytest.approx(1 / (1 + math.exp(-26.0)))
    assert history_lean([VoiceReading(CORPORATE, 0.0, ()), VoiceReading(PERSONAL, 1.0, ())]) == 0.0


def test_the_shipped_model_reads_in_context_with_a_weight_chosen_in_training() -> None:
    assert 0 < load_voice_model().rule.context_weight <= 1
