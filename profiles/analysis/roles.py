"""The client's role and goals, as typed when ordering, and the words the advice uses for them.

The role is classified by keywords (`ROLE_KEYWORDS`): each kind of role scores one point per
keyword found among the words of the text and two per phrase; the highest score wins, ties in
the order of `ROLE_KEYWORDS`; no keyword at all is "other". Each kind has its own vocabulary
(`VOCABULARY`): who its audience is, how a reply to them is described, what to say about being
available, and which findings matter most to it. Goals are read the same way (`GOAL_KEYWORDS`)
and raise the findings that bear on them. docs/metrics.md lists the keywords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from profiles.analysis.profile import RoleAdvice

OTHER = "other"

ROLE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "police": (
        "police",
        "policing",
        "officer",
        "constable",
        "sergeant",
        "inspector",
        "superintendent",
        "detective",
        "pcso",
        "cop",
        "neighbourhood policing",
    ),
    "law": (
        "lawyer",
        "solicitor",
        "barrister",
        "attorney",
        "counsel",
        "advocate",
        "paralegal",
        "legal",
        "law",
        "judge",
        "notary",
        "family law",
    ),
    "health": (
        "doctor",
        "nurse",
        "gp",
        "clinician",
        "physician",
        "surgeon",
        "midwife",
        "pharmacist",
        "paramedic",
        "therapist",
        "psychologist",
        "dentist",
        "health",
        "healthcare",
        "nhs",
        "medical",
        "medicine",
        "psychiatrist",
        "physiotherapist",
    ),
    "research": (
        "professor",
        "lecturer",
        "researcher",
        "scientist",
        "academic",
        "phd",
        "postdoc",
        "research",
        "university",
        "scholar",
        "fellow",
    ),
    "tech": (
        "developer",
        "engineer",
        "programmer",
        "software",
        "devops",
        "coder",
        "tech",
        "web",
        "frontend",
        "backend",
        "sre",
        "cto",
        "it support",
        "data scientist",
        "software engineer",
        "tech founder",
    ),
    "public": (
        "press",
        "communications",
        "comms",
        "spokesperson",
        "council",
        "councillor",
        "civil",
        "government",
        "journalist",
        "reporter",
        "editor",
        "mayor",
        "mp",
        "ministry",
        "public",
        "press officer",
        "public sector",
        "civil servant",
    ),
    "business": (
        "founder",
        "ceo",
        "entrepreneur",
        "manager",
        "director",
        "sales",
        "marketing",
        "consultant",
        "owner",
        "business",
        "startup",
        "recruiter",
        "coach",
        "agency",
        "small business",
    ),
}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words a kind of role is addressed in. Placeholders in the rules' texts name the fields."""

    audience: str  # who the account is for, plural: "residents"
    reply_example: str  # what reaches them: "a reply to a resident"
    availability: str  # how to tell them when you answer
    partners: str  # whom to follow back
    priorities: tuple[str, ...]  # finding codes that matter most for this kind of role


VOCABULARY: dict[str, Vocabulary] = {
    "police": Vocabulary(
        "residents",
        "a reply to a resident",
        "say in your profile when you are on duty",
        "the local people and partners",
        ("two_way_street", "slow_replies", "negative_tone", "templated_messages"),
    ),
    "law": Vocabulary(
        "clients and colleagues",
        "a reply to a client's question or a colleague's point",
        "say in your profile when you answer messages (and that you give no advice in replies)",
        "the colleagues and referrers",
        ("hard_to_read", "corporate_voice", "one_off_conversations"),
    ),
    "health": Vocabulary(
        "patients and colleagues",
        "a reply to a colleague or a member of the public",
        "say in your profile when you read messages and where urgent questions should go",
        "the colleagues and patient groups",
        ("hard_to_read", "negative_tone", "always_on"),
    ),
    "research": Vocabulary(
        "colleagues and students",
        "a reply to a colleague's or a student's question",
        "say in your profile when you read messages",
        "the colleagues and students",
        ("hard_to_read", "little_personal", "one_off_conversations"),
    ),
    "tech": Vocabulary(
        "users and fellow developers",
        "a reply to a user or a fellow developer",
        "say in your profile when you read messages",
        "the developers and users",
        ("two_way_street", "one_off_conversations", "declining_activity"),
    ),
    "public": Vocabulary(
        "residents and reporters",
        "a reply to a resident or a reporter",
        "say in your profile when the account is staffed",
        "the local people, partners and reporters",
        ("templated_messages", "corporate_voice", "slow_replies"),
    ),
    "business": Vocabulary(
        "customers",
        "a reply to a customer",
        "say in your profile when you answer messages",
        "the customers and partners",
        ("two_way_street", "corporate_voice", "templated_messages"),
    ),
    OTHER: Vocabulary(
        "the people who follow you",
        "a reply to someone who wrote to you",
        "say in your profile when you answer messages",
        "the people",
        (),
    ),
}

