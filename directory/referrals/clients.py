"""Creating and updating clients: the minimum personal data a coordinator needs.

Phone numbers are checked with ``phonenumbers`` and stored in E.164 (``+15035550142``); email
addresses with ``email_validator`` (syntax only: no DNS look-up while a coordinator waits).
"""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from directory.audit.service import record
from directory.database import session
from directory.referrals.errors import InvalidData
from directory.referrals.models import CONTACT_METHODS, Client

#: Region assumed for phone numbers written without a country code.
DEFAULT_PHONE_REGION = "US"
#: Fields a coordinator may set on a client.
CLIENT_FIELDS = ("display_name", "preferred_contact", "preferred_language", "phone", "email")


def normalise_phone(value: str | None) -> str | None:
    """``value`` as an E.164 number, None when blank; :class:`InvalidData` when not a number."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidData(_l("Enter a valid phone number, such as 503-555-0142."), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: str | None) -> str | None:
    """``value`` normalised, None when blank; :class:`InvalidData` when not an address."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidData(_l("Enter a valid email address, such as name@example.org."),
                          field="email") from None


def _clean(values: dict) -> dict:
    unknown = set(values) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown client fields: {sorted(unknown)}")
    cleaned = dict(values)
    if "display_name" in cleaned:
        name = (cleaned["display_name"] or "").strip()
        if not name:
            raise InvalidData(_l("Enter the client's name or initials."), field="display_name")
        cleaned["display_name"] = name[:120]
    if cleaned.get("preferred_contact") in ("", None):
        cleaned["preferred_contact"] = None
    elif cleaned["preferred_contact"] not in CONTACT_METHODS:
        raise InvalidData(_l("Choose how the client prefers to be contacted."),
                          field="preferred_contact")
    if "preferred_language" in cleaned:
        cleaned["preferred_language"] = (cleaned["preferred_language"] or "").strip()[:35] or None
    if "phone" in cleaned:
        cleaned["phone"] = normalise_phone(cleaned["phone"])
    if "email" in cleaned:
        cleaned["email"] = normalise_email(cleaned["email"])
    return cleaned


def _check_reachable(client: Client) -> None:
    # A preferred method the coordinator has no details for would leave the agency stuck.
    if client.preferred_contact in ("phone", "text") and not client.phone:
        raise InvalidData(_l("Add a phone number, or choose another way to contact the client."),
                          field="phone")
    if client.preferred_contact == "email" and not client.email:
        raise InvalidData(_l("Add an email address, or choose another way to contact the "
                             "client."), field="email")


def create_client(user, **values) -> Client:
    """Create a client owned by ``user`` (the coordinator); flushes and audits."""
    cleaned = _clean({"display_name": values.pop("display_name", None), **values})
    client = Client(created_by_id=user.id, **cleaned)
    _check_reachable(client)
    session.add(client)
    session.flush()
    record("create", client, detail="client created", user=user)
    return client


def update_client(client: Client, user, **values) -> Client:
    """Change a client's details; audits the names of the fields that changed (not values)."""
    cleaned = _clean(values)
    changed = sorted(name for name, value in cleaned.items() if getattr(client, name) != value)
    for name in changed:
        setattr(client, name, cleaned[name])
    _check_reachable(client)
    session.flush()
    if changed:
        record("update", client, detail="changed " + ", ".join(changed), user=user)
    return client
