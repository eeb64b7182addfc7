"""The evaluation command prints the figures of docs/voice.md, from held-out accounts only."""

from __future__ import annotations

import re

import pytest

from evaluation.voice import evaluate
from evaluation.voice.histories import read_history
from evaluation.voice.measures import Reading, figures, kappa
from profiles.analysis.voice_model import load_voice_model
from profiles.analysis.voice_training import LabelledPost


def test_kappa_is_one_for_agreement_and_zero_for_chance() -> None:
    assert kappa(["personal", "corporate"] * 5, ["personal", "corporate"] * 5) == 1.0
    assert kappa(["personal", "corporate"] * 5, ["personal"] * 10) == 0.0


def test_a_post_left_unknown_counts_as_a_miss_in_the_product_figure() -> None:
    readings = [
        Reading("personal", "personal", 0.9, "a"),
        Reading("corporate", "corporate", 0.1, "a"),
        Reading("unknown", "unknown", None, "b"),
        Reading("personal", "unknown", None, "b"),
    ]
    result = figures(readings)
    assert result.judged_share == 0.5
    assert result.kappa_judged == 1.0
    assert result.kappa_product < 1.0


def test_the_command_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--accounts", "12", "--folds", "3"]) == 0
    printed = capsys.readouterr().out
    for title in (
        "kappa, personal/mixed/corporate, posts judged",
        "kappa, every post, unknown counted as a miss",
        "share of posts judged",
        "personal recall",
        "corporate recall",
        "Expected calibration error",
        "Two independent readings of",
        "against one reader's labels alone",
        "took their\nhistory's voice against their own words",
    ):
        assert title in printed
    row = re.search(r"\| kappa, personal against corporate \| (\d\.\d{3}) \| (\d\.\d{3}) \|", printed)
    assert row is not None
    assert 0 < float(row.group(1)) <= 1


def test_partial_figures_are_never_written(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        evaluate.main(["--accounts", "12", "--write"])
    assert "never written" in capsys.readouterr().err


def test_the_context_lines_count_the_posts_their_history_moved_and_whom_the_labels_side_with() -> None:
    readings = [
        Reading("personal", "personal", 0.6, "a", alone="corporate"),  # moved, the labels side with the history
        Reading("corporate", "personal", 0.55, "a", alone="corporate"),  # moved, the labels side with the words
        Reading("mixed", "personal", 0.52, "a", alone="corporate"),  # moved, neither
        Reading("corporate", "corporate", 0.1, "b", alone="corporate"),
    ]
    text = " ".join(evaluate.context_lines(readings))
    assert "3 of the 4 posts judged (75.0%)" in text
    assert "side with the history on 1 of them and with the words alone on 1." in " ".join(text.split())


def test_a_target_is_judged_on_the_unrounded_figure() -> None:
    # 0.69988 prints as 0.700 in the table, yet it is short of 0.70: the table says so.
    assert evaluate._target(0.69988, (0.70, "≥ 0.70")) == "≥ 0.70: **not met** (0.6999)"
    assert evaluate._target(0.7, (0.70, "≥ 0.70")) == "≥ 0.70: met"
    assert evaluate._target(0.5, None) == ""


def test_an_accounts_near_identical_posts_are_read_corporate_as_the_engine_reads_templates() -> None:
    model = load_voice_model()
    thanks = "@{name} Thought you might be interested to know our festival has 150 events this year. Are you coming?"
    posts = [
        LabelledPost(str(index), "org", thanks.format(name=name), "reply", "corporate")
        for index, name in enumerate(("sam", "ana", "lee"))
    ]
    posts.append(
        LabelledPost("9", "org", "@kim I had such a lovely time at the beach with my kids today", "reply", "personal")
    )
    readings = read_history(model, posts)
    assert [reading.templated for reading in readings] == [True, True, True, False]
    assert [reading.label for reading in readings[:3]] == ["corporate"] * 3
    assert readings[3].label == "personal"


def test_the_context_lines_count_the_templated_posts_and_what_the_labels_call_them() -> None:
    readings = [
        Reading("corporate", "corporate", 0.7, "a", alone="personal", templated=True),
        Reading("mixed", "corporate", 0.2, "a", alone="corporate", templated=True),
        Reading("personal", "personal", 0.9, "a", alone="personal"),
    ]
    text = " ".join(evaluate.context_lines(readings))
    assert "0 of the 3 posts judged" in text  # a templated post is not counted as moved by its history
    assert "2 posts fell in clusters of near-identical posts" in text
    assert "1 of them against their own words" in text
    assert "the labels call them mixed 1, corporate 1" in text
