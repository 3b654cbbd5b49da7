"""The public search form: what a search URL may carry, checked, and turned into a query.

A GET form without CSRF (nothing changes on the server). Several values of one filter are OR,
filters are AND (the engine does that). Values we do not know (a removed category, a language
code we do not list) are dropped rather than reported: an old bookmark still works. Numbers out
of range are reported with a message that says what to enter.
"""

from __future__ import annotations

import math
from datetime import date

from flask_babel import get_locale, lazy_ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional, StopValidation, ValidationError

from directory.search.query import (
    COST_CHOICES,
    DELIVERY_CHOICES,
    GENDER_CHOICES,
    INSURANCE_CHOICES,
    SORT_CHOICES,
    SearchQuery,
)

RADIUS_CHOICES = (1, 5, 10, 25, 50, 100)
DEFAULT_RADIUS = 25
MIN_RADIUS, MAX_RADIUS = 1, 100
MAX_AGE = 120
MAX_PAGE = 500
MAX_PER_PAGE = 50
MAX_PLACE_LENGTH = 200
MAX_KEYWORD_LENGTH = 100
#: Languages offered in the filter (ISO 639 codes as the index stores them); names come from
#: Babel in the reader's language.
LANGUAGE_CODES = ("ar", "ase", "en", "es", "fr", "hmn", "ht", "ko", "nv", "pl", "pt", "ru",
                  "so", "tl", "uk", "vi", "zh")
FALSE_VALUES = (False, "false", "False", "", "0", "off", "no")

#: Filters that live in the "More filters" disclosure (names of fields).
FILTER_FIELDS = ("open_now", "language", "cost", "insurance", "age", "gender", "wheelchair",
                 "delivery", "accepting", "beds", "mat", "certified", "verified")
_FLAGS = {"open_now": "open_now", "wheelchair": "wheelchair",
          "accepting": "accepting_new_clients", "beds": "beds_available", "mat": "allows_mat",
          "certified": "certified_only", "verified": "verified_recently"}


def miles_label(miles: float):
    """"25 miles" (lazy: translated when shown)."""
    if float(miles).is_integer():
        return lazy_ngettext("%(num)d mile", "%(num)d miles", int(miles))
    return _l("%(miles)s miles", miles=miles)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def _is_set(value) -> bool:
    """Whether a field's data asks for something (0 is an age; False, "" and [] are not)."""
    return value is not None and value is not False and value != "" and value != []


class LenientMultipleField(SelectMultipleField):
    """Several values of one filter; unknown values are dropped, never an error."""

    def process_formdata(self, valuelist):
        values = [value.strip() for value in valuelist if value and value.strip()]
        self.data = list(dict.fromkeys(values))

    def pre_validate(self, form):
        known = {str(choice.value) for choice in self.choices or ()}
        self.data = [value for value in self.data or () if value in known]


class LenientSelectField(SelectField):
    """One choice; an unknown value means "any" (the empty choice)."""

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = valuelist[0].strip()

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices or ()}:
            self.data = ""


class RadiusField(SelectField):
    """Miles from the place: the listed distances, or any number from 1 to 100 in a link."""

    message = _l("Choose a distance from %(low)d to %(high)d miles.", low=MIN_RADIUS,
                 high=MAX_RADIUS)

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=float, default=DEFAULT_RADIUS,
                         choices=choices((m, miles_label(m)) for m in RADIUS_CHOICES),
                         **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            return
        try:
            value = float(valuelist[0])
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.data = None
            raise ValueError(self.message)
        self.data = _number(value)
        if MIN_RADIUS <= self.data <= MAX_RADIUS and self.data not in RADIUS_CHOICES:
            self.choices = sorted([*self.choices, SelectChoice(self.data, miles_label(self.data))],
                                  key=lambda choice: choice.value)

    def pre_validate(self, form):
        if self.process_errors:
            return  # already said
        if self.data is None or not MIN_RADIUS <= self.data <= MAX_RADIUS:
            raise ValidationError(self.message)


class WholeNumberField(IntegerField):
    """An integer field whose "not a number" message is ours (and translatable)."""

    def __init__(self, label=None, validators=None, message=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None  # an empty box, as every form without script sends
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.message) from None

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()  # "not a number" says it all; no range message too


class CoordinateField(FloatField):
    """A latitude or longitude from "Use my location" (hidden)."""

    message = _l("We couldn't read your location. Please type a ZIP code or a city instead.")

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None  # an empty box, as every form without script sends
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.message) from None
        if self.data is not None and not math.isfinite(self.data):
            self.data = None
            raise ValueError(self.message)

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


def _flag(label) -> BooleanField:
    return BooleanField(label, false_values=FALSE_VALUES)


def language_choices() -> list[tuple[str, str]]:
    """(code, name) of the languages we list, named in the reader's language."""
    names = get_locale().languages if get_locale() else {}
    return sorted(((code, names.get(code, code)) for code in LANGUAGE_CODES),
                  key=lambda choice: choice[1].casefold())


