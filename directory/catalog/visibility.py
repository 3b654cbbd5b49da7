"""The one rule for which services the public sees (pages, search, API).

A service is listed when it is not defunct, is published (new listings wait for an admin; an
admin may unpublish one) and its organization is published too.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select

from directory.catalog.models import Organization, Service


def listed_service() -> ColumnElement[bool]:
    """SQL condition on ``Service``: the public may see it."""
    published_organizations = select(Organization.id).where(Organization.published.is_(True))
    return and_(
        Service.status != "defunct",
        Service.published.is_(True),
        Service.organization_id.in_(published_organizations),
    )


def is_listed(service: Service) -> bool:
    """The same rule as :func:`listed_service`, on a loaded service."""
    organization = service.organization
    return (
        service.status != "defunct"
        and service.published is not False
        and (organization is None or organization.published is not False)
    )
