"""Streaming CSV reading with errors that name the file, the line and the missing column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from profiles.ingest.errors import HistoryFormatError
from profiles.ingest.jsonstream import check_text_encoding

# Posts are short, but a LinkedIn article-length share can run to tens of thousands of characters.
csv.field_size_limit(1024 * 1024)


def csv_header(head: bytes) -> list[str]:
    """The column names of a CSV file's first line, lower-cased, from its first bytes."""
    first_line = head.decode("utf-8-sig", "replace").splitlines()[0] if head.strip() else ""
    return [column.strip().lower() for column in next(csv.reader([first_line]), [])]


def csv_rows(raw: IO[bytes], label: str, required: frozenset[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield `(location, row)` with lower-cased column names; check `required` columns first.

    `raw` must be a buffered stream with `peek` (files, zip and tar members all are).
    """
    check_text_encoding(raw.peek(4096)[:4096], label)  # type: ignore[attr-defined]
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        missing = sorted(required - set(header))
        if missing:
            raise HistoryFormatError(
                f"{label} has no {', '.join(repr(m) for m in missing)} column "
                f"(its first line names: {', '.join(header) or 'nothing'}). "
                f"Its first line must name the columns, including {', '.join(sorted(required))}.",
                detail="missing CSV columns",
            )
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield f"{label}, line {reader.line_num:,}", dict(zip(header, row, strict=False))
    except UnicodeDecodeError as error:
        raise HistoryFormatError(
            f"{label} is not UTF-8 text (an invalid byte near line {reader.line_num + 1:,}). "
            "Save or export it again as UTF-8 and upload that.",
            detail=str(error),
        ) from error
    except csv.Error as error:
        raise HistoryFormatError(
            f"{label} is not valid CSV at line {reader.line_num:,} ({error}). "
            "Save it again as CSV (comma-separated, UTF-8) and upload that.",
            detail=str(error),
        ) from error
