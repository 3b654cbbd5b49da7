"""The agency's response window, counted in business days (Monday to Friday).

A referral sent on day D must be answered by the end of the N-th business day after D
(N = ``Organization.referral_response_days`` or ``DIRECTORY_REFERRAL_RESPONSE_DAYS``, 2 by
default); it is overdue from the day after. Sent on a Friday with N = 2: due Tuesday, overdue
on Wednesday. Days are UTC calendar days (the app's clock); public holidays are not skipped.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, case, func, literal, select

from directory.catalog.models import Organization
from directory.catalog.models._columns import UTCDateTime
from directory.clock import utc_now
from directory.database import session
from directory.referrals.models import Referral


def default_response_days() -> int:
    """The configured window (``DIRECTORY_REFERRAL_RESPONSE_DAYS``)."""
    return int(current_app.config.get("DIRECTORY_REFERRAL_RESPONSE_DAYS", 2))


def response_days(organization: Organization | None) -> int:
    """The organization's own window, or the configured default."""
    days = getattr(organization, "referral_response_days", None)
    return days if days is not None else default_response_days()


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` business days after ``start`` (``start`` itself when ``days`` is 0)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def due_on(referral: Referral) -> date | None:
    """The last day the agency has to answer a sent referral (None when never sent)."""
    if referral.sent_at is None:
        return None
    return add_business_days(referral.sent_at.astimezone(UTC).date(),
                             response_days(referral.organization))


def is_overdue(referral: Referral, now: datetime | None = None) -> bool:
    """A sent referral the agency has not answered within its window."""
    if referral.status != "sent" or referral.first_response_at is not None:
        return False
    due = due_on(referral)
    return due is not None and (now or utc_now()).astimezone(UTC).date() > due


def _cutoff(days: int, today: date) -> datetime:
    """Referrals sent before this instant are overdue on ``today`` with a ``days`` window."""
    # add_business_days is non-decreasing in its start, so walk back to the earliest sent date
    # that is still within its window today.
    first_ok = today
    while add_business_days(first_ok - timedelta(days=1), days) >= today:
        first_ok -= timedelta(days=1)
    return datetime.combine(first_ok, time.min, tzinfo=UTC)


def overdue_condition(now: datetime | None = None) -> ColumnElement[bool]:
    """SQL condition on ``Referral``: sent, unanswered and past the organization's window.

    One CASE over the windows organizations actually use (read once per call), so it runs in
    the database on SQLite and PostgreSQL alike.
    """
    today = (now or utc_now()).astimezone(UTC).date()
    default = default_response_days()
    windows = {default} | set(session.execute(
            select(Organization.referral_response_days).distinct()
            .where(Organization.referral_response_days.is_not(None))
        ).scalars())
    days_expr = func.coalesce(
        select(Organization.referral_response_days)
        .where(Organization.id == Referral.organization_id)
        .scalar_subquery(),
        default,
    )
    cutoff = case({days: literal(_cutoff(days, today), UTCDateTime())
                   for days in sorted(windows)}, value=days_expr)
    return and_(
        Referral.status == "sent",
        Referral.first_response_at.is_(None),
        Referral.sent_at.is_not(None),
        Referral.sent_at < cutoff,
    )
