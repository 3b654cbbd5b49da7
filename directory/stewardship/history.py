"""HSDS ``metadata`` rows for stewardship actions (verification, publication, merges).

Field edits made through the edit forms write their rows in ``directory.editing.changes``; the
rows written here use the same text forms (``true``/``false``, ISO dates, empty for None).
"""

from __future__ import annotations

from datetime import date, datetime

from directory.catalog.models import MetadataRecord
from directory.clock import utc_now
from directory.database import session


def as_text(value) -> str:
    """A value as metadata text: empty for None, ``true``/``false``, ISO dates, else ``str``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def record_change(resource_type: str, resource_id: str, field_name: str, previous, replacement,
                  updated_by: str, action: str = "update") -> MetadataRecord:
    """Add one history row: ``updated_by`` changed ``field_name`` from ``previous`` to
    ``replacement`` on the record (in the caller's transaction)."""
    record = MetadataRecord(
        resource_id=resource_id,
        resource_type=resource_type,
        last_action_date=utc_now(),
        last_action_type=action,
        field_name=field_name,
        previous_value=as_text(previous),
        replacement_value=as_text(replacement),
        updated_by=updated_by,
    )
    session.add(record)
    return record


def set_and_record(obj, resource_type: str, field_name: str, value, updated_by: str,
                   action: str = "update") -> bool:
    """Set ``obj.field_name = value`` and write a history row, when the value changes.
    Returns whether it changed."""
    previous = getattr(obj, field_name)
    if previous == value:
        return False
    setattr(obj, field_name, value)
    record_change(resource_type, obj.id, field_name, previous, value, updated_by, action)
    return True
