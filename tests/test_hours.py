"""Opening hours: the weekly table and "open now" in the location's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from directory.catalog.hours import (
    WEEKDAYS,
    is_open_at,
    opening_ranges,
    parse_time,
    schedule_days,
    weekly_hours,
)
from directory.catalog.models import Schedule

LA = "America/Los_Angeles"
NY = "America/New_York"


def weekly(opens, closes, byday="MO,TU,WE,TH,FR", **kw) -> Schedule:
    return Schedule(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes, **kw)


def at(zone: str, *args) -> datetime:
    """An aware datetime in ``zone`` (2026-03-02 is a Monday)."""
    return datetime(*args, tzinfo=ZoneInfo(zone))


# ---- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09:00", time(9, 0)),
        ("09:30:00", time(9, 30)),
        ("17:45-05:00", time(17, 45)),
        ("08:15+01:00", time(8, 15)),
        ("07:00Z", time(7, 0)),
        ("", None),
        (None, None),
        ("noon", None),
        ("25:00", None),
    ],
)
def test_parse_time(value, expected):
    assert parse_time(value) == expected


def test_schedule_days():
    assert schedule_days(weekly("09:00", "17:00", byday="MO,we, FR")) == ["MO", "WE", "FR"]
    assert schedule_days(weekly("09:00", "17:00", byday=None)) == list(WEEKDAYS)
    assert schedule_days(weekly("09:00", "17:00", byday="1MO,MO,XX")) == ["MO"]


# ---- weekly table ------------------------------------------------------------------------------


def test_weekly_hours_groups_ranges_by_day_in_order():
    schedules = [
        weekly("13:00", "17:00", byday="MO,WE"),
        weekly("08:00", "12:00", byday="MO,WE,FR"),
        weekly("10:00", "14:00", byday="SA"),
    ]
    table = weekly_hours(schedules)
    assert [day.day for day in table] == list(WEEKDAYS)
    assert [day.name for day in table][:2] == ["Monday", "Tuesday"]
    by_day = {day.day: [(r.opens, r.closes) for r in day.ranges] for day in table}
    assert by_day["MO"] == [(time(8), time(12)), (time(13), time(17))]  # sorted by opening
    assert by_day["WE"] == by_day["MO"]
    assert by_day["FR"] == [(time(8), time(12))]
    assert by_day["SA"] == [(time(10), time(14))]
    assert by_day["TU"] == [] and by_day["TH"] == [] and by_day["SU"] == []


def test_weekly_hours_skips_non_weekly_and_untimed_schedules():
    schedules = [
        Schedule(freq="MONTHLY", byday="MO", opens_at="09:00", closes_at="10:00"),
        Schedule(freq="WEEKLY", byday="TU", description="By appointment"),
        weekly("18:00", "19:30", byday="TH"),
    ]
    ranges = opening_ranges(schedules)
    assert [(r.day, r.opens, r.closes) for r in ranges] == [("TH", time(18), time(19, 30))]


def test_midnight_and_all_day_flags():
    night, = opening_ranges([weekly("20:00", "02:00", byday="FR")])
    assert night.spans_midnight and not night.all_day
    day, = opening_ranges([weekly("00:00", "23:59", byday="SU")])
    assert day.all_day


# ---- open now ----------------------------------------------------------------------------------


def test_same_instant_is_open_in_los_angeles_and_closed_in_new_york():
    schedules = [weekly("09:00", "12:00")]
    instant = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)  # Monday 09:30 in LA, 12:30 in NY
    assert is_open_at(schedules, LA, instant) is True
    assert is_open_at(schedules, NY, instant) is False


def test_open_and_close_boundaries():
    schedules = [weekly("09:00", "17:00")]
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 2, 8, 59)) is False
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 2, 9, 0)) is True
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 2, 16, 59)) is True
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 2, 17, 0)) is False
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 7, 12, 0)) is False  # Saturday


def test_hours_follow_daylight_saving_time():
    schedules = [weekly("09:00", "17:00")]
    # The same UTC clock time is 09:30 in New York in summer (UTC-4), 08:30 in winter (UTC-5).
    summer = datetime(2026, 7, 6, 13, 30, tzinfo=UTC)  # Monday 09:30 EDT
    winter = datetime(2026, 1, 5, 13, 30, tzinfo=UTC)  # Monday 08:30 EST
    assert is_open_at(schedules, NY, summer) is True
    assert is_open_at(schedules, NY, winter) is False


def test_hours_spanning_midnight():
    schedules = [weekly("20:00", "02:00", byday="FR")]
    assert is_open_at(schedules, LA, at(LA, 2026, 3, 6, 19, 59)) is False  # Friday
    assert is_open_at(schedules, LA, at(LA, 2026, 3, 6, 22, 0)) is True
    assert is_open_at(schedules, LA, at(LA, 2026, 3, 7, 1, 0)) is True  # Saturday 01:00
    assert is_open_at(schedules, LA, at(LA, 2026, 3, 7, 3, 0)) is False  # Saturday 03:00
    assert is_open_at(schedules, LA, at(LA, 2026, 3, 6, 1, 0)) is False  # Friday 01:00


def test_open_24_hours():
    schedules = [weekly("00:00", "23:59", byday="SA,SU")]
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 7, 0, 0)) is True
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 8, 23, 59, 30)) is True
    assert is_open_at(schedules, NY, at(NY, 2026, 3, 9, 12, 0)) is False  # Monday


def test_no_time_zone_or_no_hours_says_nothing():
    schedules = [weekly("09:00", "17:00")]
    instant = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)
    assert is_open_at(schedules, None, instant) is None
    assert is_open_at(schedules, "", instant) is None
    assert is_open_at(schedules, "Mars/Olympus_Mons", instant) is None
    assert is_open_at([], LA, instant) is None
    assert is_open_at([Schedule(freq="WEEKLY", description="Call ahead")], LA, instant) is None
