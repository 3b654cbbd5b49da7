"""What the plan pages show, gathered before rendering (templates never query)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from directory.catalog.listings import ServiceLocationView, service_locations
from directory.catalog.models import Service
from directory.database import session
from directory.plans.models import CheckIn, SupportPlan
from directory.plans.stalled import stall_reasons
from directory.referrals.models import Referral


@dataclass
class ReferralLine:
    """A referral of the plan with where and when to reach its service."""

    referral: Referral
    service: Service | None
    locations: list[ServiceLocationView] = field(default_factory=list)
    phones: list = field(default_factory=list)


@dataclass
class CheckInLine:
    checkin: CheckIn
    state: str  # made, missed, overdue, due_today, upcoming


@dataclass
class PlanPage:
    plan: SupportPlan
    referrals: list[ReferralLine]
    checkins: list[CheckInLine]
    next_checkin: date | None
    stall_reasons: list[str]
    attachable: list[Referral]


def checkin_state(checkin: CheckIn, today: date) -> str:
    """``made``/``missed`` once recorded; otherwise ``overdue``, ``due_today`` or ``upcoming``."""
    if checkin.status != "scheduled":
        return checkin.status
    if checkin.due_on < today:
        return "overdue"
    return "due_today" if checkin.due_on == today else "upcoming"


def next_checkin(plan: SupportPlan, today: date) -> date | None:
    """The earliest check-in still scheduled from today on (None when there is none)."""
    upcoming = [c.due_on for c in plan.checkins if c.status == "scheduled" and c.due_on >= today]
    return min(upcoming) if upcoming else None


def referral_lines(plan: SupportPlan, now: datetime) -> list[ReferralLine]:
    lines = []
    for referral in plan.referrals:
        service = referral.service
        locations = service_locations(service, now) if service is not None else []
        phones = list(service.phones) if service is not None else []
        if not phones and referral.organization is not None:
            phones = list(referral.organization.phones)
        lines.append(ReferralLine(referral, service, locations, phones))
    return lines


def attachable_referrals(plan: SupportPlan, may_view) -> list[Referral]:
    """The client's referrals not yet in this plan that the user may see."""
    rows = session.execute(
        select(Referral).where(Referral.client_id == plan.client_id,
                               (Referral.plan_id.is_(None)) | (Referral.plan_id != plan.id))
        .order_by(Referral.created_at)
    ).scalars()
    return [referral for referral in rows if may_view(referral)]


def plan_page(plan: SupportPlan, now: datetime, may_view=lambda _referral: True) -> PlanPage:
    """Everything the plan page (and its printable version) shows."""
    today = now.date()
    return PlanPage(
        plan=plan,
        referrals=referral_lines(plan, now),
        checkins=[CheckInLine(c, checkin_state(c, today)) for c in plan.checkins],
        next_checkin=next_checkin(plan, today),
        stall_reasons=stall_reasons(plan, today),
        attachable=attachable_referrals(plan, may_view),
    )
