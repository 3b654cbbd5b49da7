"""Writing audit rows. Call :func:`record` in the same transaction as the read or write."""

from __future__ import annotations

from flask_login import current_user

from directory.audit.models import AuditEvent
from directory.database import session

ACTIONS = ("read", "create", "update", "delete", "export")


def record(action: str, obj=None, *, object_type: str | None = None, object_id: str | None = None,
           client_id: str | None = None, detail: str | None = None, user=None) -> AuditEvent:
    """Add an audit row for ``action`` on ``obj`` by ``user`` (the signed-in user by default).

    ``client_id`` defaults to ``obj.client_id`` (or ``obj.id`` for a client). ``detail`` must not
    carry client data: use ids, statuses and field names.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}")
    if user is None and current_user and getattr(current_user, "is_authenticated", False):
        user = current_user
    if obj is not None:
        object_type = object_type or type(obj).__name__.lower()
        object_id = object_id or getattr(obj, "id", None)
        if client_id is None:
            client_id = getattr(obj, "client_id", None)
            if client_id is None and object_type == "client":
                client_id = object_id
    event = AuditEvent(
        user_id=getattr(user, "id", None),
        user_email=getattr(user, "email", None),
        action=action,
        object_type=object_type or "unknown",
        object_id=object_id,
        client_id=client_id,
        detail=(detail or None) and detail[:255],
    )
    session.add(event)
    return event
