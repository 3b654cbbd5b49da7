"""What a coordinator's dashboard lists: check-ins due, referrals waiting, overdue, recently
answered, stalled plans. Coordinators see their own (``created_by``); admins see everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from directory.clock import utc_now
from directory.database import session
from directory.plans.models import CheckIn, SupportPlan
from directory.plans.stalled import stalled_condition
from directory.referrals import deadlines
from directory.referrals.models import Referral

#: How far back "recently answered" looks.
RECENT_DAYS = 7
#: At most this many rows per list (the counts above them are exact).
LIST_LIMIT = 50


@dataclass
class Dashboard:
    """The lists of one dashboard, and their full counts."""

    checkins_due: list[CheckIn] = field(default_factory=list)
    waiting: list[Referral] = field(default_factory=list)
    overdue: list[Referral] = field(default_factory=list)
    answered: list[Referral] = field(default_factory=list)
    stalled: list[SupportPlan] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _sees_all(user) -> bool:
    return user.role == "admin"


def _referrals(user) -> Select:
    query = select(Referral).options(selectinload(Referral.service),
                                     selectinload(Referral.organization))
    return query if _sees_all(user) else query.where(Referral.created_by_id == user.id)


def _plans(user) -> Select:
    query = select(SupportPlan)
    return query if _sees_all(user) else query.where(SupportPlan.created_by_id == user.id)


def _rows(query: Select) -> tuple[list, int]:
    rows = list(session.execute(query.limit(LIST_LIMIT + 1)).scalars().unique())
    if len(rows) <= LIST_LIMIT:
        return rows, len(rows)
    return rows[:LIST_LIMIT], _count(query)


def _count(query: Select) -> int:
    return session.execute(
        select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()


def build(user, now: datetime | None = None) -> Dashboard:
    """The dashboard of ``user`` at ``now``."""
    now = now or utc_now()
    today = now.date()
    board = Dashboard()

    checkins = (select(CheckIn).join(SupportPlan, SupportPlan.id == CheckIn.plan_id)
                .where(SupportPlan.status == "active", CheckIn.status == "scheduled",
                       CheckIn.due_on <= today)
                .options(selectinload(CheckIn.plan))
                .order_by(CheckIn.due_on, CheckIn.id))
    if not _sees_all(user):
        checkins = checkins.where(SupportPlan.created_by_id == user.id)
    board.checkins_due, board.counts["checkins_due"] = _rows(checkins)
    board.counts["checkins_overdue"] = _count(checkins.where(CheckIn.due_on < today))

    board.waiting, board.counts["waiting"] = _rows(
        _referrals(user).where(Referral.status == "sent").order_by(Referral.sent_at, Referral.id))
    board.overdue, board.counts["overdue"] = _rows(
        _referrals(user).where(deadlines.overdue_condition(now))
        .order_by(Referral.sent_at, Referral.id))
    board.answered, board.counts["answered"] = _rows(
        _referrals(user).where(Referral.first_response_at >= now - timedelta(days=RECENT_DAYS),
                               Referral.status.in_(("accepted", "declined", "in_progress",
                                                    "completed", "not_completed")))
        .order_by(Referral.first_response_at.desc(), Referral.id))
    board.stalled, board.counts["stalled"] = _rows(
        _plans(user).where(stalled_condition(today)).order_by(SupportPlan.created_at,
                                                              SupportPlan.id))
    return board
