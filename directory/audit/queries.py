"""Reading the audit trail for the admin page: filters and pages."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from directory.audit.models import AuditEvent
from directory.database import session

PAGE_SIZE = 50


@dataclass
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class AuditFilter:
    """What the admin asked for; every part optional."""

    user: str | None = None  # an email (or part of one) or a user id
    object_type: str | None = None
    client_id: str | None = None
    start: date | None = None
    end: date | None = None


def object_types() -> list[str]:
    """The object types present in the trail, for the filter's choices."""
    return list(session.execute(
        select(AuditEvent.object_type).distinct().order_by(AuditEvent.object_type)).scalars())


def search_events(criteria: AuditFilter, page: int = 1, per_page: int = PAGE_SIZE) -> AuditPage:
    """Events matching ``criteria``, newest first, one page at a time."""
    query = select(AuditEvent)
    if criteria.user:
        needle = criteria.user.strip().lower()
        query = query.where(or_(AuditEvent.user_id == criteria.user.strip(),
                                func.lower(AuditEvent.user_email).contains(needle,
                                                                           autoescape=True)))
    if criteria.object_type:
        query = query.where(AuditEvent.object_type == criteria.object_type)
    if criteria.client_id:
        query = query.where(AuditEvent.client_id == criteria.client_id.strip())
    if criteria.start:
        query = query.where(AuditEvent.at >= datetime.combine(criteria.start, time.min, UTC))
    if criteria.end:
        query = query.where(AuditEvent.at < datetime.combine(criteria.end + timedelta(days=1),
                                                             time.min, UTC))
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    page = max(1, min(page, pages))
    events = session.execute(query.order_by(AuditEvent.at.desc(), AuditEvent.id)
                             .limit(per_page).offset((page - 1) * per_page)).scalars().all()
    return AuditPage(list(events), total, page, pages)