class SearchForm(FlaskForm):
    """Every parameter of ``/search``, ``/search/map``, ``/search/print`` and ``/search.json``."""

    class Meta:
        csrf = False  # a GET search changes nothing

    place = StringField(_l("Where"), validators=[Optional(), Length(
        max=MAX_PLACE_LENGTH,
        message=_l("That place is too long. Try a ZIP code or a city and state."))])
    lat = CoordinateField(validators=[Optional(), NumberRange(
        -90, 90, message=CoordinateField.message)])
    lon = CoordinateField(validators=[Optional(), NumberRange(
        -180, 180, message=CoordinateField.message)])
    radius = RadiusField(_l("Distance"))
    category = LenientMultipleField(_l("Kind of support"))
    keyword = StringField(_l("Keyword"), validators=[Optional(), Length(
        max=MAX_KEYWORD_LENGTH, message=_l("Please use fewer words (up to %(max)d letters).",
                                           max=MAX_KEYWORD_LENGTH))])
    open_now = _flag(_l("Open now"))
    language = LenientMultipleField(_l("Language spoken"))
    cost = LenientMultipleField(_l("Cost"), choices=choices([
        ("free", _l("Free")), ("sliding_scale", _l("Sliding scale (based on income)"))]))
    insurance = LenientMultipleField(_l("Insurance accepted"), choices=choices([
        ("medicaid", _l("Medicaid")), ("medicare", _l("Medicare")),
        ("private", _l("Private insurance"))]))
    age = WholeNumberField(_l("Age"), validators=[Optional(), NumberRange(
        0, MAX_AGE, message=_l("Enter an age from 0 to %(max)d.", max=MAX_AGE))],
        message=_l("Enter an age as a whole number, like 34."))
    gender = LenientSelectField(_l("Services for"), default="", choices=choices([
        ("", _l("Anyone")), ("female", _l("Women")), ("male", _l("Men"))]))
    wheelchair = _flag(_l("Wheelchair accessible"))
    delivery = LenientMultipleField(_l("How"), choices=choices([
        ("in_person", _l("In person")), ("virtual", _l("Online or by phone"))]))
    accepting = _flag(_l("Accepting new clients"))
    beds = _flag(_l("Beds available now"))
    mat = _flag(_l("MAT-friendly housing (medication for opioid use disorder welcome)"))
    certified = _flag(_l("Certified recovery residences only"))
    verified = _flag(_l("Checked by our team in the last 12 months"))
    sort = LenientSelectField(_l("Sort by"), default="", choices=choices([
        ("", _l("Best order")), ("distance", _l("Nearest first")),
        ("relevance", _l("Best match for the keyword")), ("name", _l("Name (A–Z)"))]))
    page = WholeNumberField(validators=[Optional(), NumberRange(
        1, MAX_PAGE, message=_l("Pages go from 1 to %(max)d.", max=MAX_PAGE))],
        default=1, message=_l("The page must be a whole number."))
    per_page = WholeNumberField(validators=[Optional(), NumberRange(
        1, MAX_PER_PAGE, message=_l("per_page goes from 1 to %(max)d.", max=MAX_PER_PAGE))],
        message=_l("per_page must be a whole number."))

    def __init__(self, formdata, categories=(), **kwargs):
        super().__init__(formdata=formdata, **kwargs)
        self.category.choices = choices(categories)
        self.language.choices = choices(language_choices())

    # -- reading --------------------------------------------------------------------------

    @property
    def place_text(self) -> str:
        return " ".join((self.place.data or "").split())

    @property
    def has_point(self) -> bool:
        return self.lat.data is not None and self.lon.data is not None

    def active_filters(self) -> list[str]:
        """Names of the disclosure's filters that are set."""
        return [name for name in FILTER_FIELDS if _is_set(self[name].data)]

    def has_criteria(self) -> bool:
        """Whether anything beyond a place was asked for (a keyword, a category, a filter)."""
        return bool(self.keyword.data or self.category.data or self.active_filters())

    def error_items(self) -> list[tuple[str, str]]:
        """(field name, message) of every error, in form order, for the summary and for JSON."""
        return [(name, str(message)) for name, field in self._fields.items()
                for message in field.errors]

    def search_query(self, latitude: float | None, longitude: float | None,
                     region_code: str | None, *, per_page: int, stale_after_days: int,
                     today: date | None = None) -> SearchQuery:
        """The engine's query for this (validated) form and a resolved place."""
        flags = {attribute: bool(self[name].data) for name, attribute in _FLAGS.items()}
        return SearchQuery(
            latitude=latitude, longitude=longitude, radius_miles=float(self.radius.data),
            region_code=region_code, keyword=(self.keyword.data or "").strip(),
            categories=tuple(self.category.data), languages=tuple(self.language.data),
            cost=tuple(c for c in self.cost.data if c in COST_CHOICES),
            insurance=tuple(i for i in self.insurance.data if i in INSURANCE_CHOICES),
            age=self.age.data,
            gender=self.gender.data if self.gender.data in GENDER_CHOICES else None,
            delivery=tuple(d for d in self.delivery.data if d in DELIVERY_CHOICES),
            sort=self.sort.data if self.sort.data in SORT_CHOICES else None,
            page=self.page.data or 1, per_page=self.per_page.data or per_page,
            stale_after_days=stale_after_days, today=today or date.today(),
            **flags,
        )

    # -- writing links --------------------------------------------------------------------

    def url_args(self, drop=(), **changes) -> dict[str, object]:
        """This search's parameters (empty and default ones left out) for ``url_for``.

        ``drop`` leaves parameters out; ``changes`` replaces them (None removes one).
        """
        args: dict[str, object] = {}
        if self.place_text:
            args["place"] = self.place_text
        elif self.has_point:
            args["lat"], args["lon"] = _number(self.lat.data), _number(self.lon.data)
        if self.radius.data not in (None, DEFAULT_RADIUS):
            args["radius"] = _number(self.radius.data)
        for name in ("category", "keyword", *FILTER_FIELDS, "sort"):
            value = self[name].data
            if not _is_set(value):
                continue
            args[name] = 1 if value is True else value
        if self.page.data and self.page.data > 1:
            args["page"] = self.page.data
        if self.per_page.data:
            args["per_page"] = self.per_page.data
        for name in drop:
            args.pop(name, None)
        for name, value in changes.items():
            if value is None:
                args.pop(name, None)
            else:
                args[name] = value
        return args
