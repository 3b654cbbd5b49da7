"""Opening hours: the weekly table and "open now" in the location's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from directory.catalog.hours import (
    WEEKDAYS,
    closures,
    is_open_at,
    opening_ranges,
    parse_time,
    schedule_days,
    weekly_hours,
)
from directory.catalog.models import Schedule
from directory.search.openness import decode_ranges, encode_ranges, is_open
from tests.test_editing import _edit

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


# ---- closures (holidays) -----------------------------------------------------------------------
# The listing editor stores a closure as a schedule row with the dates closed and no opening
# time (``directory.editing.fields``): "Closed 2026-12-25: Christmas".


def closure(first: str, last: str | None = None, note: str = "Christmas") -> Schedule:
    span = first if not last or last == first else f"{first} – {last}"
    return Schedule(valid_from=first, valid_to=last or first, notes=note,
                    description=f"Closed {span}: {note}")


def test_closures_read_the_rows_the_editor_writes():
    rows = [weekly("09:00", "17:00"), closure("2026-12-24", "2026-12-26"),
            closure("2027-01-01", None), Schedule(valid_from="not a date")]
    assert [(c.first, c.last) for c in closures(rows)] == [
        (date(2026, 12, 24), date(2026, 12, 26)), (date(2027, 1, 1), date(2027, 1, 1))]
    # The weekly table is unchanged by closures.
    assert weekly_hours(rows) == weekly_hours([weekly("09:00", "17:00")])


def test_closed_on_a_holiday_in_the_locations_calendar():
    schedules = [weekly("09:00", "17:00"), closure("2026-12-25")]  # a Friday
    assert is_open_at(schedules, NY, at(NY, 2026, 12, 24, 10, 0)) is True
    assert is_open_at(schedules, NY, at(NY, 2026, 12, 25, 10, 0)) is False
    assert is_open_at(schedules, NY, at(NY, 2026, 12, 28, 10, 0)) is True  # next Monday
    # 06:00 UTC on the 26th is still the 25th (22:00) in Los Angeles, and already Saturday
    # the 26th (01:00) in New York: the date that counts is the location's.
    late = [weekly("00:00", "23:59", byday="FR,SA"), closure("2026-12-25")]
    instant = datetime(2026, 12, 26, 6, 0, tzinfo=UTC)
    assert is_open_at(late, LA, instant) is False
    assert is_open_at(late, NY, instant) is True


def test_a_range_of_closed_dates_and_open_24_hours():
    schedules = [weekly("00:00", "23:59", byday=None), closure("2026-12-24", "2026-12-26")]
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 23, 23, 59)) is True
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 24, 0, 0)) is False
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 26, 23, 0)) is False
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 27, 0, 0)) is True


def test_a_closure_cancels_the_night_that_starts_that_day():
    # Friday 20:00 to Saturday 02:00; closed on Friday 2026-12-25.
    schedules = [weekly("20:00", "02:00", byday="FR,SA"), closure("2026-12-25")]
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 25, 22, 0)) is False
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 26, 1, 0)) is False
    # Saturday's own night is on: the closure was the day before.
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 26, 21, 0)) is True
    # Thursday-night hours are not on the list; Saturday-night ones run into Sunday 27th.
    assert is_open_at(schedules, LA, at(LA, 2026, 12, 27, 1, 0)) is True
    # A night that started the day before a closed date runs to its end.
    before = [weekly("20:00", "02:00", byday="TH"), closure("2026-12-25")]
    assert is_open_at(before, LA, at(LA, 2026, 12, 25, 1, 0)) is True


def test_a_closure_alone_says_closed_that_day_only():
    assert is_open_at([closure("2026-12-25")], NY, at(NY, 2026, 12, 25, 12, 0)) is False
    assert is_open_at([closure("2026-12-25")], NY, at(NY, 2026, 12, 26, 12, 0)) is None


@pytest.mark.parametrize("moment", [
    at(NY, 2026, 12, 24, 10, 0), at(NY, 2026, 12, 25, 10, 0), at(NY, 2026, 12, 26, 1, 0),
    at(NY, 2026, 12, 27, 23, 0), at(NY, 2026, 12, 28, 1, 0), at(NY, 2027, 1, 1, 12, 0),
    at(NY, 2027, 1, 4, 1, 0),
])
def test_the_search_index_encoding_agrees_with_the_schedules(moment):
    schedules = [weekly("09:00", "17:00"), weekly("22:00", "03:00", byday="FR,SU"),
                 closure("2026-12-25"), closure("2027-01-01", "2027-01-03")]
    encoded = encode_ranges(opening_ranges(schedules), closures(schedules))
    assert is_open(encoded, NY, moment) is is_open_at(schedules, NY, moment)
    # The weekly hours still decode as before.
    assert decode_ranges(encoded) == decode_ranges(encode_ranges(opening_ranges(schedules)))


def test_holiday_closure_entered_by_the_agency_shows_closed_on_the_page_and_in_search(
        client, auth, make_organization, make_service, make_user):
    organization = make_organization()
    service = make_service(organization=organization, name="Holiday Coaching")
    agency = make_user(role="agency", organizations=[organization])
    auth.login(agency.email, agency.password)
    response = _edit(client, f"/manage/services/{service.id}/hours", {
        "time_zone": "America/Chicago",
        **{f"{day}-0-{end}": value for day in ("MO", "TU", "WE", "TH", "FR")
           for end, value in (("opens", "09:00"), ("closes", "17:00"))},
        "closures-0-starts": "2026-12-25", "closures-0-note": "Christmas",
    })
    assert response.status_code == 302
    auth.logout()

    def page_says() -> tuple[str, bool]:
        page = client.get(f"/services/{service.id}").get_data(as_text=True)
        badge = "Closed now" if "Closed now" in page else "Open now" if "Open now" in page \
            else "nothing"
        found = client.get("/search", query_string={"place": "97204", "open_now": "1"})
        return badge, "Holiday Coaching" in found.get_data(as_text=True)

    # 16:00 UTC is 10:00 in Chicago: open on Christmas Eve, closed on Christmas Day.
    with time_machine.travel("2026-12-24 16:00:00+00:00", tick=False):
        assert page_says() == ("Open now", True)
    with time_machine.travel("2026-12-25 16:00:00+00:00", tick=False):
        assert page_says() == ("Closed now", False)
    with time_machine.travel("2026-12-28 16:00:00+00:00", tick=False):
        assert page_says() == ("Open now", True)
