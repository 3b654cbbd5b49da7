"""Check-in reminders: one email per due or overdue check-in to the plan's coordinator.

The email names no client: it says a check-in is due and links to the plan (sign-in needed).
``CheckIn.reminder_sent_at`` makes it once per check-in, however often the command runs.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.clock import utc_now
from directory.database import session
from directory.notifications.service import enqueue
from directory.plans.models import CheckIn, SupportPlan


def plan_url(plan_id: str) -> str:
    """The absolute address of a plan's page, in a request or from the command line.

    ``DIRECTORY_PUBLIC_BASE_URL`` gives the host; without it, the request's host (or
    ``http://localhost`` outside a request).
    """
    base = current_app.config.get("DIRECTORY_PUBLIC_BASE_URL")
    if has_request_context():
        if not base:
            return url_for("directory_plans.plan", plan_id=plan_id, _external=True)
        path = url_for("directory_plans.plan", plan_id=plan_id)
    else:
        adapter = current_app.url_map.bind(
            "localhost", script_name=current_app.config.get("APPLICATION_ROOT") or "/")
        path = adapter.build("directory_plans.plan", {"plan_id": plan_id})
    return (base or "http://localhost").rstrip("/") + path


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
    queued = 0
    with _email_locale():
        for checkin in due:
            queued += _queue_one(checkin, now)
    session.flush()
    return queued


def _email_locale():
    """Outside a request (the command line) there is no browser language: use the first
    configured one."""
    if has_request_context():
        return nullcontext()
    return force_locale(current_app.config.get("DIRECTORY_LANGUAGES", ["en"])[0])


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
          url=plan_url(checkin.plan_id)),
    ])
    enqueue("checkin.due", coordinator.email, subject, body, subject_type="checkin",
            subject_id=checkin.id)
    checkin.reminder_sent_at = now
    return 1
