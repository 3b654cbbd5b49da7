"""Reading the outbox for the admin page."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, select

from directory.database import session
from directory.notifications.models import MESSAGE_STATUSES, OutboxMessage

PAGE_SIZE = 50


@dataclass
class OutboxPage:
    messages: list[OutboxMessage]
    total: int
    page: int
    pages: int
    counts: dict[str, int]


def list_messages(status: str | None = None, page: int = 1,
                  per_page: int = PAGE_SIZE) -> OutboxPage:
    """Messages (of one status, or all), newest first, with counts per status."""
    query = select(OutboxMessage)
    if status in MESSAGE_STATUSES:
        query = query.where(OutboxMessage.status == status)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    page = max(1, min(page, pages))
    messages = session.execute(query.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id)
                               .limit(per_page).offset((page - 1) * per_page)).scalars().all()
    counts = dict.fromkeys(MESSAGE_STATUSES, 0)
    counts.update(session.execute(select(OutboxMessage.status, func.count())
                                  .group_by(OutboxMessage.status)).all())
    return OutboxPage(list(messages), total, page, pages, counts)
