"""Template filters for dates, times, money and phone numbers (registered on every app)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask import Blueprint
from flask_babel import format_date, format_timedelta

filters = Blueprint("directory_filters", __name__)

E164 = re.compile(r"\+[1-9]\d{6,14}")


@filters.app_template_filter("directory_date")
def directory_date(value: date | datetime | None, style: str = "long") -> str:
    """A date in the reader's locale ("November 30, 2026")."""
    if value is None:
        return ""
    return format_date(value.date() if isinstance(value, datetime) else value, style)


@filters.app_template_filter("time_ago")
def time_ago(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago, in words ("3 hours ago")."""
    if value is None:
        return ""
    now = now or datetime.now(UTC)
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return format_timedelta(moment - now, add_direction=True, threshold=1.0)


@filters.app_template_filter("zone_name")
def zone_name(name: str | None) -> str:
    """A time zone as people say it ("Central Time"), falling back to its IANA name."""
    from babel.dates import get_timezone_name
    from flask_babel import get_locale

    from directory.catalog.hours import zone

    tz = zone(name)
    if tz is None:
        return name or ""
    try:
        return get_timezone_name(tz, width="long", zone_variant="generic",
                                 locale=get_locale() or "en")
    except (LookupError, ValueError):
        return name or ""


@filters.app_template_filter("clock")
def clock(value) -> str:
    """A time of day as the reader's locale writes it ("6:30 PM" in English)."""
    from flask_babel import format_time

    return format_time(value, "short") if value is not None else ""


@filters.app_template_filter("money")
def money(amount: float | None, currency: str | None = "USD") -> str:
    """An amount of money in the reader's locale ("$125.00")."""
    from flask_babel import format_currency

    return format_currency(amount, currency or "USD") if amount is not None else ""


@filters.app_template_filter("phone_display")
def phone_display(number: str | None) -> str:
    """A phone number as people read it: one stored in E.164 (``+16145550199``, as the editing
    forms save them) in national format at home ("(614) 555-0199"), international abroad; a
    number written another way (imported as typed, vanity letters) is shown as written."""
    from directory.editing.values import display_phone

    text = (number or "").strip()
    if E164.fullmatch(text):
        return display_phone(text)
    return number or ""
