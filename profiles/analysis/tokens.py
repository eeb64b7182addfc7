"""One tokenisation per post, shared by every measure.

The pattern follows NLTK's TweetTokenizer (URLs, @handles, #hashtags, emoticons, words with
inner apostrophes and hyphens, numbers, emoji, runs of punctuation) in a single pass of the
standard library's `re`: TweetTokenizer runs the third-party `regex` engine with a timeout
per call, which alone costs more than all our other per-post work together.

Two departures from TweetTokenizer, both so that what a reader sees is what is counted:
- typographic apostrophes and quotes (curly, modifier-letter, prime; a phone keyboard's default) are made plain
  by `plain_text` before any lexicon is consulted, so `I’m` is `I'm` everywhere, and so are letters and
  digits "styled" with Unicode's mathematical alphabets or full-width forms (the bold and italic of
  LinkedIn and X posts: "New preprint" in mathematical sans-serif bold is `New preprint`);
- a link is a link with or without its scheme: `about.me/talks`, `www.x.org/y`, `bit.ly/abc` and
  `example.com` are one `url` token, not the words "about", "me", "talks".
"""

from __future__ import annotations

import re
import unicodedata

# Typographic apostrophes and primes → ', typographic double quotes and guillemets → ".
_QUOTE_CHARACTERS = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u201b": "'", "\u0060": "'", "\u00b4": "'",
    "\uff07": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\uff02": '"',
}  # fmt: skip


def _styled_characters() -> dict[str, str]:
    """Styled letters and digits → plain ones: the mathematical alphabets (bold, italic, script,
    double-struck, sans-serif, monospace; U+1D400–U+1D7FF, with the letters Unicode keeps in
    Letterlike Symbols, such as the Planck constant's italic h) and full-width ASCII. Each is one
    character whose compatibility form (NFKC) is one ASCII letter or digit, so the text keeps its
    length."""
    blocks = (range(0x1D400, 0x1D800), range(0x2100, 0x2150), range(0xFF01, 0xFF5F))
    styled = {}
    for code in (code for block in blocks for code in block):
        plain = unicodedata.normalize("NFKC", chr(code))
        # U+2139 (information source) is the information emoji's base character, not a styled i.
        if len(plain) == 1 and plain.isascii() and plain.isalnum() and code != 0x2139:
            styled[chr(code)] = plain
    return styled


_PLAIN = str.maketrans({**_styled_characters(), **_QUOTE_CHARACTERS})
# A link: with a scheme or www., or a host name followed by a path, or a host name under one of
# the top-level domains people write bare ("example.com"). A bare "word.word" is not a link:
# it is more often a missing space after a full stop ("done.Next").
_BARE_TLDS = "com|org|net|edu|gov|io|co|uk|me|ly|de|fr|nl|eu|info|app|dev|ai|tv|fm|gl|gd|it|es|us|ca|au|ie"
_SCHEME_URL = r"(?:https?://|www\.)\S+"
# The first label is read once for both forms, and it and each later label possessively (`*+`,
# `++`): a "." must follow each, which none can contain, so giving characters back could never
# help; without that, each word of a post was scanned about four times
# (stripping links took two thirds longer).
_BARE_URL = (
    r"(?i:(?<![\w.@/-])[a-z0-9][a-z0-9-]*+"
    r"(?:(?:\.[a-z0-9-]++)*\.[a-z]{2,}/(?:\S*[^\s.,;:!?)\"'])?"
    rf"|(?:\.[a-z0-9-]++)*\.(?:{_BARE_TLDS})\b(?![.\w-]*\w)))"
)
URL_PATTERN = f"{_SCHEME_URL}|{_BARE_URL}"

# Whole blocks as ranges: a class listing 800 characters one by one is searched 100 times slower.
# A character of these blocks without a plain form (™, ℃) only costs the translation.
_NOT_PLAIN = re.compile("[\U0001d400-\U0001d7ff\u2100-\u214f\uff01-\uff5e" + "".join(_QUOTE_CHARACTERS) + "]")


def plain_text(text: str) -> str:
    """The text with typographic apostrophes and quotes replaced by ' and ", and styled letters
    and digits by plain ones (same length)."""
    # A search is a C-speed scan; translating every post costs more than the rest of tokenising.
    return text.translate(_PLAIN) if _NOT_PLAIN.search(text) else text


_EMOTICON = r"(?:[<>]?[:;=8][\-o\*\']?[\)\]\(\[dDpP/\:\}\{@\|\\]|[\)\]\(\[dDpP/\:\}\{@\|\\][\-o\*\']?[:;=8][<>]?|<3)"
# A word is tried before a link without a scheme unless a full stop and two letters follow it
# ("about.me"): trying the link first at every word would double the cost of tokenising.
_WORD = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"
_ALTERNATIVES = r"""
    (?P<url>{scheme_url})
  | (?P<handle>@\w+)
  | (?P<hashtag>\#\w+)
  | (?P<word>(?>{word})(?!\.[A-Za-z]{{2}}))
  | (?P<bare_url>{bare_url})
  | (?P<word_before_stop>{word})
  | (?P<number>\d+(?:[.,:]\d+)*)
  | (?P<emoticon>{emoticon})(?=\s|$|[.,!?])
  | (?P<emoji>[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D])
  | (?P<punctuation>[!?]+|[^\w\s])
"""
# The leading `\s*` skips the spaces between tokens in one step: a search would otherwise try
# every alternative at every space, and none can match there (a sixth of the tokenising time).
# The token itself is its kind's group, which starts where the original search would have matched.
_TOKEN = re.compile(
    r"\s*(?:" + _ALTERNATIVES.format(scheme_url=_SCHEME_URL, word=_WORD, bare_url=_BARE_URL, emoticon=_EMOTICON) + ")",
    re.VERBOSE,
)
# Each group's kind of token (two groups are second spellings of a kind).
_KIND: dict[str | None, str] = {name: name for name in _TOKEN.groupindex} | {
    "bare_url": "url",
    "word_before_stop": "word",
}


# (kind, text): kind is one of the group names above. Plain tuples: a post has dozens.
Token = tuple[str, str]


def tokenize(text: str) -> list[Token]:
    """The tokens of a post in order, each with its kind (word, url, handle, hashtag, …).

    The text is made plain first (`plain_text`), so token texts use plain ' and " and letters.
    """
    kinds = _KIND
    # The group's name read once per token, and the group taken by subscript (cheaper than a call).
    return [(kinds[(group := match.lastgroup)], match[group]) for match in _TOKEN.finditer(plain_text(text))]


_URL = re.compile(URL_PATTERN, re.IGNORECASE)
_HANDLE_OR_HASHTAG = re.compile(r"[@#]\w+")


# Every link `_URL` finds has "://", "www." or a host character before a dot and a letter: most
# posts have none of these, and this search is cheaper than the link pattern's.
_MAY_HOLD_URL = re.compile(r"://|www\.|[a-z0-9-]\.[a-z]", re.IGNORECASE)


def prose(text: str) -> str:
    """The post's running text, for readability: URLs, @handles and #hashtags removed."""
    if _MAY_HOLD_URL.search(text):
        text = _URL.sub("", text)
    if "@" in text or "#" in text:
        text = _HANDLE_OR_HASHTAG.sub("", text)
    return text
