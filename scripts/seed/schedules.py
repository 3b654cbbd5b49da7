"""Weekly opening hours (HSDS ``schedule``) by kind of service, with readable descriptions.

A pattern is a list of (byday, opens_at, closes_at). ``closes_at`` earlier than ``opens_at``
means the hours run past midnight; 00:00 to 23:59 every day means open around the clock.
"""

from __future__ import annotations

import random

WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
DAY_ORDER = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_PLURAL = {"MO": "Mondays", "TU": "Tuesdays", "WE": "Wednesdays", "TH": "Thursdays",
              "FR": "Fridays", "SA": "Saturdays", "SU": "Sundays"}
DAY_NAME = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
            "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}

PATTERNS: dict[str, list[list[tuple[str, str, str]]]] = {
    "office": [[(WEEKDAYS, "09:00", "17:00")],
               [(WEEKDAYS, "08:30", "16:30")],
               [(WEEKDAYS, "10:00", "18:00"), ("SA", "10:00", "14:00")],
               [("MO,TU,WE,TH", "09:00", "19:00"), ("FR", "09:00", "15:00")]],
    "mentor": [[(WEEKDAYS, "09:00", "17:00"), ("TU,TH", "18:00", "20:00")],
               [(WEEKDAYS, "10:00", "18:00")],
               [(WEEKDAYS, "08:30", "16:30"), ("SA", "10:00", "13:00")],
               [("MO,WE,FR", "09:00", "17:00"), ("TU,TH", "12:00", "20:00")]],
    "mentor_v": [[(WEEKDAYS, "08:00", "20:00"), ("SA", "10:00", "14:00")],
                 [(WEEKDAYS, "09:00", "21:00")],
                 [(EVERY_DAY, "07:00", "22:00")]],
    "warmline": [[(EVERY_DAY, "20:00", "02:00")],
                 [("SU,MO,TU,WE,TH", "21:00", "01:00"), ("FR,SA", "21:00", "03:00")],
                 [(EVERY_DAY, "18:00", "06:00")]],
    "family": [[("MO,TU,WE,TH", "10:00", "19:00"), ("FR", "09:00", "13:00")],
               [(WEEKDAYS, "09:00", "17:00"), ("WE", "17:30", "20:00")],
               [("TU,WE,TH", "12:00", "20:00"), ("SA", "09:00", "12:00")]],
    "family_group": [[("WE", "18:30", "20:00")],
                     [("SA", "10:00", "11:30")],
                     [("TU", "18:00", "19:30"), ("TH", "12:00", "13:00")],
                     [("MO", "19:00", "20:30")],
                     [("TH", "18:00", "19:30")]],
    "meetings": [[("MO,WE,FR", "12:00", "13:00"), ("TU,TH", "19:00", "20:30"),
                  ("SA,SU", "10:00", "11:30")],
                 [(WEEKDAYS, "07:00", "08:00"), (WEEKDAYS, "12:15", "13:15"),
                  ("MO,WE", "19:00", "20:00")],
                 [("TU,TH", "19:00", "20:30")],
                 [("SU", "18:00", "19:30"), ("WE", "19:00", "20:00")],
                 [("SA", "09:00", "10:30"), ("SU", "09:00", "10:30"), ("SU", "17:00", "18:00")]],
    "meeting_single": [[("MO", "19:00", "20:00")], [("WE", "18:30", "19:30")],
                       [("SA", "11:00", "12:00")], [("TH", "19:30", "20:30")]],
    "late_meeting": [[("FR,SA,SU", "23:00", "00:30"), ("MO,TU,WE,TH", "22:00", "23:00")],
                     [(EVERY_DAY, "23:30", "00:30")]],
    "center": [[(WEEKDAYS, "10:00", "18:00"), ("SA", "11:00", "15:00")],
               [("TU,WE,TH,FR", "12:00", "20:00"), ("SA,SU", "12:00", "17:00")],
               [(WEEKDAYS, "09:00", "19:00")]],
    "late_center": [[("SU,MO,TU,WE,TH", "12:00", "19:00"), ("FR,SA", "18:00", "01:00")]],
    "housing": [[(EVERY_DAY, "00:00", "23:59")]],
    "employment": [[(WEEKDAYS, "09:00", "17:00"), ("TU,TH", "13:00", "15:00")],
                   [("MO,TU,WE,TH", "08:30", "16:30")],
                   [(WEEKDAYS, "09:00", "16:00")]],
    "telehealth": [[("MO,TU,WE,TH", "08:00", "20:00"), ("FR", "08:00", "17:00"),
                    ("SA", "09:00", "13:00")],
                   [(WEEKDAYS, "07:00", "19:00")],
                   [(WEEKDAYS, "10:00", "21:00"), ("SU", "12:00", "16:00")]],
    "late_telehealth": [[(WEEKDAYS, "17:00", "00:30"), ("SA", "10:00", "14:00")]],
    "transport": [[(WEEKDAYS, "06:00", "19:00"), ("SA", "08:00", "14:00")],
                  [("MO,TU,WE,TH,FR,SA", "05:30", "22:00")]],
}


