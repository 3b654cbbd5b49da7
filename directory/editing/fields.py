"""What may be edited on each kind of record, read and written as JSON-ready values.

A field's *value* is what the forms produce and what pending changes and history rows keep:
text, numbers, booleans, ISO dates, or small lists/dicts for composite fields (phones, the
address, hours, languages, categories...). Reading a field gives the live value in the same
normalised form the forms produce, so an untouched field never looks changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from directory.catalog.hours import WEEKDAYS, parse_time, schedule_days
from directory.catalog.listings import CATEGORY_TAXONOMY_NAME
from directory.catalog.models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.database import session
from directory.editing.values import (
    InvalidValue,
    normalize_email,
    normalize_phone,
    normalize_url,
)

TEXT, INT, BOOL, DATE, JSON = "text", "int", "bool", "date", "json"

#: Resource type names (HSDS table names, as ``metadata.resource_type`` spells them).
MODELS: dict[str, type] = {"organization": Organization, "service": Service,
                           "location": Location}


@dataclass(frozen=True)
class EditableField:
    """One editable field: how to read and write it, and whether agency edits wait for review."""

    name: str
    label: Any
    kind: str = TEXT
    sensitive: bool = False
    getter: Callable[[Any], Any] | None = None
    setter: Callable[[Any, Any], None] | None = None

    def get(self, obj) -> Any:
        """The live value, normalised like a form would give it."""
        if self.getter is not None:
            return self.getter(obj)
        value = getattr(obj, self.name)
        if isinstance(value, date):
            return value.isoformat()
        return value

    def set(self, obj, value) -> None:
        """Write ``value`` (a JSON-ready value) to ``obj``."""
        if self.setter is not None:
            self.setter(obj, value)
            return
        if self.kind == DATE:
            value = date.fromisoformat(value) if value else None
        setattr(obj, self.name, value)

    # --- as text, for HSDS metadata rows (plain text for scalars, JSON for composites) ---

    def dump(self, value) -> str:
        """``value`` as the text of a ``metadata.previous_value``/``replacement_value``."""
        if value is None:
            return ""
        if self.kind == BOOL:
            return "true" if value else "false"
        if self.kind == JSON:
            return json.dumps(value, sort_keys=True, ensure_ascii=False)
        return str(value)

    def load(self, text: str | None) -> Any:
        """The value a metadata text stands for (the reverse of :meth:`dump`)."""
        if text is None or text == "":
            return [] if self.kind == JSON else None
        if self.kind == INT:
            return int(text)
        if self.kind == BOOL:
            return text.strip().lower() in ("true", "1", "yes")
        if self.kind == JSON:
            return json.loads(text)
        return text


def encode(value) -> str:
    """A value as the JSON text pending changes keep."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def decode(text: str | None):
    """The value a pending change's JSON text holds."""
    return json.loads(text) if text else None


def _quietly(normalise: Callable[[str], str]) -> Callable[[str | None], str | None]:
    """Normalise a stored value for comparison, keeping it as it is when it does not parse."""

    def apply(value: str | None) -> str | None:
        if not value:
            return None
        try:
            return normalise(value)
        except InvalidValue:
            return value

    return apply


canonical_email = _quietly(normalize_email)
canonical_url = _quietly(normalize_url)
canonical_phone = _quietly(normalize_phone)


# ---- phones ----------------------------------------------------------------------------


def get_phones(obj) -> list[dict]:
    return [{"number": canonical_phone(phone.number), "extension": phone.extension,
             "type": phone.type or "voice"} for phone in obj.phones]


def set_phones(obj, value: list[dict]) -> None:
    """Replace the phone lines, keeping rows (and their ids) whose number stays."""
    existing = {canonical_phone(phone.number): phone for phone in obj.phones}
    phones = []
    for entry in value or []:
        phone = existing.pop(entry["number"], None) or Phone()
        phone.number = entry["number"]
        phone.extension = entry.get("extension")
        phone.type = entry.get("type") or "voice"
        phones.append(phone)
    obj.phones = phones


# ---- service details -------------------------------------------------------------------


def get_languages(service: Service) -> list[str]:
    return sorted({language.code for language in service.languages if language.code})


def set_languages(service: Service, codes: list[str]) -> None:
    from directory.editing.choices import language_name

    keep = {language.code: language for language in service.languages if language.code}
    service.languages = [keep.get(code) or Language(code=code, name=language_name(code))
                         for code in sorted(set(codes or []))]


def get_cost_options(service: Service) -> list[dict]:
    return [{"option": option.option or "", "amount": option.amount,
             "currency": option.currency or "USD"} for option in service.cost_options]


def set_cost_options(service: Service, value: list[dict]) -> None:
    service.cost_options = [
        CostOption(option=entry.get("option") or None, amount=entry.get("amount"),
                   currency=entry.get("currency") or "USD")
        for entry in value or []
    ]


