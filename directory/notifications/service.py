"""Queueing email. Delivery is ``flask directory send-mail`` (``notifications.delivery``)."""

from __future__ import annotations

from directory.database import session
from directory.notifications.models import OutboxMessage


def enqueue(kind: str, to_address: str, subject: str, body: str, *,
            subject_type: str | None = None, subject_id: str | None = None) -> OutboxMessage:
    """Add a message to the outbox in the caller's transaction (sent only if it commits).

    The body must carry no client names or details: a link to the signed-in page instead.
    """
    message = OutboxMessage(kind=kind, to_address=to_address, subject=subject, body=body,
                            subject_type=subject_type, subject_id=subject_id)
    session.add(message)
    return message
