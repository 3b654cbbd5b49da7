"""Applying edits: published at once, or held for review when sensitive and made by agency staff.

The one entry point for the edit pages is :func:`submit_edit`; new records go through
:func:`create_service` / :func:`create_location`. Every applied change writes one HSDS
``metadata`` row per field (:func:`record_history`). Functions flush, never commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from directory.authz import can
from directory.catalog.models import Location, MetadataRecord, Organization, Service
from directory.clock import utc_now
from directory.database import new_id, session
from directory.editing.fields import (
    EditableField,
    encode,
    field_for,
    organization_id_of,
    resource_type_of,
)
from directory.editing.models import CREATE_FIELD, PendingChange
from directory.errors import DirectoryError


class StaleEdit(DirectoryError):
    """Someone changed the record since the form was loaded; ``current`` holds its values now."""

    def __init__(self, current: dict[str, Any], version: str) -> None:
        super().__init__("stale edit")
        self.current = current
        self.version = version


@dataclass
class EditResult:
    """What a save did: fields published at once and fields waiting for review."""

    published: list[EditableField] = field(default_factory=list)
    held: list[EditableField] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.published or self.held)


def reviews_directly(user) -> bool:
    """Whether ``user``'s edits skip the review queue (admins: they are the reviewers)."""
    return can(user, "change.review")


def current_values(obj, names: Iterable[str]) -> dict[str, Any]:
    """The live values of these fields of ``obj``."""
    kind = resource_type_of(obj)
    return {name: field_for(kind, name).get(obj) for name in names}


def version_token(obj, names: Iterable[str]) -> str:
    """A short fingerprint of the live values of ``names``: a form carries it, and a save whose
    fingerprint no longer matches is refused rather than overwriting someone else's change."""
    values = current_values(obj, sorted(names))
    return hashlib.sha256(encode(values).encode()).hexdigest()[:20]


def pending_changes(obj) -> dict[str, PendingChange]:
    """The changes of ``obj`` waiting for review, by field name."""
    rows = session.execute(
        select(PendingChange).where(
            PendingChange.resource_type == resource_type_of(obj),
            PendingChange.resource_id == obj.id,
            PendingChange.status == "pending",
        ).order_by(PendingChange.submitted_at)
    ).scalars()
    return {row.field_name: row for row in rows}


def submit_edit(obj, proposed: dict[str, Any], user, version: str | None) -> EditResult:
    """Apply the changed fields of ``proposed`` to ``obj``, holding sensitive ones for review
    when ``user`` is not a reviewer. Raises :class:`StaleEdit` when ``version`` is outdated."""
    live_version = version_token(obj, proposed)
    if version is not None and version != live_version:
        raise StaleEdit(current_values(obj, proposed), live_version)
    kind = resource_type_of(obj)
    result = EditResult()
    held_directly = not reviews_directly(user)
    for name, value in proposed.items():
        editable = field_for(kind, name)
        live = editable.get(obj)
        if value == live:
            continue
        if editable.sensitive and held_directly:
            hold(obj, editable, live, value, user)
            result.held.append(editable)
        else:
            apply_field(obj, editable, value, user.email)
            result.published.append(editable)
    if result.published:
        touch(obj)
    session.flush()
    return result


def apply_field(obj, editable: EditableField, value, author_email: str,
                action: str = "update") -> None:
    """Write ``value`` to the field now and record the change in the history."""
    previous = editable.get(obj)
    editable.set(obj, value)
    record_history(obj, editable, previous, value, author_email, action)


def record_history(obj, editable: EditableField, previous, replacement, author_email: str,
                   action: str) -> MetadataRecord:
    """One HSDS ``metadata`` row: who changed which field of which record, from what to what."""
    record = MetadataRecord(
        resource_id=obj.id,
        resource_type=resource_type_of(obj),
        last_action_date=utc_now(),
        last_action_type=action,
        field_name=editable.name,
        previous_value=editable.dump(previous),
        replacement_value=editable.dump(replacement),
        updated_by=author_email,
    )
    session.add(record)
    return record


def hold(obj, editable: EditableField, live, value, user) -> PendingChange:
    """Keep ``value`` aside for review; an earlier proposal for the same field is superseded."""
    for earlier in session.execute(
        select(PendingChange).where(
            PendingChange.resource_type == resource_type_of(obj),
            PendingChange.resource_id == obj.id,
            PendingChange.field_name == editable.name,
            PendingChange.status == "pending",
        )
    ).scalars():
        earlier.status = "superseded"
    change = PendingChange(
        resource_type=resource_type_of(obj), resource_id=obj.id,
        organization_id=organization_id_of(obj), field_name=editable.name,
        previous_value=encode(live), proposed_value=encode(value),
        submitted_by_id=user.id, submitted_at=utc_now(), status="pending",
    )
    session.add(change)
    return change


def touch(obj) -> None:
    """Mark the services a change shows on as modified (HSDS ``last_modified``, API caches)."""
    now = utc_now()
    if isinstance(obj, Service):
        obj.last_modified = now
    elif isinstance(obj, Location):
        for sal in obj.service_at_locations:
            if sal.service is not None:
                sal.service.last_modified = now
    elif isinstance(obj, Organization):
        for service in obj.services:
            service.last_modified = now


# ---- new records ------------------------------------------------------------------------


def _fill_new(obj, values: dict[str, Any], author_email: str) -> None:
    kind = resource_type_of(obj)
    for name, value in values.items():
        editable = field_for(kind, name)
        if value in (None, "", [], {}, False):
            editable.set(obj, value)
            continue
        editable.set(obj, value)
        record_history(obj, editable, None, value, author_email, "create")


def create_service(organization: Organization, values: dict[str, Any], user) -> Service:
    """A new service of ``organization``; agency staff's waits unpublished for an admin."""
    published = reviews_directly(user)
    service = Service(id=new_id(), name=values["name"], status=values.get("status") or "active",
                      published=published, organization=organization,
                      last_modified=utc_now())
    session.add(service)
    _fill_new(service, values, user.email)
    if not published:
        session.add(PendingChange(
            resource_type="service", resource_id=service.id, organization_id=organization.id,
            field_name=CREATE_FIELD, previous_value="null",
            proposed_value=encode({"name": values["name"]}),
            submitted_by_id=user.id, submitted_at=utc_now(), status="pending",
        ))
    session.flush()
    return service


def create_location(organization: Organization, values: dict[str, Any], user,
                    time_zone: str | None = None) -> Location | None:
    """A new location of ``organization``. An admin's is created at once; agency staff's is
    kept whole as a pending change (nothing of it is public) and created on approval."""
    if not reviews_directly(user):
        session.add(PendingChange(
            resource_type="location", resource_id=new_id(), organization_id=organization.id,
            field_name=CREATE_FIELD, previous_value="null",
            proposed_value=encode({"values": values, "time_zone": time_zone}),
            submitted_by_id=user.id, submitted_at=utc_now(), status="pending",
        ))
        session.flush()
        return None
    location = build_location(new_id(), organization, values, user.email, time_zone)
    session.flush()
    return location


def build_location(location_id: str, organization: Organization, values: dict[str, Any],
                   author_email: str, time_zone: str | None) -> Location:
    """Create the location with these values (and its history rows)."""
    location = Location(id=location_id, organization=organization, location_type="physical",
                        name=values.get("name"), time_zone=time_zone)
    session.add(location)
    _fill_new(location, values, author_email)
    return location
