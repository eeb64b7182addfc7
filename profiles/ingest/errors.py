"""The one error an import raises for bad input: a message a client can act on."""

from __future__ import annotations


class HistoryFormatError(Exception):
    """The upload cannot be read as a post history.

    `message` is written for the person who uploaded the file: which file, where in it, and
    what to upload instead. `detail` is the technical cause, for staff and logs.
    """

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


# What reading a record whose fields have unexpected types raises (a number where the export
# writes an object, a list where it writes text): that record is skipped and reported, the
# rest of the file is read.
MALFORMED_FIELD = (AttributeError, TypeError, ValueError, KeyError, IndexError, OverflowError)


def malformed_field_reason(error: Exception) -> str:
    return f"a field has an unexpected form ({type(error).__name__}: {str(error)[:80]})"
