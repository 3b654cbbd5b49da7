"""The API's query parameters: one table read by the parser, the OpenAPI document and the docs page.

Values are checked here and turned into the query objects of :mod:`directory.api.queries`; a bad
value raises :class:`BadParameter`, which the views answer with 400 and the parameter's name.
An empty value (``?search=``) counts as not given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from directory.api.queries import METRES_PER_MILE, ServiceFilters
from directory.errors import DirectoryError
from directory.search.query import (
    COST_CHOICES,
    DELIVERY_CHOICES,
    GENDER_CHOICES,
    INSURANCE_CHOICES,
    MAX_RADIUS_MILES,
    SearchQuery,
)

MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000  # far beyond any catalog; keeps OFFSET a sane integer on every database
#: ``minimal`` items are two short strings: a whole catalog fits in one page.
MINIMAL_PER_PAGE = 10_000
MAX_TEXT = 200
MAX_ID = 64
MAX_VALUES = 20
MAX_AGE = 120
MAX_PROXIMITY_METRES = round(MAX_RADIUS_MILES * METRES_PER_MILE)
FORMATS = ("json", "ndjson")
TRUE_WORDS = ("true", "1", "yes", "on")
FALSE_WORDS = ("false", "0", "no", "off")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_POSTCODE = re.compile(r"(\d{5})(?:-\d{4})?")


class BadParameter(DirectoryError):
    """A query parameter the API cannot use; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class Parameter:
    """One query parameter: how to read it and how to describe it.

    ``kind`` is text, id, integer, number, boolean, datetime, choice or postcode; ``hsds`` is
    False for our profile's extensions.
    """

    name: str
    kind: str
    description: Any  # a lazy string, shown in the reader's language
    hsds: bool = True
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    choices: tuple[str, ...] = ()
    multiple: bool = False
    example: Any = None

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the parameter's value (an array when it takes several)."""
        one: dict[str, Any] = {
            "text": {"type": "string", "maxLength": MAX_TEXT},
            "id": {"type": "string", "maxLength": MAX_ID},
            "integer": {"type": "integer"},
            "number": {"type": "number"},
            "boolean": {"type": "boolean"},
            "datetime": {"type": "string", "format": "date-time"},
            "choice": {"type": "string", "enum": list(self.choices)},
            "postcode": {"type": "string", "pattern": "^[0-9]{5}(-[0-9]{4})?$"},
        }[self.kind]
        if self.minimum is not None:
            one["exclusiveMinimum" if self.exclusive_minimum else "minimum"] = self.minimum
        if self.maximum is not None:
            one["maximum"] = self.maximum
        if self.kind == "text" and self.multiple:
            one["maxLength"] = MAX_ID
        if self.multiple:
            return {"type": "array", "items": one, "maxItems": MAX_VALUES}
        return one

    def parse(self, raw: list[str]) -> Any:
        """The typed value of the request's values for this parameter (None: not given)."""
        if self.multiple:
            values = [part.strip() for value in raw for part in value.split(",")]
            values = list(dict.fromkeys(value for value in values if value))
            if len(values) > MAX_VALUES:
                raise BadParameter(self.name, f"Give at most {MAX_VALUES} values.")
            return tuple(self._one(value) for value in values) or None
        if len(raw) > 1:
            raise BadParameter(self.name, "Give this parameter once.")
        value = raw[0].strip() if raw else ""
        return self._one(value) if value else None

    def _one(self, value: str) -> Any:
        if _CONTROL.search(value):
            raise BadParameter(self.name, "The value contains control characters.")
        reader = getattr(self, f"_read_{self.kind}")
        return reader(value)

    def _read_text(self, value: str) -> str:
        limit = MAX_ID if self.multiple else MAX_TEXT
        if len(value) > limit:
            raise BadParameter(self.name, f"Use at most {limit} characters.")
        return value

    def _read_id(self, value: str) -> str:
        if len(value) > MAX_ID:
            raise BadParameter(self.name, f"Identifiers have at most {MAX_ID} characters.")
        return value

    def _read_integer(self, value: str) -> int:
        if not re.fullmatch(r"[+-]?\d{1,12}", value):
            raise BadParameter(self.name, "Use a whole number.")
        return self._in_range(int(value))

    def _read_number(self, value: str) -> float:
        try:
            number = float(value) if len(value) <= 32 else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise BadParameter(self.name, "Use a number.")
        return self._in_range(number)

    def _in_range(self, number):
        low, high = self.minimum, self.maximum
        too_low = low is not None and (number <= low if self.exclusive_minimum else number < low)
        if too_low or (high is not None and number > high):
            above = "above" if self.exclusive_minimum else "from"
            raise BadParameter(self.name, f"Use a number {above} {_plain(low)} to "
                                          f"{_plain(high)}.")
        return number

    def _read_boolean(self, value: str) -> bool:
        word = value.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise BadParameter(self.name, "Use true or false.")

    def _read_datetime(self, value: str) -> datetime:
        try:
            moment = datetime.fromisoformat(value.upper())
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 moved across UTC
            raise BadParameter(self.name, "Use an ISO 8601 date or date and time, like "
                                          "2024-05-01 or 2024-05-01T09:30:00Z.") from None

    def _read_choice(self, value: str) -> str:
        if value not in self.choices:
            raise BadParameter(self.name, f"Use one of: {', '.join(self.choices)}.")
        return value

    def _read_postcode(self, value: str) -> str:
        match = _POSTCODE.fullmatch(value)
        if match is None:
            raise BadParameter(self.name, "Use a 5-digit US ZIP code (or ZIP+4).")
        return match.group(1)


