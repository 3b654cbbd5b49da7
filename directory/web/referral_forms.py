"""Forms of the referral pages (clients, consents, referrals, transitions, notes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from directory.referrals.labels import CONTACT_LABELS, LANGUAGES, REASON_LABELS
from directory.referrals.models import CONTACT_METHODS, REASON_CODES


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class ClientForm(FlaskForm):
    display_name = StringField(_l("Name or initials"),
                               validators=[DataRequired(), Length(max=120)])
    preferred_contact = SelectField(
        _l("Preferred way to contact"),
        choices=choices([("", _l("Not stated"))] + [(m, CONTACT_LABELS[m])
                                                      for m in CONTACT_METHODS]),
        validators=[Optional()],
    )
    preferred_language = SelectField(
        _l("Preferred language"), choices=choices([("", _l("Not stated")), *LANGUAGES]),
        validators=[Optional()],
    )
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=32)])
    email = EmailField(_l("Email (optional)"), validators=[Optional(), Length(max=255)])


class ConsentForm(FlaskForm):
    recipient_organization_id = SelectField(_l("Organization that may receive the information"),
                                            validators=[DataRequired()], choices=[])
    disclosing_party = StringField(_l("Who may disclose the information"),
                                   validators=[DataRequired(), Length(max=255)])
    purpose = TextAreaField(_l("Purpose of the disclosure"),
                            default=_l("Referral to recovery support services and follow-up on "
                                       "the referral."),
                            validators=[DataRequired(), Length(max=2000)])
    information_scope = TextAreaField(
        _l("How much and what kind of information"),
        default=_l("Name, preferred contact details and language, and the status of the "
                   "referral."),
        validators=[DataRequired(), Length(max=2000)])
    expires_on = DateField(_l("Expires on"), validators=[Optional()])
    expiry_event = StringField(_l("Or expires when"), validators=[Optional(), Length(max=255)])
    right_to_revoke = BooleanField(
        _l("The client was told they may revoke this consent at any time, in writing or "
           "verbally, except where action has already been taken on it."))
    signature_method = RadioField(
        _l("Signature"),
        choices=choices([("typed", _l("The client typed their full name")),
                         ("attested", _l("I attest that the client signed or agreed"))]),
        default="typed", validators=[InputRequired()])
    signature_name = StringField(_l("Client's full name as signature"),
                                 validators=[Optional(), Length(max=255)])
    attested = BooleanField(_l("I confirm the client signed or agreed to this consent."))
    signed_on = DateField(_l("Date signed"), validators=[DataRequired()])


class ReferForm(FlaskForm):
    client_id = SelectField(_l("Client"), choices=[], validators=[DataRequired()])
    message = TextAreaField(
        _l("Message to the agency (optional)"),
        validators=[Optional(), Length(max=2000)])
    plan_id = HiddenField()


class TransitionForm(FlaskForm):
    to_status = HiddenField(validators=[DataRequired()])
    version = IntegerField(validators=[InputRequired()])
    reason_code = SelectField(
        _l("Reason"), choices=choices([("", _l("Choose a reason"))] + [
            (code, REASON_LABELS[code]) for code in REASON_CODES]),
        validators=[Optional()])
    reason_text = TextAreaField(_l("Details (required for “Other”)"),
                                validators=[Optional(), Length(max=1000)])


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Add a note"), validators=[DataRequired(), Length(max=4000)])
