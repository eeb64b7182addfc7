"""The phrasings the voice classifier's structural signals look for, as regular expressions.

Kept apart from `voice_signals`, which reads them: what counts as a call to action, an
announcement, a notice, an organisation answering the public or an app's ready-made share text
changes with what the corpus shows, the reading of a post does not. `PHRASES` runs once over a
post's lower-cased own words; each match names its family (`match.lastgroup`).
"""

from __future__ import annotations

import re

VIA = re.compile(r"\b(?:via|h/t|ht|by)\s+@\w+", re.IGNORECASE)
LABEL_COLON = re.compile(r"^\W*(?:[A-Za-z][\w'’\-]*\s+){0,3}[A-Za-z][\w'’\-]*\s*:\s")
_CALL_TO_ACTION = re.compile(
    r"\b(?:register|sign up|signup|find out|learn more|read more|read the|click|download|subscribe|"
    r"check out|check it out|don't miss|do not miss|join us|tune in|watch (?:live|now|the|here)|rsvp|"
    r"apply (?:now|today|here)|get (?:your|tickets)|book (?:now|your)|visit|follow us|share this|"
    r"see more|more info|more details|details (?:here|at)|listen (?:now|here)|vote for|donate|have your say)\b"
)
_ANNOUNCEMENT = re.compile(
    r"\b(?:announc\w*|pleased to|proud to (?:announce|present)|introducing|now available|now open|"
    r"launch\w*|we are hiring|we're hiring|hiring|coming soon|save the date|tickets|webinar|"
    r"live now|new (?:paper|post|blog|video|episode|report|article|study|issue|release|version|"
    r"book|podcast|edition)|out now|available now|is out|just published|press release|welcome to)\b"
)
_NOTICE = re.compile(
    r"\b(?:reminder|closed|closure|delays?|disruption|alert|warning|notice|deadline|due (?:by|on)|"
    r"opening hours|today at|tonight at|tomorrow at|this (?:morning|afternoon|evening) at|"
    r"\d{1,2}(?::\d\d)?\s?(?:am|pm)|live at|hearing|town hall|meeting|public consultation|"
    # A police or council appeal (the definition's "Have you seen this man?"). "Have you seen" alone
    # is a question among friends ("have you seen @x yet?"): only the appeal's own wording counts.
    r"appealing for|(?:witness|information) appeal|appeal for (?:witnesses|information)|anyone with information|"
    r"crimestoppers|quoting (?:ref|reference|log|crime|incident)|do you recognise (?:this|these|him|her)|"
    r"can you help (?:us )?(?:find|trace|identify|locate)|have you seen (?:this|these) "
    r"(?:man|men|woman|women|person|people|boy|girl|teenager|vehicle|car|dog))\b"
)
# An organisation answering the public: support desks, police and council accounts' replies.
_SERVICE_REPLY = re.compile(
    r"\b(?:dm us|send us (?:a |an )?(?:dm|direct message|private message|message|email|e-mail)|"
    r"(?:direct |private )?message us|thanks? (?:you )?for (?:getting in touch|reaching out|contacting us|"
    r"your (?:patience|enquiry|inquiry|feedback|message|report))|please (?:contact|call|email|ring) us|"
    r"contact (?:us|our)|reach out to us|get in touch with us|we apologi[sz]e|apologies for|"
    r"call (?:101|111|999|911)|report (?:it|this|crime|a crime) online|our (?:team|officers|staff) (?:will|are|can)|"
    r"(?:we'd|we would) (?:like|love|be happy) to help|(?:we're|we are|always) (?:happy|here) to help|"
    r"keep us posted|let us know (?:in|by|via) (?:a )?dm|"
    r"kind regards|(?<=\^)[a-z]{2,})\b"  # the last: a support agent's signature ("^jools")
)
# A reply signed off by the person answering for an organisation: "… - Dani", "… /AY", "… ^MM 2/2".
SIGNED_OFF = re.compile(r"(?:^|\s)(?:[-–—~]\s?|/|\^)[A-Z][A-Za-z]{1,11}(?:\s+\d/\d)?\s*$")
# The ready-made text an app or platform writes when one shares from it: LinkedIn's job, course and
# certificate shares, credential badges, YouTube's and Foursquare's automatic posts.
_APP_SHARE = re.compile(
    r"\b(?:just (?:finished|completed) the course|(?:happy|excited|thrilled|pleased) to share that i(?:'m| am) "
    r"starting a new position|(?:happy|excited|thrilled|pleased) to share that i(?:'ve| have) "
    r"(?:obtained|earned|received|completed) a new|view my verified (?:achievement|certificate|badge)|"
    r"check out my verified (?:certificate|achievement|badge)|i liked a @youtube video|"
    r"i added a video to a @youtube playlist|i just checked in at)\b"
)
# Each family's leading word boundary tested once per position rather than once per family: the
# same matches in two thirds of the time.
_BOUNDARY = r"\b"
PHRASES = re.compile(
    _BOUNDARY
    + "(?:"
    + "|".join(
        f"(?P<{name}>{pattern.pattern.removeprefix(_BOUNDARY)})"
        for name, pattern in (
            # First: where an app's text begins with an announcement's words ("pleased to share that
            # I'm starting a new position"), the more telling name wins.
            ("app_share", _APP_SHARE),
            ("call_to_action", _CALL_TO_ACTION),
            ("announcement", _ANNOUNCEMENT),
            ("notice", _NOTICE),
            ("service_reply", _SERVICE_REPLY),
        )
    )
    + ")"
)
