"""Check-in reminders: one email per due or overdue check-in to the plan's coordinator.

The email names no client: it says a check-in is due and links to the plan (sign-in needed).
``CheckIn.reminder_sent_at`` makes it once per check-in, however often the command runs.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.clock import utc_now
from directory.database import session
from directory.links import absolute_url
from directory.notifications.service import enqueue
from directory.plans.models import CheckIn, SupportPlan


def queue_checkin_reminders(now: datetime | None = None) -> int:
    """Queue a reminder for every scheduled check-in of an active plan due on or before today
    that has none yet; returns how many were queued (flushes, the caller commits)."""
    now = now or utc_now()
    due = session.execute(
        select(CheckIn).join(SupportPlan, SupportPlan.id == CheckIn.plan_id)
        .where(SupportPlan.status == "active", CheckIn.status == "scheduled",
               CheckIn.due_on <= now.date(), CheckIn.reminder_sent_at.is_(None))
        .options(selectinload(CheckIn.plan).selectinload(SupportPlan.created_by))
        .order_by(CheckIn.due_on, CheckIn.id)
    ).scalars().all()
    # The locale outside a request is the first configured language (directory.i18n).
    queued = sum(_queue_one(checkin, now) for checkin in due)
    session.flush()
    return queued


def _queue_one(checkin: CheckIn, now: datetime) -> int:
    """Queue the reminder of one check-in (0 when its coordinator cannot get email)."""
    coordinator = checkin.plan.created_by
    if coordinator is None or not coordinator.active or not coordinator.email:
        return 0
    overdue = checkin.due_on < now.date()
    subject = (_("A support plan check-in is overdue") if overdue
               else _("A support plan check-in is due today"))
    body = "\n\n".join([
        _("A check-in with a client was due on %(date)s.", date=checkin.due_on.isoformat()),
        _("Sign in to see the plan and record the check-in: %(url)s",
          url=absolute_url("directory_plans.plan", plan_id=checkin.plan_id)),
    ])
    enqueue("checkin.due", coordinator.email, subject, body, subject_type="checkin",
            subject_id=checkin.id)
    checkin.reminder_sent_at = now
    return 1
