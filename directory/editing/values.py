"""Normalising what people type: phone numbers, email addresses, web addresses, time zones.

Each function returns the value as we store it, or raises :class:`InvalidValue` with a message
for the person who typed it. No function here touches the network.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

DEFAULT_REGION = "US"


class InvalidValue(ValueError):
    """A value that cannot be stored; ``str(error)`` is the message for the person."""


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """A phone number in E.164 (``+15035550142``); national numbers are read as ``region``'s."""
    try:
        number = phonenumbers.parse((text or "").strip(), region)
    except phonenumbers.NumberParseException as error:
        raise InvalidValue(_("This is not a phone number.")) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidValue(_("This phone number is not valid: check the area code and the "
                             "number of digits."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str | None, region: str = DEFAULT_REGION) -> str:
    """A stored number as people write it: national format at home, international abroad."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.region_code_for_number(number) == region
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def normalize_email(text: str) -> str:
    """An email address checked for its form only (no DNS lookup), domain lower-cased."""
    try:
        result = validate_email((text or "").strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidValue(_("This is not a valid email address.")) from error
    return result.normalized


def normalize_url(text: str) -> str:
    """A web address with ``http``/``https`` only; ``https://`` is assumed when left out."""
    text = (text or "").strip()
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):(?!\d)", text)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise InvalidValue(_("Only web addresses starting with http:// or https:// are allowed."))
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidValue(_("Only web addresses starting with http:// or https:// are allowed."))
    host = (parts.hostname or "").lower()
    if "." not in host or " " in text or host.startswith(".") or host.endswith("."):
        raise InvalidValue(_("This is not a valid web address."))
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username or parts.password:
        raise InvalidValue(_("Web addresses with a user name or password are not allowed."))
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def normalize_time_zone(text: str) -> str:
    """An IANA time zone name (``America/Chicago``), as the zone database spells it."""
    name = (text or "").strip()
    if not name or name not in _zone_names():
        raise InvalidValue(_("Choose a time zone from the list (for example America/Chicago)."))
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidValue(_("Unknown time zone.")) from error
    return name


_ZONES: list[str] = []


def _zone_names() -> frozenset[str]:
    return frozenset(zone_choices())


def zone_choices() -> list[str]:
    """Every IANA zone name (sorted), computed once."""
    if not _ZONES:
        _ZONES.extend(sorted(name for name in available_timezones()
                             if "/" in name and not name.startswith(("Etc/", "posix/", "right/"))))
    return _ZONES
