""""Open now" on the index's compact hours: minute-of-week ranges in the location's zone,
and the dates closed (holidays), so search and the service page agree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from directory.catalog.hours import WEEKDAYS, Closure, OpeningRange, is_closed_on

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
CLOSED_MARK = "x"  # a closure token: x2026-12-24/2026-12-26


def _minute(value: time) -> int:
    return value.hour * 60 + value.minute


def encode_ranges(ranges: Iterable[OpeningRange], closed: Iterable[Closure] = ()) -> str:
    """``"0:540-1020 4:1200-1560"``: weekday index, then start and end minutes of that week day.

    An end past 1440 runs into the next day; 00:00–23:59 counts as the whole day. Closures
    follow as ``x<first>/<last>`` tokens (ISO dates in the location's calendar).
    """
    parts = [f"{CLOSED_MARK}{c.first.isoformat()}/{c.last.isoformat()}" for c in closed]
    for opening in ranges:
        day = WEEKDAYS.index(opening.day)
        start, end = _minute(opening.opens), _minute(opening.closes)
        if opening.all_day:
            end = MINUTES_PER_DAY
        elif end <= start:
            end += MINUTES_PER_DAY
        parts.append(f"{day}:{start}-{end}")
    return " ".join(sorted(set(parts)))


@lru_cache(maxsize=4096)
def _decode(encoded: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for part in encoded.split():
        if part.startswith(CLOSED_MARK):
            continue
        day, _, minutes = part.partition(":")
        start, _, end = minutes.partition("-")
        base = int(day) * MINUTES_PER_DAY
        spans.append((base + int(start), base + int(end)))
    return tuple(spans)


@lru_cache(maxsize=4096)
def decode_closures(encoded: str) -> tuple[Closure, ...]:
    """The closures :func:`encode_ranges` wrote."""
    found = []
    for part in (encoded or "").split():
        if part.startswith(CLOSED_MARK):
            first, _, last = part[len(CLOSED_MARK):].partition("/")
            found.append(Closure(date.fromisoformat(first), date.fromisoformat(last or first)))
    return tuple(found)


def decode_ranges(encoded: str) -> list[OpeningRange]:
    """The openings :func:`encode_ranges` wrote, back as weekday ranges."""
    ranges = []
    for start, end in _decode(encoded or ""):
        day = start // MINUTES_PER_DAY
        opens = start - day * MINUTES_PER_DAY
        closes = end - day * MINUTES_PER_DAY
        closes_at = time(23, 59) if closes == MINUTES_PER_DAY and opens == 0 else time(
            (closes % MINUTES_PER_DAY) // 60, closes % 60)
        ranges.append(OpeningRange(WEEKDAYS[day], time(opens // 60, opens % 60), closes_at))
    return ranges


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def minute_of_week(moment: datetime, zone_name: str) -> int | None:
    """Minutes since Monday 00:00 of ``moment`` in zone ``zone_name`` (None if unknown zone)."""
    zone = _zone(zone_name)
    if zone is None:
        return None
    local = moment.astimezone(zone)
    return local.weekday() * MINUTES_PER_DAY + local.hour * 60 + local.minute


def is_open(encoded: str, zone_name: str | None, moment: datetime) -> bool | None:
    """Whether hours encoded by :func:`encode_ranges` are open at ``moment``; None if unknown."""
    if not encoded or not zone_name:
        return None
    zone = _zone(zone_name)
    if zone is None:
        return None
    local = moment.astimezone(zone)
    now = minute_of_week(moment, zone_name)
    closed = decode_closures(encoded)
    spans = _decode(encoded)
    if not spans:  # closures only: closed today, or nothing known
        return False if is_closed_on(closed, local.date()) else None
    for start, end in spans:
        # A Sunday-night range runs past the end of the week into Monday morning.
        for at in (now, now + MINUTES_PER_WEEK):
            if start <= at < end:
                # The opening started on the day of ``start``; a closure that day cancels it.
                days_back = at // MINUTES_PER_DAY - start // MINUTES_PER_DAY
                if not is_closed_on(closed, local.date() - timedelta(days=days_back)):
                    return True
    return False