def _plain(number: float | None) -> str:
    if number is None:
        return "any"
    return str(int(number)) if float(number).is_integer() else str(number)


def _parameters(*items: Parameter) -> dict[str, Parameter]:
    return {item.name: item for item in items}


PARAMETERS = _parameters(
    # -- HSDS 3.0 ---------------------------------------------------------------------------
    Parameter("search", "text", _l(
        "Full-text search: every word must match the service's name, organization, "
        "description, eligibility or categories (a word matches as a prefix, so \"famil\" "
        "finds \"family\")."), example="family"),
    Parameter("page", "integer", _l("Page number, from 1."), minimum=1, maximum=MAX_PAGE,
              example=2),
    Parameter("per_page", "integer", _l(
        "Number of results in a page, from 1 to %(max)d (the default is the site's page "
        "size).", max=MAX_PER_PAGE), minimum=1, maximum=MAX_PER_PAGE, example=50),
    Parameter("format", "choice", _l(
        "json (the default) or ndjson: one JSON object per line, every result, without pages "
        "(page and per_page are then ignored)."), choices=FORMATS, example="ndjson"),
    Parameter("taxonomy_term_id", "id", _l(
        "Only services tagged with this taxonomy term (by id)."), example=None),
    Parameter("taxonomy_id", "id", _l(
        "Only services tagged with any term of this taxonomy (by id).")),
    Parameter("organization_id", "id", _l("Only services of this organization (by id).")),
    Parameter("modified_after", "datetime", _l(
        "Only services whose last_modified is on or after this date and time (ISO 8601; a "
        "time without a zone is UTC)."), example="2024-01-01T00:00:00Z"),
    Parameter("minimal", "boolean", _l(
        "true: each service is only its id and modified_date, and a page holds the whole "
        "catalog unless per_page says otherwise.")),
    Parameter("full", "boolean", _l(
        "true: fully nested objects (every related list) instead of their one-to-one "
        "fields.")),
    Parameter("full_service", "boolean", _l(
        "true: an organization's services are fully nested; otherwise each service is its "
        "one-to-one fields. Implies full nesting of the organization on the list.")),
    Parameter("top_only", "boolean", _l(
        "true: only top-level terms (those that are nobody's child term).")),
    Parameter("parent_id", "id", _l("Only the child terms of this term (by id).")),
    Parameter("postcode", "postcode", _l(
        "A US ZIP code. Alone: places in that ZIP code and services whose service area "
        "covers it. With proximity (or radius): places within that distance of the ZIP "
        "code's centre, nearest first."), example="97209"),
    Parameter("proximity", "number", _l(
        "Distance in metres from the centre of postcode (or from lat/lon): only places "
        "within it, nearest first (up to %(max)d).", max=MAX_PROXIMITY_METRES),
        minimum=0, exclusive_minimum=True, maximum=MAX_PROXIMITY_METRES, example=5000),
    # -- our profile --------------------------------------------------------------------------
    Parameter("lat", "number", _l("Latitude of a point to search around (with lon)."),
              hsds=False, minimum=-90, maximum=90, example=45.5231),
    Parameter("lon", "number", _l("Longitude of a point to search around (with lat)."),
              hsds=False, minimum=-180, maximum=180, example=-122.6765),
    Parameter("radius", "number", _l(
        "Search radius in miles around lat/lon (default 25, at most %(max)d): places within "
        "it, nearest first, then virtual services whose service area covers the point.",
        max=int(MAX_RADIUS_MILES)), hsds=False, minimum=0, exclusive_minimum=True,
        maximum=MAX_RADIUS_MILES, example=10),
    Parameter("category", "text", _l(
        "Category codes of our taxonomy (a category includes its sub-categories); several "
        "are OR."), hsds=False, multiple=True, example="peer-recovery-housing"),
    Parameter("language", "text", _l(
        "Language codes (ISO 639, e.g. es); several are OR."), hsds=False, multiple=True,
        example="es"),
    Parameter("cost", "choice", _l("free or sliding_scale; both are OR."), hsds=False,
              choices=COST_CHOICES, multiple=True, example="free"),
    Parameter("insurance", "choice", _l(
        "Insurance accepted: medicaid, medicare or private; several are OR."), hsds=False,
        choices=INSURANCE_CHOICES, multiple=True, example="medicaid"),
    Parameter("age", "integer", _l("Only services open to a person of this age."),
              hsds=False, minimum=0, maximum=MAX_AGE, example=34),
    Parameter("gender", "choice", _l(
        "female or male: services for that gender and for everyone."), hsds=False,
        choices=GENDER_CHOICES, example="female"),
    Parameter("wheelchair", "boolean", _l(
        "true: wheelchair-accessible places (and virtual services)."), hsds=False),
    Parameter("delivery", "choice", _l(
        "in_person or virtual (online or by phone); both are OR."), hsds=False,
        choices=DELIVERY_CHOICES, multiple=True, example="virtual"),
    Parameter("accepting_new_clients", "boolean", _l(
        "true: only services accepting new clients."), hsds=False),
    Parameter("beds_available", "boolean", _l(
        "true: only recovery housing with a bed available now."), hsds=False),
    Parameter("allows_mat", "boolean", _l(
        "true: only housing that welcomes medication for opioid use disorder."), hsds=False),
    Parameter("certified", "boolean", _l(
        "true: only recovery residences with a current NARR certification."), hsds=False),
    Parameter("verified_recently", "boolean", _l(
        "true: only listings our team checked within the stale-after period."), hsds=False),
)

