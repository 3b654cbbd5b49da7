"""Check-in schedules: the dates of "weekly for N weeks, then monthly for M months".

A pure function, so the rule is tested without a database.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(start: date, months: int) -> date:
    """``start`` moved ``months`` calendar months on, kept on the same day of the month where it
    exists (31 January + 1 month → 28 or 29 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def checkin_dates(start: date, weekly_weeks: int = 0, monthly_months: int = 0) -> list[date]:
    """The due dates: one a week for ``weekly_weeks`` weeks after ``start``, then one a month for
    ``monthly_months`` months counted from the last weekly date (or from ``start``).

    ``start`` itself is not a check-in: the first one is a week (or a month) later. Weekly for
    4 weeks from 1 March then monthly for 2 months: 8, 15, 22, 29 March, 29 April, 29 May.
    """
    if weekly_weeks < 0 or monthly_months < 0:
        raise ValueError("weeks and months cannot be negative")
    dates = [start + timedelta(weeks=week) for week in range(1, weekly_weeks + 1)]
    anchor = dates[-1] if dates else start
    dates.extend(add_months(anchor, month) for month in range(1, monthly_months + 1))
    return dates
