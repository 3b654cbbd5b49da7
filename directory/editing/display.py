"""Field values as people read them, for the review diff, the history and flash messages."""

from __future__ import annotations

from flask_babel import gettext as _

from directory.catalog.hours import DAY_NAMES, WEEKDAYS
from directory.catalog.models import Location, TaxonomyTerm
from directory.database import session
from directory.editing.choices import language_name
from directory.editing.fields import BOOL, JSON, EditableField
from directory.editing.values import display_phone


def show(editable: EditableField, value) -> list[str]:
    """Lines describing ``value`` of ``editable`` (an empty value is "(none)")."""
    if value in (None, "", [], {}):
        return [_("(none)")]
    if editable.kind == BOOL:
        return [_("Yes") if value else _("No")]
    if editable.kind != JSON:
        return [str(value)]
    describe = DESCRIBERS.get(editable.name)
    return describe(value) if describe else [str(value)]


def _phones(value) -> list[str]:
    lines = []
    for phone in value:
        text = display_phone(phone.get("number"))
        if phone.get("extension"):
            text += " " + _("ext. %(number)s", number=phone["extension"])
        if phone.get("type") and phone["type"] != "voice":
            text += f" ({phone['type']})"
        lines.append(text)
    return lines


def _address(value) -> list[str]:
    street = ", ".join(part for part in (value.get("address_1"), value.get("address_2")) if part)
    lines = [street, f"{value.get('city')}, {value.get('state_province')} "
                     f"{value.get('postal_code')}"]
    if value.get("latitude") is not None:
        point = f"{value['latitude']:.5f}, {value['longitude']:.5f}"
        lines.append(_("Map pin %(point)s (approximate)", point=point) if value.get("approximate")
                     else _("Map pin %(point)s", point=point))
    return lines


def _hours(value) -> list[str]:
    lines = []
    for day in WEEKDAYS:
        ranges = value.get("weekly", {}).get(day)
        if ranges:
            lines.append(f"{DAY_NAMES[day]}: " + ", ".join(f"{o}–{c}" for o, c in ranges))
    for closure in value.get("closures", []):
        span = closure["from"] if closure["from"] == closure["to"] \
            else f"{closure['from']} – {closure['to']}"
        lines.append(_("Closed %(dates)s", dates=span)
                     + (f" ({closure['note']})" if closure.get("note") else ""))
    if value.get("time_zone"):
        lines.append(_("Time zone: %(zone)s", zone=value["time_zone"]))
    return lines or [_("(none)")]


def _names(model):
    def describe(ids) -> list[str]:
        names = []
        for identifier in ids:
            obj = session.get(model, identifier)
            names.append(obj.name if obj is not None and obj.name else identifier)
        return [", ".join(names)]

    return describe


def _costs(value) -> list[str]:
    return [(entry.get("option") or _("Price"))
            + (f": ${entry['amount']:.2f}" if entry.get("amount") is not None else "")
            for entry in value]


DESCRIBERS = {
    "phones": _phones,
    "address": _address,
    "hours": _hours,
    "languages": lambda codes: [", ".join(language_name(code) for code in codes)],
    "categories": _names(TaxonomyTerm),
    "locations": _names(Location),
    "accessibility": lambda items: [", ".join(items)],
    "cost_options": _costs,
}


def show_text(editable: EditableField, text: str | None) -> list[str]:
    """Lines describing a history row's text value."""
    try:
        return show(editable, editable.load(text))
    except ValueError:
        return [text or _("(none)")]