_LIST = ("page", "per_page", "format")
_SERVICE_FILTERS = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id",
                    "modified_after")
PROFILE_FILTERS = ("lat", "lon", "radius", "category", "language", "cost", "insurance", "age",
                   "gender", "wheelchair", "delivery", "accepting_new_clients",
                   "beds_available", "allows_mat", "certified", "verified_recently")

#: The parameters each endpoint takes, in the order the documentation lists them.
ENDPOINT_PARAMETERS: dict[str, tuple[str, ...]] = {
    "services": (*_SERVICE_FILTERS, "minimal", "full", *_LIST, *PROFILE_FILTERS),
    "service_at_locations": (*_SERVICE_FILTERS, "full", *_LIST, "postcode", "proximity",
                             *PROFILE_FILTERS),
    "organizations": ("search", "full_service", "full", *_LIST),
    "organization": ("full_service",),
    "taxonomies": ("search", *_LIST),
    "taxonomy_terms": ("search", *_LIST, "taxonomy_id", "top_only", "parent_id"),
}


#: Where one endpoint reads a parameter differently from the table above.
OVERRIDES: dict[tuple[str, str], dict[str, Any]] = {
    ("services", "per_page"): {"maximum": MINIMAL_PER_PAGE, "description": _l(
        "Number of results in a page: from 1 to %(max)d (the default is the site's page "
        "size), or with minimal=true up to %(minimal)d (the default: the whole catalog).",
        max=MAX_PER_PAGE, minimal=MINIMAL_PER_PAGE)},
    ("organizations", "full"): {"description": _l(
        "true: fully nested organizations (contacts, phones, locations, programs, services) "
        "instead of their one-to-one fields.")},
    ("organizations", "search"): {"description": _l(
        "Text search: every word must appear in the organization's name, alternate name or "
        "description.")},
    ("taxonomies", "search"): {"description": _l(
        "Text search: every word must appear in the taxonomy's name or description.")},
    ("taxonomy_terms", "search"): {"description": _l(
        "Text search: every word must appear in the term's name, code or description.")},
    ("taxonomy_terms", "taxonomy_id"): {"description": _l(
        "Only the terms of this taxonomy (by id).")},
}