def pick_pattern(kind: str, rng: random.Random) -> list[tuple[str, str, str]]:
    return rng.choice(PATTERNS[kind])


def spans_midnight(opens: str, closes: str) -> bool:
    return closes < opens


def describe_days(byday: str) -> str:
    days = byday.split(",")
    if byday == EVERY_DAY:
        return "Every day"
    if byday == WEEKDAYS:
        return "Weekdays"
    if byday == "SA,SU":
        return "Weekends"
    if len(days) == 1:
        return DAY_PLURAL[days[0]]
    positions = [DAY_ORDER.index(day) for day in days]
    if len(days) >= 3 and positions == list(range(positions[0], positions[0] + len(days))):
        return f"{DAY_NAME[days[0]]} to {DAY_NAME[days[-1]]}"
    if days == ["SU", "MO", "TU", "WE", "TH"]:
        return "Sunday to Thursday"
    names = [DAY_PLURAL[day] for day in days]
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe_time(value: str) -> str:
    hour, minute = map(int, value.split(":"))
    if (hour, minute) == (0, 0):
        return "midnight"
    if (hour, minute) == (12, 0):
        return "noon"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12} {suffix}" if minute == 0 else f"{hour12}:{minute:02d} {suffix}"


def describe(byday: str, opens: str, closes: str) -> str:
    """``Weekdays 9 am to 5 pm``, ``Every day, open 24 hours``, ``Fridays and Saturdays
    11 pm to 12:30 am (past midnight)``."""
    days = describe_days(byday)
    if opens == "00:00" and closes == "23:59":
        return f"{days}, open 24 hours"
    text = f"{days} {describe_time(opens)} to {describe_time(closes)}"
    return text + " (past midnight)" if spans_midnight(opens, closes) else text


def hours_phrase(pattern) -> str:
    """When something starts, for a sentence: ``on Tuesdays and Thursdays at 7 pm`` or
    ``on weekdays at 7 am and 12:15 pm and on Mondays and Wednesdays at 7 pm``."""
    starts: dict[str, list[str]] = {}
    for byday, opens, _closes in pattern:
        starts.setdefault(byday, []).append(describe_time(opens))
    groups = []
    for byday, times in starts.items():
        days = describe_days(byday)
        days = days.lower() if days in ("Every day", "Weekdays", "Weekends") else days
        prefix = "" if days == "every day" or " to " in days else "on "
        groups.append(f"{prefix}{days} at {' and '.join(times)}")
    return groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]


def schedule_objects(pattern, *, make_id, owner_field: str, owner_id: str, offset: int,
                     attending: str, note: str | None = None) -> list[dict]:
    """HSDS schedule objects for a pattern, owned by a service or a service_at_location."""
    out = []
    for index, (byday, opens, closes) in enumerate(pattern):
        item = {"id": make_id(f"{owner_id}:schedule:{index}"), owner_field: owner_id,
                "timezone": offset, "freq": "WEEKLY", "wkst": "MO", "interval": 1,
                "byday": byday, "opens_at": opens, "closes_at": closes,
                "description": describe(byday, opens, closes), "attending_type": attending}
        if note and index == 0:
            item["notes"] = note
        out.append(item)
    return out
