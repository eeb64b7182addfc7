"""docs/metrics.md defines every figure the profile contains."""

from __future__ import annotations

from pathlib import Path

from profiles.analysis import AnalysisContext, analyse
from profiles.analysis.findings import RULES
from profiles.analysis.strengths import STRENGTHS
from profiles.analysis.voice_signals import SIGNALS
from tests.profiles.analysis.factories import daily_posts, reply

METRICS = (Path(__file__).resolve().parents[3] / "docs" / "metrics.md").read_text()


def _field_names(value: object) -> set[str]:
    names: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            names.add(key)
            names |= _field_names(item)
    elif isinstance(value, list):
        for item in value:
            names |= _field_names(item)
    return names


def test_every_field_of_the_profile_is_documented() -> None:
    posts = [*daily_posts(30), reply("Thanks!", when="2024-01-05 11:00")]
    profile = analyse(posts, AnalysisContext(follower_ids=frozenset("ab"), following_ids=frozenset("a"))).profile
    fields = _field_names(profile.as_dict()) - set(SIGNALS) - {"personal", "mixed", "corporate", "templated_repetition"}
    missing = sorted(name for name in fields if f"`{name}`" not in METRICS and f"`{name}," not in METRICS)
    assert missing == [], f"not in docs/metrics.md: {missing}"


def test_every_voice_feature_finding_and_strength_is_documented() -> None:
    assert [name for name in [*SIGNALS, "templated_repetition"] if f"`{name}`" not in METRICS] == []
    assert [rule.code for rule in RULES if f"`{rule.code}`" not in METRICS] == []
    assert [rule.code for rule in STRENGTHS if f"`{rule.code}`" not in METRICS] == []
