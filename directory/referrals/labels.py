"""Words shown for statuses, reasons and choices (translatable), and badge tones."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "draft": _l("Draft"),
    "sent": _l("Sent"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "in_progress": _l("In progress"),
    "completed": _l("Completed"),
    "not_completed": _l("Not completed"),
    "cancelled": _l("Cancelled"),
}

#: Badge tone per status (``status_badge`` macro).
STATUS_TONES = {
    "draft": "muted", "sent": "info", "accepted": "ok", "in_progress": "ok",
    "completed": "ok", "declined": "warning", "not_completed": "warning", "cancelled": "muted",
}

REASON_LABELS = {
    "no_capacity": _l("No capacity or waitlist full"),
    "not_eligible": _l("Client not eligible"),
    "could_not_contact": _l("Could not contact the client"),
    "client_declined": _l("Client declined the service"),
    "other": _l("Other (describe)"),
}

CONTACT_LABELS = {
    "phone": _l("Phone call"),
    "text": _l("Text message"),
    "email": _l("Email"),
    "in_person": _l("In person"),
}

CONSENT_STATUS_LABELS = {
    "valid": _l("Valid"),
    "revoked": _l("Revoked"),
    "expired": _l("Expired"),
    "pending": _l("Not yet in effect"),
}

#: Preferred languages offered in the client form (BCP 47 codes); others can be typed.
LANGUAGES = (
    ("en", _l("English")), ("es", _l("Spanish")), ("zh", _l("Chinese")),
    ("vi", _l("Vietnamese")), ("ar", _l("Arabic")), ("ru", _l("Russian")),
    ("ko", _l("Korean")), ("ht", _l("Haitian Creole")), ("fr", _l("French")),
    ("pt", _l("Portuguese")), ("tl", _l("Tagalog")), ("asl", _l("American Sign Language")),
)


def status_label(status: str) -> str:
    """The translated word for ``status``."""
    return str(STATUS_LABELS.get(status, status))
