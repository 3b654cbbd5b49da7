"""What the agency dashboard shows: each organization's services and their upkeep state."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from directory.catalog.models import Organization, Service
from directory.database import session
from directory.editing.models import PendingChange
from directory.stewardship.verification import age_days, is_overdue


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    verified_days: int | None
    overdue: bool


@dataclass(frozen=True)
class OrganizationPanel:
    organization: Organization
    services: list[ServiceRow]
    pending_changes: int

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.services if row.overdue)


def pending_change_counts(organization_ids: list[str]) -> dict[str, int]:
    """Pending (unreviewed) changes per organization."""
    if not organization_ids:
        return {}
    rows = session.execute(
        select(PendingChange.organization_id, func.count())
        .where(PendingChange.organization_id.in_(organization_ids),
               PendingChange.status == "pending")
        .group_by(PendingChange.organization_id)
    ).all()
    return {organization_id: count for organization_id, count in rows}


def panels(organization_ids: list[str]) -> list[OrganizationPanel]:
    """One panel per organization, by name, with every service (published or not)."""
    if not organization_ids:
        return []
    organizations = session.execute(
        select(Organization).where(Organization.id.in_(organization_ids))
        .options(selectinload(Organization.services))
        .order_by(Organization.name)
    ).scalars().all()
    counts = pending_change_counts(list(organization_ids))
    return [
        OrganizationPanel(
            organization,
            [ServiceRow(service, age_days(service), is_overdue(service))
             for service in organization.services],
            counts.get(organization.id, 0),
        )
        for organization in organizations
    ]


def organization_page(page: int, per_page: int = 25, search: str = "") -> tuple[list, int]:
    """A page of every organization by name (the admins' pick-list) and the total."""
    statement = select(Organization)
    for word in search.lower().split()[:6]:
        statement = statement.where(func.lower(Organization.name).contains(word, autoescape=True))
    total = session.execute(select(func.count()).select_from(statement.subquery())).scalar_one()
    rows = list(session.execute(
        statement.order_by(Organization.name, Organization.id)
        .offset((page - 1) * per_page).limit(per_page)
    ).scalars())
    return rows, total


def service_count(organization_id: str) -> int:
    return session.execute(
        select(func.count()).select_from(Service).where(Service.organization_id == organization_id)
    ).scalar_one()
