"""One tokenisation per post, shared by every measure.

The pattern follows NLTK's TweetTokenizer (URLs, @handles, #hashtags, emoticons, words with
inner apostrophes and hyphens, numbers, emoji, runs of punctuation) in a single pass of the
standard library's `re`: TweetTokenizer runs the third-party `regex` engine with a timeout
per call, which alone costs more than all our other per-post work together.
"""

from __future__ import annotations

import re

_EMOTICON = r"(?:[<>]?[:;=8][\-o\*\']?[\)\]\(\[dDpP/\:\}\{@\|\\]|[\)\]\(\[dDpP/\:\}\{@\|\\][\-o\*\']?[:;=8][<>]?|<3)"
_TOKEN = re.compile(
    rf"""
    (?P<url>https?://\S+|www\.\S+)
  | (?P<handle>@\w+)
  | (?P<hashtag>\#\w+)
  | (?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)
  | (?P<number>\d+(?:[.,:]\d+)*)
  | (?P<emoticon>{_EMOTICON})(?=\s|$|[.,!?])
  | (?P<emoji>[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D])
  | (?P<punctuation>[!?]+|[^\w\s])
    """,
    re.VERBOSE,
)


# (kind, text): kind is one of the group names above. Plain tuples: a post has dozens.
Token = tuple[str, str]


def tokenize(text: str) -> list[Token]:
    """The tokens of a post in order, each with its kind (word, url, handle, hashtag, …)."""
    return [(match.lastgroup or "punctuation", match.group()) for match in _TOKEN.finditer(text)]


_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE_OR_HASHTAG = re.compile(r"[@#]\w+")


def prose(text: str) -> str:
    """The post's running text, for readability: URLs, @handles and #hashtags removed."""
    return _HANDLE_OR_HASHTAG.sub("", _URL.sub("", text))