def category_term_ids() -> set[str]:
    """Ids of the terms of the browsing categories' taxonomy."""
    return set(session.execute(
        select(TaxonomyTerm.id).where(TaxonomyTerm.taxonomy == CATEGORY_TAXONOMY_NAME)
    ).scalars())


def get_categories(service: Service) -> list[str]:
    categories = category_term_ids()
    return sorted({a.taxonomy_term_id for a in service.attributes
                   if a.taxonomy_term_id in categories})


def set_categories(service: Service, term_ids: list[str]) -> None:
    """Tag the service with exactly these category terms; tags of other taxonomies stay."""
    categories, wanted = category_term_ids(), set(term_ids or [])
    kept = [a for a in service.attributes
            if a.taxonomy_term_id not in categories or a.taxonomy_term_id in wanted]
    present = {a.taxonomy_term_id for a in kept}
    kept.extend(Attribute(taxonomy_term_id=term_id, link_entity="service")
                for term_id in sorted(wanted - present))
    service.attributes = kept


def get_location_ids(service: Service) -> list[str]:
    return sorted(sal.location_id for sal in service.service_at_locations)


def set_location_ids(service: Service, location_ids: list[str]) -> None:
    """Offer the service at exactly these locations; a new place gets the service's hours."""
    hours = get_hours(service)
    wanted = set(location_ids or [])
    service.service_at_locations = [
        sal for sal in service.service_at_locations if sal.location_id in wanted
    ]
    present = {sal.location_id for sal in service.service_at_locations}
    for location_id in sorted(wanted - present):
        sal = ServiceAtLocation(location_id=location_id)
        sal.location = session.get(Location, location_id)
        service.service_at_locations.append(sal)
    if hours["weekly"] or hours["closures"]:
        _write_hours(service, hours)


# ---- hours -----------------------------------------------------------------------------
# Weekly hours are one WEEKLY schedule row per day and opening (HSDS RFC 5545 style). A
# holiday closure is a schedule row with ``valid_from``/``valid_to`` (the dates closed), no
# opening times and a description saying "Closed": the weekly table ignores rows without
# times, and the public page lists schedule descriptions under the hours.

CLOSED_PREFIX = "Closed"


def _hours_source(service: Service) -> list[Schedule]:
    for sal in service.service_at_locations:
        if sal.schedules:
            return sal.schedules
    return service.schedules


def get_hours(service: Service) -> dict:
    weekly: dict[str, list[list[str]]] = {}
    closures = []
    for schedule in _hours_source(service):
        opens, closes = parse_time(schedule.opens_at), parse_time(schedule.closes_at)
        if opens is not None and closes is not None and (schedule.freq or "WEEKLY").upper() \
                == "WEEKLY":
            for day in schedule_days(schedule):
                weekly.setdefault(day, []).append([f"{opens:%H:%M}", f"{closes:%H:%M}"])
        elif schedule.valid_from and opens is None:
            closures.append({"from": schedule.valid_from,
                             "to": schedule.valid_to or schedule.valid_from,
                             "note": schedule.notes or ""})
    zones = sorted({loc.time_zone for loc in service.locations if loc.time_zone})
    return {
        "time_zone": zones[0] if zones else None,
        "weekly": {day: sorted(weekly[day]) for day in WEEKDAYS if day in weekly},
        "closures": sorted(closures, key=lambda c: (c["from"], c["to"])),
    }


def _schedules_for(hours: dict) -> list[Schedule]:
    rows = []
    for day in WEEKDAYS:
        for opens, closes in hours.get("weekly", {}).get(day, []):
            rows.append(Schedule(freq="WEEKLY", wkst="MO", byday=day, opens_at=opens,
                                 closes_at=closes))
    for closure in hours.get("closures", []):
        start, end = closure["from"], closure.get("to") or closure["from"]
        span = start if start == end else f"{start} – {end}"
        note = closure.get("note") or ""
        description = f"{CLOSED_PREFIX} {span}" + (f": {note}" if note else "")
        rows.append(Schedule(valid_from=start, valid_to=end, description=description,
                             notes=note or None))
    return rows


def _write_hours(service: Service, hours: dict) -> None:
    if service.service_at_locations:
        for sal in service.service_at_locations:
            sal.schedules = _schedules_for(hours)
        service.schedules = []
    else:
        service.schedules = _schedules_for(hours)


def set_hours(service: Service, hours: dict) -> None:
    """Write the hours at every place the service is offered, and the places' time zone."""
    _write_hours(service, hours)
    if hours.get("time_zone"):
        for location in service.locations:
            location.time_zone = hours["time_zone"]


# ---- locations ------------------------------------------------------------------------

ADDRESS_KEYS = ("address_1", "address_2", "city", "state_province", "postal_code", "country")


def get_address(location: Location) -> dict:
    address = location.physical_address
    value = {key: (getattr(address, key) if address is not None else None) or ""
             for key in ADDRESS_KEYS}
    value["latitude"] = location.latitude
    value["longitude"] = location.longitude
    value["approximate"] = bool(location.approximate)
    return value


