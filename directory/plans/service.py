"""Support plans and check-ins: the verbs. They flush, audit and never commit.

Plan edits use optimistic locking twice over: the form carries the ``version`` it was loaded at
(:class:`PlanChanged` when it no longer matches), and SQLAlchemy's ``version_id_col`` catches a
race between two requests that both passed that check (``StaleDataError`` at flush).
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from directory.audit.service import record
from directory.clock import today, utc_now
from directory.database import session
from directory.plans.errors import PlanChanged, PlanError
from directory.plans.models import CheckIn, SupportPlan
from directory.plans.schedule import checkin_dates
from directory.referrals.models import Client, Referral

#: Outcomes a check-in can be recorded with.
CHECKIN_OUTCOMES = ("made", "missed")
NOTE_MAX_LENGTH = 500
#: Longest schedule one request may create (a year of weekly check-ins, two years monthly).
MAX_WEEKS, MAX_MONTHS = 52, 24


def _check_version(plan: SupportPlan, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != plan.version:
        raise PlanChanged(_("This plan changed while you were looking at it; reload to see the "
                            "latest."))


def create_plan(client: Client, user, *, title: str, goals: str | None = None) -> SupportPlan:
    """A new active plan for ``client``, made by ``user``."""
    title = (title or "").strip()
    if not title:
        raise PlanError(_("Give the plan a title."), field="title")
    plan = SupportPlan(client=client, client_id=client.id, created_by_id=user.id, title=title,
                       goals=(goals or "").strip() or None, status="active")
    session.add(plan)
    session.flush()
    record("create", plan, user=user, detail="plan created")
    return plan


def update_plan(plan: SupportPlan, user, *, title: str, goals: str | None,
                expected_version: int | None) -> SupportPlan:
    """Change the title and goals (refused with :class:`PlanChanged` when stale)."""
    _check_version(plan, expected_version)
    title = (title or "").strip()
    if not title:
        raise PlanError(_("Give the plan a title."), field="title")
    changed = [name for name, value in (("title", title), ("goals", (goals or "").strip() or None))
               if getattr(plan, name) != value]
    plan.title = title
    plan.goals = (goals or "").strip() or None
    session.flush()
    record("update", plan, user=user, detail="plan edited: " + (", ".join(changed) or "no change"))
    return plan


def close_plan(plan: SupportPlan, user, *, expected_version: int | None = None) -> SupportPlan:
    """Close an active plan: it leaves the dashboard; check-ins still scheduled stay as they are."""
    _check_version(plan, expected_version)
    if plan.status == "closed":
        raise PlanError(_("This plan is already closed."))
    plan.status = "closed"
    session.flush()
    record("update", plan, user=user, detail="plan closed")
    return plan


def reopen_plan(plan: SupportPlan, user, *, expected_version: int | None = None) -> SupportPlan:
    """Make a closed plan active again."""
    _check_version(plan, expected_version)
    if plan.status == "active":
        raise PlanError(_("This plan is already active."))
    plan.status = "active"
    session.flush()
    record("update", plan, user=user, detail="plan reopened")
    return plan


def attach_referral(plan: SupportPlan, referral: Referral, user) -> Referral:
    """Put one of the client's existing referrals into ``plan``."""
    if referral.client_id != plan.client_id:
        raise PlanError(_("That referral is for another client."), field="referral_id")
    if referral.plan_id == plan.id:
        raise PlanError(_("That referral is already part of this plan."), field="referral_id")
    referral.plan_id = plan.id
    session.flush()
    record("update", plan, user=user, detail=f"referral {referral.id} attached")
    return referral


def detach_referral(plan: SupportPlan, referral: Referral, user) -> Referral:
    """Take a referral out of ``plan`` (the referral itself is unchanged)."""
    if referral.plan_id != plan.id:
        raise PlanError(_("That referral is not part of this plan."))
    referral.plan_id = None
    session.flush()
    record("update", plan, user=user, detail=f"referral {referral.id} detached")
    return referral


def _require_active(plan: SupportPlan) -> None:
    if plan.status != "active":
        raise PlanError(_("Reopen the plan to change its check-ins."))


def add_checkin(plan: SupportPlan, user, due_on: date) -> CheckIn:
    """Schedule one check-in on ``due_on``."""
    _require_active(plan)
    checkin = CheckIn(plan=plan, plan_id=plan.id, due_on=due_on, status="scheduled")
    session.add(checkin)
    session.flush()
    record("create", checkin, user=user, client_id=plan.client_id,
           detail=f"check-in scheduled for {due_on.isoformat()}")
    return checkin


def schedule_checkins(plan: SupportPlan, user, *, start: date | None = None,
                      weekly_weeks: int = 0, monthly_months: int = 0) -> list[CheckIn]:
    """Create the check-ins of a schedule (see :func:`checkin_dates`), skipping dates the plan
    already has a check-in on."""
    _require_active(plan)
    if not 0 <= weekly_weeks <= MAX_WEEKS:
        raise PlanError(_("Choose between 0 and %(n)s weeks.", n=MAX_WEEKS), field="weekly_weeks")
    if not 0 <= monthly_months <= MAX_MONTHS:
        raise PlanError(_("Choose between 0 and %(n)s months.", n=MAX_MONTHS),
                        field="monthly_months")
    if weekly_weeks == 0 and monthly_months == 0:
        raise PlanError(_("Choose at least one week or one month."), field="weekly_weeks")
    existing = {checkin.due_on for checkin in plan.checkins}
    created = []
    for due in checkin_dates(start or today(), weekly_weeks, monthly_months):
        if due in existing:
            continue
        checkin = CheckIn(plan=plan, plan_id=plan.id, due_on=due, status="scheduled")
        session.add(checkin)
        created.append(checkin)
        existing.add(due)
    session.flush()
    record("update", plan, user=user,
           detail=f"{len(created)} check-ins scheduled "
                  f"({weekly_weeks} weekly, {monthly_months} monthly)")
    return created


def record_checkin(checkin: CheckIn, user, *, outcome: str, note: str | None = None) -> CheckIn:
    """Record a check-in as made or missed, with a short note (correcting an earlier record is
    allowed and audited as such)."""
    _require_active(checkin.plan)
    if outcome not in CHECKIN_OUTCOMES:
        raise PlanError(_("Choose whether the check-in was made or missed."), field="outcome")
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX_LENGTH:
        raise PlanError(_("Keep the note under %(n)s characters.", n=NOTE_MAX_LENGTH),
                        field="note")
    previous = checkin.status
    checkin.status = outcome
    checkin.note = note
    checkin.recorded_at = utc_now()
    checkin.recorded_by_id = user.id
    session.flush()
    record("update", checkin, user=user, client_id=checkin.plan.client_id,
           detail=f"check-in {previous} → {outcome}")
    return checkin
