"""A listing's history (HSDS ``metadata`` rows) and reverting a field to an earlier value."""

from __future__ import annotations

from sqlalchemy import or_, select

from directory.catalog.models import Location, MetadataRecord, Organization, Service
from directory.database import session
from directory.editing.changes import apply_field, touch
from directory.editing.fields import FIELDS, MODELS
from directory.errors import DirectoryError


class CannotRevert(DirectoryError):
    """The row cannot be turned back (a creation, a field we do not edit, a gone record)."""


def organization_history(organization: Organization, limit: int = 300) -> list[MetadataRecord]:
    """Changes to the organization, its services and its locations, newest first."""
    service_ids = select(Service.id).where(Service.organization_id == organization.id)
    location_ids = select(Location.id).where(Location.organization_id == organization.id)
    return list(session.execute(
        select(MetadataRecord).where(or_(
            (MetadataRecord.resource_type == "organization")
            & (MetadataRecord.resource_id == organization.id),
            (MetadataRecord.resource_type == "service")
            & MetadataRecord.resource_id.in_(service_ids),
            (MetadataRecord.resource_type == "location")
            & MetadataRecord.resource_id.in_(location_ids),
        )).order_by(MetadataRecord.last_action_date.desc(), MetadataRecord.id).limit(limit)
    ).scalars())


def record_target(record: MetadataRecord):
    """The record a history row is about, or None when gone or not an editable kind."""
    model = MODELS.get(record.resource_type)
    return session.get(model, record.resource_id) if model is not None else None


def organization_id_of_record(record: MetadataRecord) -> str | None:
    """The organization a history row belongs to (for the redirect after a revert)."""
    target = record_target(record)
    if target is None:
        return None
    return target.id if isinstance(target, Organization) else target.organization_id


def is_revertible(record: MetadataRecord) -> bool:
    """Whether the row's earlier value can be put back."""
    return (record.last_action_type in ("update", "revert")
            and record.field_name in FIELDS.get(record.resource_type, {}))


def revert(record: MetadataRecord, admin) -> None:
    """Put the field back to the value it had before this change (a new ``revert`` row)."""
    if not is_revertible(record):
        raise CannotRevert(record.id)
    target = record_target(record)
    if target is None:
        raise CannotRevert(record.id)
    editable = FIELDS[record.resource_type][record.field_name]
    try:
        value = editable.load(record.previous_value)
    except ValueError as error:
        raise CannotRevert(record.id) from error
    apply_field(target, editable, value, admin.email, action="revert")
    touch(target)
    session.flush()
