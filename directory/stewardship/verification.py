"""The verification cycle: agencies confirm listings are accurate; reminders before they lapse.

A listing's ``assured_date`` is the day a person last confirmed it. After
``DIRECTORY_VERIFICATION_REMINDER_DAYS`` (335, about 11 months) the organization is reminded by
email, and again at ``DIRECTORY_STALE_AFTER_DAYS`` (365) when the listing starts showing as
"may be out of date". Each reminder goes once per verification period: a message of the same
kind about the same service, queued since its ``assured_date`` and naming that date, counts as
sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from directory.accounts.models import Membership, User
from directory.catalog.models import Organization, Service
from directory.clock import today
from directory.database import session
from directory.notifications.models import OutboxMessage
from directory.notifications.service import enqueue
from directory.stewardship.history import record_change

KIND_FIRST = "verification.11m"
KIND_FINAL = "verification.12m"


def verify_service(service: Service, user) -> None:
    """Record that ``user`` confirmed ``service`` is accurate today."""
    on = today()
    record_change("service", service.id, "assured_date", service.assured_date, on, user.email,
                  action="verify")
    if service.assurer_email != user.email:
        record_change("service", service.id, "assurer_email", service.assurer_email,
                      user.email, user.email, action="verify")
    service.assured_date = on
    service.assurer_email = user.email
    session.flush()


def verify_organization(organization: Organization, user) -> int:
    """Confirm every current (not defunct) service of ``organization``; returns how many."""
    services = [s for s in organization.services if s.status != "defunct"]
    for service in services:
        verify_service(service, user)
    return len(services)


def stale_after_days() -> int:
    return int(current_app.config["DIRECTORY_STALE_AFTER_DAYS"])


def reminder_days() -> int:
    return int(current_app.config["DIRECTORY_VERIFICATION_REMINDER_DAYS"])


def age_days(service: Service, on: date | None = None) -> int | None:
    """Days since the last verification, None when never verified."""
    if service.assured_date is None:
        return None
    return ((on or today()) - service.assured_date).days


def is_overdue(service: Service, on: date | None = None) -> bool:
    """Never verified, or verified longer ago than ``DIRECTORY_STALE_AFTER_DAYS``."""
    age = age_days(service, on)
    return age is None or age > stale_after_days()


def overdue_condition(on: date | None = None):
    """SQL condition on ``Service``: verification overdue (or never verified)."""
    cutoff = (on or today()) - timedelta(days=stale_after_days())
    return or_(Service.assured_date.is_(None), Service.assured_date < cutoff)


def overdue_services(on: date | None = None, limit: int | None = None) -> list[Service]:
    """Current services whose verification is overdue, oldest verification first."""
    statement = (
        select(Service).join(Organization, Service.organization_id == Organization.id)
        .where(Service.status != "defunct", overdue_condition(on))
        .options(selectinload(Service.organization))
        .order_by(Service.assured_date.is_not(None), Service.assured_date, Service.name)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.execute(statement).scalars())


def overdue_count(on: date | None = None) -> int:
    """How many current services are overdue for verification."""
    return session.execute(
        select(func.count()).select_from(Service)
        .where(Service.status != "defunct", overdue_condition(on))
    ).scalar_one()


def recipients(organization: Organization) -> list[str]:
    """The organization's active agency staff, or its own email when it has none."""
    addresses = list(session.execute(
        select(User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id == organization.id, User.role == "agency",
               User.active.is_(True))
        .order_by(User.email)
    ).scalars())
    if not addresses and organization.email:
        addresses = [organization.email]
    return addresses


def _already_reminded(service: Service, kind: str) -> bool:
    """A reminder of ``kind`` about ``service`` was queued in this verification period: since
    its ``assured_date``, and naming that date (the body always carries it in ISO form), so a
    reminder queued on the morning of a re-verification does not count for the new period."""
    since = datetime.combine(service.assured_date, datetime.min.time(), tzinfo=UTC)
    return session.execute(
        select(OutboxMessage.id).where(
            OutboxMessage.subject_type == "service", OutboxMessage.subject_id == service.id,
            OutboxMessage.kind == kind, OutboxMessage.created_at >= since,
            OutboxMessage.body.contains(service.assured_date.isoformat(), autoescape=True),
        ).limit(1)
    ).first() is not None


def _reminder(service: Service, kind: str, link: str) -> tuple[str, str]:
    subject = (_("Please confirm your listing: %(service)s", service=service.name)
               if kind == KIND_FIRST
               else _("Your listing may be out of date: %(service)s", service=service.name))
    lines = [
        _("The listing \u201c%(service)s\u201d of %(organization)s was last confirmed on "
          "%(date)s.", service=service.name, organization=service.organization.name,
          date=service.assured_date.isoformat()),
        (_("Please check it and confirm it is accurate before it is marked as possibly out "
           "of date.") if kind == KIND_FIRST
         else _("It is now marked as possibly out of date in the directory. Please check it "
                "and confirm it is accurate.")),
        _("Sign in to update or confirm it: %(url)s", url=link),
    ]
    return subject, "\n\n".join(lines)


@dataclass
class ReminderRun:
    """What a reminder run did: messages queued, and the overdue listings for admins."""

    queued: int = 0
    reminded_services: list[Service] = field(default_factory=list)
    overdue: list[Service] = field(default_factory=list)


def send_reminders(link: str, on: date | None = None) -> ReminderRun:
    """Queue the 11- and 12-month reminders due today (once each per verification period)."""
    on = on or today()
    run = ReminderRun()
    first_cutoff = on - timedelta(days=reminder_days())
    candidates = session.execute(
        select(Service).join(Organization, Service.organization_id == Organization.id)
        .where(Service.status != "defunct", Service.published.is_(True),
               Organization.published.is_(True), Service.assured_date.is_not(None),
               Service.assured_date <= first_cutoff)
        .options(selectinload(Service.organization))
        .order_by(Service.assured_date, Service.id)
    ).scalars()
    for service in candidates:
        kind = KIND_FINAL if age_days(service, on) >= stale_after_days() else KIND_FIRST
        if _already_reminded(service, kind):
            continue
        subject, body = _reminder(service, kind, link)
        addresses = recipients(service.organization)
        for address in addresses:
            enqueue(kind, address, subject, body, subject_type="service", subject_id=service.id)
        if addresses:
            run.queued += len(addresses)
            run.reminded_services.append(service)
    session.flush()
    run.overdue = overdue_services(on)
    return run
