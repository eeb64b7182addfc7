"""Strengths: what the account does well, measured and cited, before any advice."""

from __future__ import annotations

from datetime import timedelta

from profiles.analysis import AnalysisContext, analyse
from tests.profiles.analysis.factories import at, make_post, reply
from tests.profiles.analysis.findings_fixtures import conversational_history

UTC = AnalysisContext(timezone="UTC")


def _quick_responder() -> list:
    """A founder who answers 60 different people within minutes, in a personal voice."""
    start = at("2024-01-01 10:00")
    posts = conversational_history()
    posts += [
        reply(
            f"Thanks {n}, I'll look into it this afternoon.",
            when=start + timedelta(days=n, minutes=4),
            asked=start + timedelta(days=n),
            to_handle=f"customer{n}",
            to_account=str(800000000 + n),
        )
        for n in range(60)
    ]
    return posts


def test_an_account_that_answers_many_people_quickly_hears_it_as_a_strength() -> None:
    profile = analyse(_quick_responder(), UTC).profile
    strengths = {strength.code: strength for strength in profile.strengths}
    quick = strengths["answers_quickly"]
    # 60 replies after 4 minutes, 60 after an hour: the median is (4 + 60) / 2 minutes.
    assert quick.measured == "32 min"
    assert "61 people" in quick.headline  # 60 customers and the one account of the conversations
    assert "people replied to" in quick.headline
    assert quick.examples
    assert all(example.kind == "reply" and example.reply_delay_s <= 3600 for example in quick.examples)
    assert "answers_quickly" not in {finding.code for finding in profile.findings}
    assert "personal_voice" in strengths


def test_a_broadcast_only_account_has_no_quick_reply_strength() -> None:
    start = at("2024-01-01 10:00")
    announcements = "We are pleased to announce our campaign, find out more https://example.org/{n} #News"
    posts = [make_post(announcements.format(n=n), when=start + timedelta(days=n)) for n in range(60)]
    codes = {strength.code for strength in analyse(posts, UTC).profile.strengths}
    assert codes.isdisjoint({"answers_quickly", "personal_voice", "lasting_conversations"})
