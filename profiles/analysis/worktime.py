"""Stated working hours ("Mon-Fri 08:00-18:00") and the local clock they are read on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_GROUP = re.compile(
    r"^(?P<first>[a-z]{3})[a-z]*(?:\s*-\s*(?P<last>[a-z]{3})[a-z]*)?\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)


class WorkingHoursError(ValueError):
    """The working hours could not be read; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Minutes of the week, Monday 00:00 = 0, that the user works: a set of [start, end) spans."""

    spans: tuple[tuple[int, int], ...]
    text: str

    def includes(self, moment: datetime) -> bool:
        """Whether a local time falls inside the working hours."""
        minute = moment.weekday() * 1440 + moment.hour * 60 + moment.minute
        return any(start <= minute < end for start, end in self.spans)

    @classmethod
    def parse(cls, text: str) -> WorkingHours:
        """Read "Mon-Fri 08:00-18:00", or several groups: "Mon-Thu 08:00-17:00, Fri 08:00-13:00"."""
        spans: list[tuple[int, int]] = []
        groups = [group.strip() for group in re.split(r"[,;]", text.strip().lower()) if group.strip()]
        if not groups:
            raise WorkingHoursError('Working hours are empty: write them like "Mon-Fri 08:00-18:00".')
        for group in groups:
            match = _GROUP.match(group)
            if not match:
                raise WorkingHoursError(
                    f'Cannot read the working hours "{group}": write days and times like "Mon-Fri 08:00-18:00".'
                )
            first = _day(match["first"], group)
            last = _day(match["last"] or match["first"], group)
            start, end = _minute(match["start"], group), _minute(match["end"], group)
            if end <= start:
                raise WorkingHoursError(
                    f'In "{group}" the working day ends before it starts; night shifts are written as two '
                    'groups, e.g. "Mon-Fri 22:00-24:00, Tue-Sat 00:00-06:00".'
                )
            days = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
            spans.extend((day * 1440 + start, day * 1440 + end) for day in days)
        return cls(spans=tuple(sorted(spans)), text=text.strip())


def _day(name: str, group: str) -> int:
    try:
        return DAY_NAMES.index(name)
    except ValueError:
        raise WorkingHoursError(
            f'Unknown day "{name}" in "{group}": use Mon, Tue, Wed, Thu, Fri, Sat or Sun.'
        ) from None


def _minute(clock: str, group: str) -> int:
    hours, minutes = (int(part) for part in clock.split(":"))
    if hours == 24 and minutes == 0:
        return 1440
    try:
        moment = time(hours, minutes)
    except ValueError:
        raise WorkingHoursError(f'"{clock}" in "{group}" is not a time of day (00:00 to 24:00).') from None
    return moment.hour * 60 + moment.minute


DEFAULT_WORKING_HOURS = WorkingHours.parse("Mon-Fri 09:00-17:00")
