"""The review queue: approving or rejecting changes agency staff proposed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.accounts.models import User
from directory.catalog.models import Organization
from directory.clock import utc_now
from directory.database import session
from directory.editing.changes import apply_field, build_location, touch
from directory.editing.fields import MODELS, decode, field_for
from directory.editing.models import PendingChange
from directory.errors import DirectoryError


class AlreadyDecided(DirectoryError):
    """The change was approved, rejected or superseded already."""


class ListingGone(DirectoryError):
    """The record the change was for no longer exists."""


class LiveValueChanged(DirectoryError):
    """The live value moved since the change was proposed; ``live`` holds it now."""

    def __init__(self, live: Any) -> None:
        super().__init__("live value changed")
        self.live = live


@dataclass
class ListingChanges:
    """The pending changes of one listing (one record), for the queue."""

    resource_type: str
    resource_id: str
    label: str
    organization: Organization
    changes: list[PendingChange]


def target_of(change: PendingChange):
    """The record a change is for (None for a location still to be created, or a gone one)."""
    return session.get(MODELS[change.resource_type], change.resource_id)


def label_of(change: PendingChange) -> str:
    """The name of the listing a change is about."""
    target = target_of(change)
    if target is not None:
        return target.name or ""
    proposed = decode(change.proposed_value) or {}
    return (proposed.get("values") or proposed).get("name") or ""


def queue() -> list[ListingChanges]:
    """Pending changes grouped by listing, oldest first."""
    rows = session.execute(
        select(PendingChange).where(PendingChange.status == "pending")
        .options(selectinload(PendingChange.organization),
                 selectinload(PendingChange.submitted_by))
        .order_by(PendingChange.submitted_at, PendingChange.id)
    ).scalars().all()
    groups: dict[tuple[str, str], ListingChanges] = {}
    for row in rows:
        key = (row.resource_type, row.resource_id)
        if key not in groups:
            groups[key] = ListingChanges(row.resource_type, row.resource_id, label_of(row),
                                         row.organization, [])
        groups[key].changes.append(row)
    return list(groups.values())


def organization_changes(organization_id: str, limit: int = 200) -> list[PendingChange]:
    """An organization's proposed changes, newest first (its staff see where each stands)."""
    return list(session.execute(
        select(PendingChange).where(PendingChange.organization_id == organization_id)
        .order_by(PendingChange.submitted_at.desc(), PendingChange.id).limit(limit)
    ).scalars())


def _author_email(change: PendingChange, reviewer: User) -> str:
    submitter = change.submitted_by
    return submitter.email if submitter is not None else reviewer.email


def _close(change: PendingChange, status: str, reviewer: User, note: str | None) -> None:
    change.status = status
    change.reviewed_by_id = reviewer.id
    change.reviewed_at = utc_now()
    change.review_note = (note or "").strip() or None


def approve(change: PendingChange, reviewer: User, note: str | None = None,
            override: bool = False) -> None:
    """Apply the proposed value. When the live value changed since the proposal, refuse with
    :class:`LiveValueChanged` unless ``override`` (the reviewer saw it and approves anyway)."""
    if change.status != "pending":
        raise AlreadyDecided(change.id)
    author = _author_email(change, reviewer)
    proposed = decode(change.proposed_value)
    if change.is_creation and change.resource_type == "location":
        organization = session.get(Organization, change.organization_id)
        build_location(change.resource_id, organization, proposed["values"], author,
                       proposed.get("time_zone"))
    else:
        target = target_of(change)
        if target is None:
            raise ListingGone(change.resource_id)
        if change.is_creation:
            target.published = True
            target.unpublished_reason = None
            touch(target)
        else:
            editable = field_for(change.resource_type, change.field_name)
            live = editable.get(target)
            if live != decode(change.previous_value) and not override:
                raise LiveValueChanged(live)
            apply_field(target, editable, proposed, author)
            touch(target)
    _close(change, "approved", reviewer, note)
    session.flush()


def reject(change: PendingChange, reviewer: User, note: str | None = None) -> None:
    """Refuse the change; the live value stays. A refused new service stays unpublished."""
    if change.status != "pending":
        raise AlreadyDecided(change.id)
    _close(change, "rejected", reviewer, note)
    session.flush()