GOAL_KEYWORDS: dict[str, tuple[str, ...]] = {
    "speaking": (
        "speak",
        "speaking",
        "speaker",
        "talks",
        "keynote",
        "conference",
        "conferences",
        "panel",
        "invitation",
        "invitations",
        "thought leadership",
    ),
    "recruiting": ("recruit", "recruiting", "recruitment", "hire", "hiring", "talent", "candidates", "join"),
    "trust": (
        "trust",
        "trusted",
        "credibility",
        "credible",
        "reputation",
        "confidence",
        "transparency",
        "approachable",
        "accessible",
    ),
    "audience": ("grow", "growth", "audience", "followers", "reach", "visibility", "visible", "network", "known"),
}
GOAL_LABELS = {
    "speaking": "speaking invitations",
    "recruiting": "recruiting",
    "trust": "building trust",
    "audience": "growing your audience",
}
# The findings each goal makes more urgent, and why, said once under the first of them.
GOAL_FINDINGS: dict[str, tuple[str, ...]] = {
    "speaking": ("little_personal", "corporate_voice", "hard_to_read", "declining_activity", "templated_messages"),
    "recruiting": ("little_personal", "corporate_voice", "templated_messages", "two_way_street", "negative_tone"),
    "trust": ("two_way_street", "slow_replies", "negative_tone", "templated_messages", "corporate_voice"),
    "audience": (
        "two_way_street",
        "one_off_conversations",
        "declining_activity",
        "little_personal",
    ),
}
GOAL_REASONS = {
    "speaking": "Organisers invite people whose own view they have read: this is where it shows.",
    "recruiting": "People want to see who they would work with: candidates read this before they apply.",
    "trust": "Trust grows from being answered, promptly and in a human voice.",
    "audience": "Accounts grow through conversations and steady posting more than through announcements.",
}

_WORD = re.compile(r"[a-z0-9]+")


def _matches(text: str, keywords: tuple[str, ...]) -> int:
    words = _WORD.findall(text.lower())
    joined = f" {' '.join(words)} "
    return sum(2 if " " in keyword else 1 for keyword in keywords if f" {keyword} " in joined)


def role_kind(role: str) -> str:
    """The kind of role a free-text role names ("family lawyer" is law), else "other"."""
    scores = {kind: _matches(role, keywords) for kind, keywords in ROLE_KEYWORDS.items()}
    best = max(scores.values(), default=0)
    return next(kind for kind, score in scores.items() if score == best) if best else OTHER


def goal_codes(goals: str) -> list[str]:
    """The goals a free text names, in `GOAL_KEYWORDS` order: "speaking invitations" is speaking."""
    return [goal for goal, keywords in GOAL_KEYWORDS.items() if _matches(goals, keywords)]


def role_advice(role: str, goals: str) -> RoleAdvice:
    kind = role_kind(role)
    return RoleAdvice(
        text=role.strip(),
        kind=kind,
        audience=VOCABULARY[kind].audience,
        goals_text=goals.strip(),
        goals=goal_codes(goals),
    )
