"""Updating a service's availability in one step: beds, intake and waiting list.

Each changed field writes one HSDS ``metadata`` row through the editing history (so the change
shows in the listing's history and can be reverted there); ``availability_updated_at`` records
when the agency last said, even when nothing changed (saying "still 2 beds" is news too).
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.catalog.models import WAITLIST_STATUSES, Service
from directory.clock import utc_now
from directory.database import session
from directory.editing.changes import apply_field
from directory.editing.fields import field_for
from directory.errors import DirectoryError


class InvalidAvailability(DirectoryError):
    """The values do not fit the service (e.g. more beds free than it has)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Availability:
    """What the agency reports. ``beds_available`` is ignored for services without beds."""

    accepting_new_clients: bool | None
    waitlist_status: str | None
    beds_available: int | None = None


def validate(service: Service, availability: Availability) -> None:
    """Raise :class:`InvalidAvailability` when the values do not fit ``service``."""
    if availability.waitlist_status not in (None, *WAITLIST_STATUSES):
        raise InvalidAvailability("waitlist_status", "unknown waiting list status")
    beds = availability.beds_available
    if service.beds_total is not None:
        if beds is None:
            raise InvalidAvailability("beds_available", "beds required")
        if beds < 0 or beds > service.beds_total:
            raise InvalidAvailability("beds_available", "beds out of range")


def update_availability(service: Service, availability: Availability, user) -> list[str]:
    """Apply ``availability`` to ``service``; returns the names of the fields that changed."""
    validate(service, availability)
    values = {
        "accepting_new_clients": availability.accepting_new_clients,
        "waitlist_status": availability.waitlist_status,
    }
    if service.beds_total is not None:
        values["beds_available"] = availability.beds_available
    changed = []
    for name, value in values.items():
        if getattr(service, name) != value:
            apply_field(service, field_for("service", name), value, user.email)
            changed.append(name)
    now = utc_now()
    service.availability_updated_at = now
    if changed:
        service.last_modified = now
    session.flush()
    return changed
