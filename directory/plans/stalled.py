"""When a support plan is "stalled": the one place the rule lives.

An **active** plan is stalled when any of these holds on ``today``:

1. a check-in still scheduled was due more than :data:`OVERDUE_GRACE_DAYS` (7) days ago;
2. it has referrals and every one of them ended without a connection (declined,
   not completed or cancelled) — the plan needs a new referral;
3. no check-in has been recorded (made or missed) for :data:`QUIET_DAYS` (30) days, counting
   from the plan's creation when none has been recorded yet.

Closed plans are never stalled. :func:`stall_reasons` says why for one plan (the plan page);
:func:`stalled_condition` is the same rule as SQL (the dashboard lists them in one query).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, exists, not_, or_, select

from directory.plans.models import CheckIn, SupportPlan
from directory.referrals.models import Referral

OVERDUE_GRACE_DAYS = 7
QUIET_DAYS = 30
#: Referral states that ended without the client being connected.
DEAD_END_STATUSES = ("declined", "not_completed", "cancelled")

REASON_OVERDUE = "overdue_checkin"
REASON_DEAD_ENDS = "referrals_ended"
REASON_QUIET = "no_recent_checkin"


def _quiet_cutoff(today: date) -> datetime:
    return datetime.combine(today - timedelta(days=QUIET_DAYS), time.min, tzinfo=UTC)


def stall_reasons(plan: SupportPlan, today: date) -> list[str]:
    """Why ``plan`` is stalled on ``today`` (empty when it is not), as reason codes."""
    if plan.status != "active":
        return []
    reasons = []
    grace = today - timedelta(days=OVERDUE_GRACE_DAYS)
    if any(c.status == "scheduled" and c.due_on < grace for c in plan.checkins):
        reasons.append(REASON_OVERDUE)
    if plan.referrals and all(r.status in DEAD_END_STATUSES for r in plan.referrals):
        reasons.append(REASON_DEAD_ENDS)
    recorded = [c.recorded_at for c in plan.checkins if c.recorded_at is not None]
    last = max(recorded) if recorded else plan.created_at
    if last is not None and last < _quiet_cutoff(today):
        reasons.append(REASON_QUIET)
    return reasons


def stalled_condition(today: date) -> ColumnElement[bool]:
    """SQL condition on :class:`SupportPlan` for the rule above."""
    grace = today - timedelta(days=OVERDUE_GRACE_DAYS)
    cutoff = _quiet_cutoff(today)
    overdue = exists(select(CheckIn.id).where(
        CheckIn.plan_id == SupportPlan.id, CheckIn.status == "scheduled", CheckIn.due_on < grace))
    has_referrals = exists(select(Referral.id).where(Referral.plan_id == SupportPlan.id))
    live_referral = exists(select(Referral.id).where(
        Referral.plan_id == SupportPlan.id, Referral.status.not_in(DEAD_END_STATUSES)))
    recent_record = exists(select(CheckIn.id).where(
        CheckIn.plan_id == SupportPlan.id, CheckIn.recorded_at >= cutoff))
    quiet = and_(not_(recent_record), SupportPlan.created_at < cutoff)
    return and_(SupportPlan.status == "active",
                or_(overdue, and_(has_referrals, not_(live_referral)), quiet))