def parameter_for(endpoint: str, name: str) -> Parameter:
    """The parameter ``name`` as ``endpoint`` reads it."""
    override = OVERRIDES.get((endpoint, name))
    return replace(PARAMETERS[name], **override) if override else PARAMETERS[name]


def parse(endpoint: str, args: MultiDict) -> dict[str, Any]:
    """The typed values of the parameters given to ``endpoint`` (unknown ones are refused)."""
    allowed = ENDPOINT_PARAMETERS.get(endpoint, ())
    values: dict[str, Any] = {}
    for name in args:
        if name not in allowed:
            shown = name if len(name) <= MAX_ID else name[:MAX_ID] + "…"
            raise BadParameter(shown, "This endpoint has no such parameter.")
        value = parameter_for(endpoint, name).parse(args.getlist(name))
        if value is not None:
            values[name] = value
    return values


@dataclass(frozen=True)
class Listing:
    """How a list is delivered: one page of it, or every result streamed as NDJSON."""

    page: int = 1
    per_page: int = 20
    stream: bool = False


def listing(values: Mapping[str, Any], default_per_page: int, minimal: bool = False) -> Listing:
    """Page, page size and format of a list request."""
    largest = MINIMAL_PER_PAGE if minimal else MAX_PER_PAGE
    per_page = values.get("per_page", largest if minimal else min(default_per_page, largest))
    if per_page > largest:  # services read up to the minimal size; the full size is smaller
        raise BadParameter("per_page", f"Use a number from 1 to {largest}.")
    return Listing(values.get("page", 1), per_page, values.get("format") == "ndjson")


def service_shape(values: Mapping[str, Any]) -> str:
    """``minimal``, ``full`` or ``list`` (one-to-one fields)."""
    if values.get("minimal") and values.get("full"):
        raise BadParameter("minimal", "Use minimal or full, not both.")
    if values.get("minimal"):
        return "minimal"
    return "full" if values.get("full") else "list"


def service_filters(values: Mapping[str, Any], *, stale_after_days: int,
                    today: date) -> ServiceFilters:
    """The filters of a services or service_at_locations request, checked against each other."""
    latitude, longitude = values.get("lat"), values.get("lon")
    if (latitude is None) != (longitude is None):
        raise BadParameter("lon" if longitude is None else "lat",
                           "Give lat and lon together.")
    point = (latitude, longitude) if latitude is not None else None
    postcode = values.get("postcode")
    if point and postcode:
        raise BadParameter("postcode", "Give postcode or lat and lon, not both.")
    if "radius" in values and "proximity" in values:
        raise BadParameter("radius", "Give radius (miles) or proximity (metres), not both.")
    if "radius" in values and not (point or postcode):
        raise BadParameter("radius", "radius needs lat and lon (or postcode).")
    if "proximity" in values and not (point or postcode):
        raise BadParameter("proximity", "proximity needs postcode (or lat and lon).")
    profile = SearchQuery(
        categories=values.get("category", ()), languages=values.get("language", ()),
        cost=values.get("cost", ()), insurance=values.get("insurance", ()),
        age=values.get("age"), gender=values.get("gender"),
        delivery=values.get("delivery", ()), wheelchair=values.get("wheelchair", False),
        accepting_new_clients=values.get("accepting_new_clients", False),
        beds_available=values.get("beds_available", False),
        allows_mat=values.get("allows_mat", False),
        certified_only=values.get("certified", False),
        verified_recently=values.get("verified_recently", False),
        stale_after_days=stale_after_days, today=today,
    )
    proximity = values.get("proximity")
    return ServiceFilters(
        search=values.get("search", ""),
        taxonomy_term_id=values.get("taxonomy_term_id"),
        taxonomy_id=values.get("taxonomy_id"),
        organization_id=values.get("organization_id"),
        modified_after=values.get("modified_after"),
        profile=profile,
        point=point,
        postcode=postcode,
        radius_miles=values.get("radius") or (proximity / METRES_PER_MILE if proximity else None),
        strict_distance=proximity is not None or postcode is not None,
    )
