"""NLTK's data comes from installed packages, laid out in the project's own folder."""

from __future__ import annotations

import zipfile
from pathlib import Path

import nltk
import pytest
import textstat
from nltk.corpus.reader import CMUDictCorpusReader
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from profiles.analysis.nltk_data import VADER_LEXICON_RESOURCE, ensure_nltk_data


def test_it_builds_the_vader_lexicon_and_cmudict_without_downloading(tmp_path: Path) -> None:
    folder = ensure_nltk_data(tmp_path / "nltk_data")

    with zipfile.ZipFile(folder / "sentiment" / "vader_lexicon.zip") as archive:
        lexicon = archive.read("vader_lexicon/vader_lexicon.txt").decode()
    assert lexicon.startswith("$:\t-1.5")
    assert str(folder) in nltk.data.path
    assert SentimentIntensityAnalyzer(lexicon_file=VADER_LEXICON_RESOURCE).lexicon["love"] == 3.2

    reader = CMUDictCorpusReader(str(folder / "corpora" / "cmudict"), ["cmudict"])
    pronunciations = reader.dict()
    assert pronunciations["abandonment"] == [["AH0", "B", "AE1", "N", "D", "AH0", "N", "M", "AH0", "N", "T"]]
    assert len(pronunciations["tomato"]) == 2  # "tomato" and "tomato(2)" became two variants
    assert len(pronunciations) > 120_000


def test_building_twice_keeps_the_files(tmp_path: Path) -> None:
    folder = ensure_nltk_data(tmp_path / "nltk_data")
    built = (folder / "corpora" / "cmudict" / "cmudict").stat().st_mtime_ns
    ensure_nltk_data(folder)
    assert (folder / "corpora" / "cmudict" / "cmudict").stat().st_mtime_ns == built


def test_textstat_counts_syllables_from_our_cmudict() -> None:
    ensure_nltk_data()
    assert textstat.syllable_count("abandonment") == 4
    assert textstat.flesch_reading_ease("The cat sat on the mat. It was happy there.") > 90


def test_the_suite_refuses_downloads() -> None:
    with pytest.raises(AssertionError, match=r"must come from"):
        nltk.download("cmudict")