def set_address(location: Location, value: dict) -> None:
    address = location.physical_address
    if address is None:
        address = Address(address_type="physical")
        location.addresses.append(address)
    for key in ADDRESS_KEYS:
        setattr(address, key, value.get(key) or (None if key == "address_2" else ""))
    address.country = (value.get("country") or "US").upper()
    location.latitude, location.longitude = value.get("latitude"), value.get("longitude")
    location.approximate = bool(value.get("approximate"))


def get_accessibility(location: Location) -> list[str]:
    return sorted(item.description for item in location.accessibility if item.description)


def set_accessibility(location: Location, value: list[str]) -> None:
    keep = {item.description: item for item in location.accessibility}
    location.accessibility = [keep.get(text) or Accessibility(description=text)
                              for text in sorted(set(value or []))]


# ---- the registry ------------------------------------------------------------------------


def _fields(*items: EditableField) -> dict[str, EditableField]:
    return {item.name: item for item in items}


def _email_field(label) -> EditableField:
    return EditableField("email", label, sensitive=True,
                         getter=lambda obj: canonical_email(obj.email))


PHONES = EditableField("phones", _l("Phone numbers"), JSON, True, get_phones, set_phones)

FIELDS: dict[str, dict[str, EditableField]] = {
    "organization": _fields(
        EditableField("name", _l("Name")),
        EditableField("alternate_name", _l("Other name")),
        EditableField("description", _l("Description")),
        _email_field(_l("Email")),
        EditableField("website", _l("Website"), sensitive=True,
                      getter=lambda obj: canonical_url(obj.website)),
        PHONES,
        EditableField("referral_response_days", _l("Days to answer a referral"), INT),
    ),
    "service": _fields(
        EditableField("name", _l("Name")),
        EditableField("alternate_name", _l("Other name")),
        EditableField("description", _l("Description")),
        EditableField("status", _l("Status")),
        _email_field(_l("Email")),
        EditableField("url", _l("Website"), sensitive=True,
                      getter=lambda obj: canonical_url(obj.url)),
        PHONES,
        EditableField("application_process", _l("How to start")),
        EditableField("accepting_new_clients", _l("Accepting new clients"), BOOL),
        EditableField("minimum_age", _l("Minimum age"), INT),
        EditableField("maximum_age", _l("Maximum age"), INT),
        EditableField("gender_eligibility", _l("Gender")),
        EditableField("eligibility_description", _l("Eligibility")),
        EditableField("languages", _l("Languages"), JSON, False, get_languages, set_languages),
        EditableField("free_of_charge", _l("Free of charge"), BOOL),
        EditableField("sliding_scale", _l("Sliding scale"), BOOL),
        EditableField("accepts_medicaid", _l("Accepts Medicaid"), BOOL),
        EditableField("accepts_medicare", _l("Accepts Medicare"), BOOL),
        EditableField("accepts_private_insurance", _l("Accepts private insurance"), BOOL),
        EditableField("fees_description", _l("Fees")),
        EditableField("cost_options", _l("Prices"), JSON, False, get_cost_options,
                      set_cost_options),
        EditableField("categories", _l("Categories"), JSON, False, get_categories,
                      set_categories),
        EditableField("locations", _l("Locations"), JSON, False, get_location_ids,
                      set_location_ids),
        EditableField("beds_total", _l("Beds in total"), INT),
        EditableField("beds_available", _l("Beds available"), INT),
        EditableField("allows_mat", _l("Medication for opioid use disorder welcome"), BOOL),
        EditableField("waitlist_status", _l("Waiting list")),
        EditableField("narr_level", _l("NARR level"), sensitive=True),
        EditableField("certifier", _l("Certified by"), sensitive=True),
        EditableField("certificate_id", _l("Certificate number"), sensitive=True),
        EditableField("certification_expires", _l("Certification expires"), DATE,
                      sensitive=True),
        EditableField("hours", _l("Opening hours"), JSON, False, get_hours, set_hours),
    ),
    "location": _fields(
        EditableField("name", _l("Name")),
        EditableField("description", _l("Description")),
        EditableField("transportation", _l("Getting there")),
        EditableField("address", _l("Address"), JSON, True, get_address, set_address),
        PHONES,
        EditableField("accessibility", _l("Accessibility"), JSON, False, get_accessibility,
                      set_accessibility),
    ),
}


def field_for(resource_type: str, name: str) -> EditableField:
    """The editable field ``name`` of ``resource_type`` (KeyError when there is none)."""
    return FIELDS[resource_type][name]


def resource_type_of(obj) -> str:
    """``organization``, ``service`` or ``location``."""
    for name, model in MODELS.items():
        if isinstance(obj, model):
            return name
    raise TypeError(f"{type(obj).__name__} is not editable")


def organization_id_of(obj) -> str:
    """The organization a record belongs to."""
    return obj.id if isinstance(obj, Organization) else obj.organization_id
