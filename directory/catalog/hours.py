"""Opening hours: weekly tables for people to read, and "open now" in the location's time zone.

Weekly openings are WEEKLY schedule rows with times. A closure (a holiday, a day off) is a
schedule row with the dates closed in ``valid_from``/``valid_to`` and no opening time, as the
listing editor writes them (``directory.editing.fields``): an opening that would start on a
closed date does not happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import lazy_gettext as _l

from directory.catalog.models import Schedule

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = {
    "MO": _l("Monday"), "TU": _l("Tuesday"), "WE": _l("Wednesday"), "TH": _l("Thursday"),
    "FR": _l("Friday"), "SA": _l("Saturday"), "SU": _l("Sunday"),
}


@dataclass(frozen=True)
class OpeningRange:
    """One opening on one weekday; ``closes`` earlier than ``opens`` means it runs past midnight."""

    day: str
    opens: time
    closes: time

    @property
    def spans_midnight(self) -> bool:
        return self.closes <= self.opens

    @property
    def all_day(self) -> bool:
        return self.opens == time(0, 0) and self.closes >= time(23, 59)


@dataclass(frozen=True)
class DayHours:
    """The openings of one weekday, for display."""

    day: str
    name: str
    ranges: tuple[OpeningRange, ...]


def parse_time(value: str | None) -> time | None:
    """Parse HSDS ``opens_at``/``closes_at`` ("09:00", "09:00:00", "09:00-05:00", "09:00Z")."""
    if not value:
        return None
    text = value.strip().upper().removesuffix("Z")
    for sign in ("+", "-"):
        if sign in text:
            text = text.split(sign, 1)[0]
    parts = text.split(":")
    try:
        hour, minute = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
        return time(hour, minute)
    except (ValueError, IndexError):
        return None


def schedule_days(schedule: Schedule) -> list[str]:
    """The weekdays a weekly schedule applies to (every day when ``byday`` is empty)."""
    if not schedule.byday:
        return list(WEEKDAYS)
    days = []
    for token in schedule.byday.split(","):
        code = token.strip().upper()[-2:]  # "1MO" style prefixes are ignored for weekly hours
        if code in WEEKDAYS and code not in days:
            days.append(code)
    return days


def opening_ranges(schedules: Iterable[Schedule]) -> list[OpeningRange]:
    """Every (weekday, opens, closes) of weekly schedules that state their times."""
    ranges = []
    for schedule in schedules:
        if schedule.freq and schedule.freq.upper() != "WEEKLY":
            continue
        opens, closes = parse_time(schedule.opens_at), parse_time(schedule.closes_at)
        if opens is None or closes is None:
            continue
        ranges.extend(OpeningRange(day, opens, closes) for day in schedule_days(schedule))
    return ranges


def weekly_hours(schedules: Iterable[Schedule]) -> list[DayHours]:
    """A Monday-to-Sunday table; days without openings have no ranges (closed)."""
    return hours_table(opening_ranges(schedules))


def hours_table(ranges: Iterable[OpeningRange]) -> list[DayHours]:
    """Openings grouped into a Monday-to-Sunday table."""
    by_day: dict[str, list[OpeningRange]] = {day: [] for day in WEEKDAYS}
    for opening in ranges:
        by_day[opening.day].append(opening)
    return [
        DayHours(day, str(DAY_NAMES[day]), tuple(sorted(by_day[day], key=lambda r: r.opens)))
        for day in WEEKDAYS
    ]


def zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone called ``name``, or None when missing or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(frozen=True)
class Closure:
    """Dates (in the location's calendar, both included) on which no opening starts."""

    first: date
    last: date

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None


def closures(schedules: Iterable[Schedule]) -> list[Closure]:
    """The closures among ``schedules``: rows with a first date closed and no opening time."""
    found = []
    for schedule in schedules:
        first = _iso_date(schedule.valid_from)
        if first is None or parse_time(schedule.opens_at) is not None:
            continue
        last = _iso_date(schedule.valid_to) or first
        found.append(Closure(first, max(first, last)))
    return found


def is_closed_on(closed: Iterable[Closure], day: date) -> bool:
    """Whether ``day`` falls in one of the closures."""
    return any(closure.covers(day) for closure in closed)


def is_open_at(schedules: Iterable[Schedule], tz_name: str | None, when: datetime) -> bool | None:
    """Whether the schedules are open at ``when`` (an aware datetime), in zone ``tz_name``.

    Closures count in the location's calendar: an opening that starts on a closed date is
    cancelled (one that started the evening before and runs past midnight is not). None when
    nothing can be said: no stated hours (and no closure today) or no known time zone.
    """
    schedules = list(schedules)
    tz = zone(tz_name)
    if tz is None:
        return None
    local = when.astimezone(tz)
    closed = closures(schedules)
    ranges = opening_ranges(schedules)
    if not ranges:
        return False if is_closed_on(closed, local.date()) else None
    today, now = WEEKDAYS[local.weekday()], local.time().replace(second=0, microsecond=0)
    yesterday = WEEKDAYS[(local - timedelta(days=1)).weekday()]
    open_today = not is_closed_on(closed, local.date())
    open_yesterday = not is_closed_on(closed, local.date() - timedelta(days=1))
    for opening in ranges:
        if opening.all_day and opening.day == today:
            if open_today:
                return True
        elif opening.spans_midnight:
            if opening.day == today and now >= opening.opens and open_today:
                return True
            if opening.day == yesterday and now < opening.closes and open_yesterday:
                return True
        elif opening.day == today and opening.opens <= now < opening.closes and open_today:
            return True
    return False
