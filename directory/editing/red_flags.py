"""Warnings for reviewers: signs that a proposed phone number would take callers elsewhere.

Hijacked listings in this field usually swap an agency's number for a call centre's: a toll-free
or premium line, or a number from another state. A warning is a prompt to call and check, not a
refusal (agencies do move, and some run statewide lines).
"""

from __future__ import annotations

import json

import phonenumbers
from flask_babel import gettext as _
from phonenumbers import PhoneNumberType, geocoder

from directory.catalog.models import Location, Organization, Service
from directory.editing.models import PendingChange
from directory.geo.names import STATE_LOOKUP, STATES

#: Line types call-centre "helplines" use to reroute callers.
REROUTING_TYPES = (PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE,
                   PhoneNumberType.SHARED_COST, PhoneNumberType.UAN)


def _numbers(text: str | None) -> set[str]:
    try:
        rows = json.loads(text) if text else []
    except ValueError:
        return set()
    return {row.get("number") for row in rows if isinstance(row, dict) and row.get("number")}


def listing_states(target) -> set[str]:
    """Two-letter states of the places a listing is offered at."""
    if isinstance(target, Location):
        locations = [target]
    elif isinstance(target, Service):
        locations = [sal.location for sal in target.service_at_locations]
    elif isinstance(target, Organization):
        locations = list(target.locations)
    else:
        locations = []
    states = set()
    for location in locations:
        for address in location.addresses:
            code = STATE_LOOKUP.get((address.state_province or "").strip().lower())
            if code:
                states.add(code)
    return states


def _state_of(number: phonenumbers.PhoneNumber) -> str | None:
    """The US state an area code belongs to ("Chicago, IL" → IL, "New Mexico" → NM)."""
    place = geocoder.description_for_number(number, "en")
    if not place:
        return None
    last = place.rsplit(",", 1)[-1].strip()
    return STATE_LOOKUP.get(last.lower())


def phone_warnings(change: PendingChange, target) -> list[str]:
    """Warnings about the numbers a pending phone change adds (empty for other fields)."""
    if change.field_name != "phones":
        return []
    added = _numbers(change.proposed_value) - _numbers(change.previous_value)
    states = listing_states(target) if target is not None else set()
    warnings = []
    for text in sorted(added):
        try:
            number = phonenumbers.parse(text, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.number_type(number) in REROUTING_TYPES:
            warnings.append(_(
                "%(number)s is a toll-free or premium line. Lead-generation call centres use "
                "these to take callers away from local services: call it and check it reaches "
                "this agency.", number=text))
            continue
        state = _state_of(number)
        if state and states and state not in states:
            warnings.append(_(
                "%(number)s has an area code from %(number_state)s, but the listing is in "
                "%(listing_states)s. Call it and check it reaches this agency.",
                number=text, number_state=STATES[state],
                listing_states=", ".join(STATES[code] for code in sorted(states))))
    return warnings
