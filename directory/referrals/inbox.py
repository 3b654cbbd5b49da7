"""What waits in an agency's referral inbox, counted for its dashboard."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from directory.clock import utc_now
from directory.database import session
from directory.referrals import deadlines
from directory.referrals.models import Referral


@dataclass(frozen=True)
class Waiting:
    """Sent referrals not answered yet, and how many of them are overdue."""

    unanswered: int
    overdue: int


def waiting_for(organization_ids: Iterable[str]) -> Waiting:
    """Unanswered referrals to these organizations (no client data: counts only)."""
    ids = list(organization_ids)
    if not ids:
        return Waiting(0, 0)
    base = select(func.count(Referral.id)).where(Referral.organization_id.in_(ids),
                                                 Referral.status == "sent")
    unanswered = session.execute(base).scalar_one()
    overdue = session.execute(base.where(deadlines.overdue_condition(utc_now()))).scalar_one()
    return Waiting(unanswered, overdue)
