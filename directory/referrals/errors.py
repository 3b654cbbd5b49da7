"""Errors the referral services raise on purpose; views turn them into messages or HTTP codes."""

from __future__ import annotations

from directory.errors import DirectoryError


class ReferralError(DirectoryError):
    """Base of the referral, consent and client errors. ``message`` is safe to show (no
    client data)."""

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: The form field the problem belongs to, when there is one.
        self.field = field


class InvalidData(ReferralError):
    """A value given for a client, consent or note is not acceptable."""


class IllegalTransition(ReferralError):
    """The referral's current status does not lead to the requested one."""


class TransitionNotAllowed(ReferralError):
    """The transition exists, but this user's side (coordinator, agency) may not take it."""


class ReasonRequired(ReferralError):
    """Declining or closing as not completed needs a reason code (and text for "other")."""


class ConsentRequired(ReferralError):
    """Sending needs a valid consent naming the receiving organization."""


class ReferralChanged(ReferralError):
    """Someone else changed the referral since this user loaded it (optimistic locking)."""
