"""Taking a listing off the public directory (with a reason) and putting it back.

Visibility itself is decided in one place (``directory.catalog.visibility``): an unpublished
service, or any service of an unpublished organization, leaves pages, search and the API.
"""

from __future__ import annotations

from directory.catalog.models import Organization, Service
from directory.database import session
from directory.errors import DirectoryError
from directory.stewardship.history import record_change


class ReasonRequired(DirectoryError):
    """Unpublishing needs a reason (agencies and other admins will ask why)."""


def _set_published(obj, kind: str, published: bool, reason: str | None, admin) -> None:
    reason = (reason or "").strip() or None
    if not published and reason is None:
        raise ReasonRequired()
    if obj.published != published:
        record_change(kind, obj.id, "published", obj.published, published, admin.email)
    if obj.unpublished_reason != reason:
        record_change(kind, obj.id, "unpublished_reason", obj.unpublished_reason, reason,
                      admin.email)
    obj.published = published
    obj.unpublished_reason = None if published else reason
    session.flush()


def unpublish_service(service: Service, reason: str, admin) -> None:
    """Hide ``service`` from the public, recording why."""
    _set_published(service, "service", False, reason, admin)


def publish_service(service: Service, admin) -> None:
    """Show ``service`` to the public again."""
    _set_published(service, "service", True, None, admin)


def unpublish_organization(organization: Organization, reason: str, admin) -> None:
    """Hide ``organization`` and every service of it from the public, recording why."""
    _set_published(organization, "organization", False, reason, admin)


def publish_organization(organization: Organization, admin) -> None:
    """Show ``organization`` (and its published services) to the public again."""
    _set_published(organization, "organization", True, None, admin)
