"""The edit forms: one per kind of record, each turning its data into the editable values of
:mod:`directory.editing.fields` (``values()``) and back (``data_from``)."""

from __future__ import annotations

from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FloatField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from directory.catalog.hours import DAY_NAMES, WEEKDAYS
from directory.catalog.models import GENDER_ELIGIBILITY, NARR_LEVELS, SERVICE_STATUSES
from directory.editing.choices import (
    ACCESSIBILITY_OPTIONS,
    GENDER_LABELS,
    PHONE_TYPES,
    STATUS_LABELS,
    WAITLIST_LABELS,
)
from directory.editing.values import (
    InvalidValue,
    display_phone,
    normalize_email,
    normalize_phone,
    normalize_time_zone,
    normalize_url,
)

TRISTATE = (("", _l("Not stated")), ("yes", _l("Yes")), ("no", _l("No")))
MAX_AGE = 120
MAX_BEDS = 10000


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def _tristate_value(text: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(text or "")


def _tristate_text(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else value


class CheckboxesField(SelectMultipleField):
    """Several choices as check boxes (each with its own label)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class _Normalised:
    """Validator: store what a normaliser of :mod:`directory.editing.values` makes of the text."""

    def __init__(self, normalise) -> None:
        self.normalise = normalise

    def __call__(self, form, field) -> None:
        if not field.data:
            field.data = None
            return
        try:
            field.data = self.normalise(field.data)
        except InvalidValue as error:
            raise ValidationError(str(error)) from error


class PhoneNumberField(StringField):
    """A phone number shown as people write it; stored (and compared) in E.164."""

    def _value(self) -> str:
        if isinstance(self.data, str) and self.data.startswith("+"):
            return display_phone(self.data)
        return super()._value()


class PhoneEntryForm(Form):
    """One phone line; a row left blank is ignored."""

    number = PhoneNumberField(_l("Phone number"), filters=[_strip],
                         validators=[Optional(), Length(max=64), _Normalised(normalize_phone)])
    extension = IntegerField(_l("Extension"), validators=[Optional(), NumberRange(1, 99999)])
    type = SelectField(_l("Kind of line"), choices=choices(PHONE_TYPES), default="voice")


def _phones_value(entries) -> list[dict]:
    return [{"number": entry.form.number.data, "extension": entry.form.extension.data,
             "type": entry.form.type.data or "voice"}
            for entry in entries if entry.form.number.data]


class EditForm(FlaskForm):
    """A form carrying the version token of the record it edits (stale saves are refused)."""

    version = HiddenField()

    def extra_rows(self) -> None:
        """Add one blank row to each list of rows, for a new entry (pages without scripts)."""
        for name in ("phones", "cost_options", "closures"):
            rows = getattr(self, name, None)
            if rows is not None:
                rows.append_entry()


class OrganizationForm(EditForm):
    name = StringField(_l("Name"), filters=[_strip], validators=[DataRequired(), Length(max=255)])
    alternate_name = StringField(_l("Other name"), filters=[_blank_to_none],
                                 validators=[Optional(), Length(max=255)])
    description = TextAreaField(_l("Description"), filters=[_strip],
                                validators=[Length(max=5000)])
    email = StringField(_l("Email"), filters=[_blank_to_none],
                        validators=[Optional(), Length(max=255), _Normalised(normalize_email)])
    website = StringField(_l("Website"), filters=[_blank_to_none],
                          validators=[Optional(), Length(max=512), _Normalised(normalize_url)])
    phones = FieldList(FormField(PhoneEntryForm), min_entries=1, max_entries=10)
    referral_response_days = IntegerField(
        _l("Business days to answer a referral"),
        validators=[Optional(), NumberRange(min=1, max=20)])

    def values(self) -> dict:
        return {"name": self.name.data, "alternate_name": self.alternate_name.data,
                "description": self.description.data or "", "email": self.email.data,
                "website": self.website.data, "phones": _phones_value(self.phones),
                "referral_response_days": self.referral_response_days.data}

    @staticmethod
    def data_from(values: dict) -> dict:
        return dict(values)


class CostEntryForm(Form):
    option = StringField(_l("What it is for"), filters=[_blank_to_none],
                         validators=[Optional(), Length(max=255)])
    amount = FloatField(_l("Amount (US dollars)"),
                        validators=[Optional(), NumberRange(min=0, max=1_000_000)])


class ServiceForm(EditForm):
    name = StringField(_l("Name"), filters=[_strip], validators=[DataRequired(), Length(max=255)])
    alternate_name = StringField(_l("Other name"), filters=[_blank_to_none],
                                 validators=[Optional(), Length(max=255)])
    description = TextAreaField(_l("Description"), filters=[_blank_to_none],
                                validators=[Optional(), Length(max=5000)])
    status = SelectField(_l("Status"), default="active",
                         choices=choices((s, STATUS_LABELS[s]) for s in SERVICE_STATUSES))
    email = StringField(_l("Email"), filters=[_blank_to_none],
                        validators=[Optional(), Length(max=255), _Normalised(normalize_email)])
    url = StringField(_l("Website"), filters=[_blank_to_none],
                      validators=[Optional(), Length(max=512), _Normalised(normalize_url)])
    phones = FieldList(FormField(PhoneEntryForm), min_entries=1, max_entries=10)
    application_process = TextAreaField(_l("How to start"), filters=[_blank_to_none],
                                        validators=[Optional(), Length(max=2000)])
    accepting_new_clients = SelectField(_l("Accepting new clients"), choices=choices(TRISTATE))
    minimum_age = IntegerField(_l("Minimum age"), validators=[Optional(), NumberRange(0, MAX_AGE)])
    maximum_age = IntegerField(_l("Maximum age"), validators=[Optional(), NumberRange(0, MAX_AGE)])
    gender_eligibility = SelectField(_l("Gender"), default="all",
                                     choices=choices((g, GENDER_LABELS[g])
                                                     for g in GENDER_ELIGIBILITY))
    eligibility_description = TextAreaField(_l("Who is eligible"), filters=[_blank_to_none],
                                            validators=[Optional(), Length(max=2000)])
    languages = CheckboxesField(_l("Languages"), choices=[])
    free_of_charge = BooleanField(_l("Free of charge"))
    sliding_scale = BooleanField(_l("Sliding scale (fees by income)"))
    accepts_medicaid = BooleanField(_l("Accepts Medicaid"))
    accepts_medicare = BooleanField(_l("Accepts Medicare"))
    accepts_private_insurance = BooleanField(_l("Accepts private insurance"))
    fees_description = TextAreaField(_l("Fees"), filters=[_blank_to_none],
                                     validators=[Optional(), Length(max=2000)])
    cost_options = FieldList(FormField(CostEntryForm), min_entries=1, max_entries=10)
    categories = CheckboxesField(_l("Categories"), choices=[])
    locations = CheckboxesField(_l("Offered at"), choices=[])
    beds_total = IntegerField(_l("Beds in total"),
                              validators=[Optional(), NumberRange(0, MAX_BEDS)])
    beds_available = IntegerField(_l("Beds available now"),
                                  validators=[Optional(), NumberRange(0, MAX_BEDS)])
    allows_mat = SelectField(_l("Medication for opioid use disorder welcome"),
                             choices=choices(TRISTATE))
    waitlist_status = SelectField(_l("Waiting list"), choices=choices(WAITLIST_LABELS.items()))
    narr_level = SelectField(_l("NARR level"),
                             choices=choices([("", _l("Not certified"))]
                                             + [(level, level) for level in NARR_LEVELS]))
    certifier = StringField(_l("Certified by"), filters=[_blank_to_none],
                            validators=[Optional(), Length(max=255)])
    certificate_id = StringField(_l("Certificate number"), filters=[_blank_to_none],
                                 validators=[Optional(), Length(max=64)])
    certification_expires = DateField(_l("Certification expires"), validators=[Optional()])

    def validate_maximum_age(self, field) -> None:
        low = self.minimum_age.data
        if field.data is not None and low is not None and low > field.data:
            raise ValidationError(_l("The maximum age must be at least the minimum age."))

    def validate_beds_available(self, field) -> None:
        if field.data is None:
            return
        if self.beds_total.data is None:
            raise ValidationError(_l("Give the total number of beds too."))
        if field.data > self.beds_total.data:
            raise ValidationError(_l("There cannot be more beds available than beds in total."))

    def validate_narr_level(self, field) -> None:
        if field.data and field.data not in NARR_LEVELS:
            raise ValidationError(_l("Choose a NARR level from I to IV."))

    def values(self) -> dict:
        costs = [{"option": entry.form.option.data, "amount": entry.form.amount.data,
                  "currency": "USD"}
                 for entry in self.cost_options
                 if entry.form.option.data or entry.form.amount.data is not None]
        expires = self.certification_expires.data
        return {
            "name": self.name.data, "alternate_name": self.alternate_name.data,
            "description": self.description.data, "status": self.status.data,
            "email": self.email.data, "url": self.url.data,
            "phones": _phones_value(self.phones),
            "application_process": self.application_process.data,
            "accepting_new_clients": _tristate_value(self.accepting_new_clients.data),
            "minimum_age": self.minimum_age.data, "maximum_age": self.maximum_age.data,
            "gender_eligibility": self.gender_eligibility.data,
            "eligibility_description": self.eligibility_description.data,
            "languages": sorted(set(self.languages.data or [])),
            "free_of_charge": bool(self.free_of_charge.data),
            "sliding_scale": bool(self.sliding_scale.data),
            "accepts_medicaid": bool(self.accepts_medicaid.data),
            "accepts_medicare": bool(self.accepts_medicare.data),
            "accepts_private_insurance": bool(self.accepts_private_insurance.data),
            "fees_description": self.fees_description.data,
            "cost_options": costs,
            "categories": sorted(set(self.categories.data or [])),
            "locations": sorted(set(self.locations.data or [])),
            "beds_total": self.beds_total.data, "beds_available": self.beds_available.data,
            "allows_mat": _tristate_value(self.allows_mat.data),
            "waitlist_status": self.waitlist_status.data or None,
            "narr_level": self.narr_level.data or None,
            "certifier": self.certifier.data, "certificate_id": self.certificate_id.data,
            "certification_expires": expires.isoformat() if expires else None,
        }

    @staticmethod
    def data_from(values: dict) -> dict:
        from datetime import date

        data = dict(values)
        data["accepting_new_clients"] = _tristate_text(values.get("accepting_new_clients"))
        data["allows_mat"] = _tristate_text(values.get("allows_mat"))
        data["waitlist_status"] = values.get("waitlist_status") or ""
        data["narr_level"] = values.get("narr_level") or ""
        expires = values.get("certification_expires")
        data["certification_expires"] = date.fromisoformat(expires) if expires else None
        return data


class LocationForm(EditForm):
    name = StringField(_l("Name"), filters=[_strip], validators=[DataRequired(), Length(max=255)])
    description = TextAreaField(_l("Description"), filters=[_blank_to_none],
                                validators=[Optional(), Length(max=5000)])
    transportation = TextAreaField(_l("Getting there"), filters=[_blank_to_none],
                                   validators=[Optional(), Length(max=2000)])
    address_1 = StringField(_l("Street address"), filters=[_strip],
                            validators=[DataRequired(), Length(max=255)])
    address_2 = StringField(_l("Suite, floor or unit"), filters=[_strip],
                            validators=[Optional(), Length(max=255)])
    city = StringField(_l("City"), filters=[_strip], validators=[DataRequired(), Length(max=128)])
    state_province = StringField(_l("State"), filters=[lambda v: _strip(v).upper() if v else v],
                                 validators=[DataRequired(), Length(min=2, max=2)])
    postal_code = StringField(_l("ZIP code"), filters=[_strip], validators=[DataRequired()])
    country = SelectField(_l("Country"), choices=choices([("US", _l("United States"))]),
                          default="US")
    latitude = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    longitude = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    confirmed = HiddenField()
    phones = FieldList(FormField(PhoneEntryForm), min_entries=1, max_entries=10)
    accessibility = CheckboxesField(_l("Accessibility"), choices=choices(ACCESSIBILITY_OPTIONS))

    def validate_postal_code(self, field) -> None:
        import re

        if not re.fullmatch(r"\d{5}(-\d{4})?", field.data or ""):
            raise ValidationError(_l("Enter a 5-digit ZIP code (or ZIP+4, like 97204-1234)."))

    def validate_longitude(self, field) -> None:
        if (field.data is None) != (self.latitude.data is None):
            raise ValidationError(_l("Give both the latitude and the longitude, or neither."))

    def address_value(self) -> dict:
        """The address as typed (without coordinates)."""
        return {"address_1": self.address_1.data, "address_2": self.address_2.data or "",
                "city": self.city.data, "state_province": self.state_province.data,
                "postal_code": self.postal_code.data, "country": self.country.data or "US"}

    def values(self, point: dict) -> dict:
        """The location's values, with the address placed at ``point`` (lat, lon, approximate)."""
        return {"name": self.name.data, "description": self.description.data,
                "transportation": self.transportation.data,
                "address": {**self.address_value(), **point},
                "phones": _phones_value(self.phones),
                "accessibility": sorted(set(self.accessibility.data or []))}

    @staticmethod
    def data_from(values: dict) -> dict:
        data = {key: value for key, value in values.items() if key != "address"}
        data.update(values.get("address") or {})
        return data


class RangeForm(Form):
    """One opening of a day; both times blank means no opening."""

    opens = TimeField(_l("Opens"), validators=[Optional()])
    closes = TimeField(_l("Closes"), validators=[Optional()])

    def validate_closes(self, field) -> None:
        opens = self.opens.data
        if opens is not None and field.data != time(0, 0) and field.data <= opens:
            raise ValidationError(_l(
                "It closes before it opens. For hours past midnight, close at 00:00 and "
                "open again at 00:00 the next day."))


class ClosureForm(Form):
    """A holiday or other closure: a date, or a range of dates."""

    starts = DateField(_l("Closed from"), validators=[Optional()])
    ends = DateField(_l("Closed until (included)"), validators=[Optional()])
    note = StringField(_l("Reason (shown to the public)"), filters=[_strip],
                       validators=[Optional(), Length(max=120)])

    def validate_ends(self, field) -> None:
        if field.data is not None and self.starts.data is None:
            raise ValidationError(_l("Give the first day closed."))
        if field.data is not None and field.data < self.starts.data:
            raise ValidationError(_l("The last day closed cannot be before the first."))


def _day_list():
    return FieldList(FormField(RangeForm), min_entries=2, max_entries=6)


class HoursForm(EditForm):
    time_zone = StringField(_l("Time zone"), filters=[_strip], validators=[DataRequired()])
    MO = _day_list()
    TU = _day_list()
    WE = _day_list()
    TH = _day_list()
    FR = _day_list()
    SA = _day_list()
    SU = _day_list()
    closures = FieldList(FormField(ClosureForm), min_entries=1, max_entries=30)

    def days(self):
        """(code, name, rows) for Monday to Sunday."""
        return [(day, DAY_NAMES[day], getattr(self, day)) for day in WEEKDAYS]

    def validate_time_zone(self, field) -> None:
        try:
            field.data = normalize_time_zone(field.data)
        except InvalidValue as error:
            raise ValidationError(str(error)) from error

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for _day, _name, rows in self.days():
            for entry in rows:
                opens, closes = entry.form.opens, entry.form.closes
                if (opens.data is None) != (closes.data is None) and not closes.errors \
                        and not opens.errors:
                    closes.errors = [*closes.errors,
                                     _l("Give both the opening and the closing time.")]
                    valid = False
            filled = sorted((entry for entry in rows if entry.form.opens.data is not None
                             and entry.form.closes.data is not None),
                            key=lambda entry: entry.form.opens.data)
            for before, after in zip(filled, filled[1:], strict=False):
                ends = before.form.closes.data
                if ends == time(0, 0) or after.form.opens.data < ends:
                    after.form.opens.errors = [*after.form.opens.errors,
                                               _l("This opening overlaps another on the same day.")]
                    valid = False
        return valid

    def extra_rows(self) -> None:
        super().extra_rows()
        for _day, _name, rows in self.days():
            if all(entry.form.opens.data for entry in rows):
                rows.append_entry()

    def values(self) -> dict:
        weekly = {}
        for day, _name, rows in self.days():
            ranges = sorted([entry.form.opens.data.strftime("%H:%M"),
                             entry.form.closes.data.strftime("%H:%M")]
                            for entry in rows if entry.form.opens.data is not None)
            if ranges:
                weekly[day] = ranges
        closures = sorted(
            ({"from": entry.form.starts.data.isoformat(),
              "to": (entry.form.ends.data or entry.form.starts.data).isoformat(),
              "note": entry.form.note.data or ""}
             for entry in self.closures if entry.form.starts.data is not None),
            key=lambda c: (c["from"], c["to"]))
        return {"hours": {"time_zone": self.time_zone.data, "weekly": weekly,
                          "closures": closures}}

    @staticmethod
    def data_from(values: dict) -> dict:
        from datetime import date

        hours = values["hours"]
        data = {"time_zone": hours.get("time_zone") or ""}
        for day in WEEKDAYS:
            data[day] = [{"opens": time.fromisoformat(o), "closes": time.fromisoformat(c)}
                         for o, c in hours.get("weekly", {}).get(day, [])]
        data["closures"] = [{"starts": date.fromisoformat(c["from"]),
                             "ends": date.fromisoformat(c["to"]), "note": c.get("note", "")}
                            for c in hours.get("closures", [])]
        return data
