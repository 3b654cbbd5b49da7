"""Consents to disclose under 42 CFR Part 2 §2.31, and their revocation.

A consent authorizes disclosure to ONE recipient organization. It is valid while it is not
revoked and not expired. An expiry *date* ends it automatically; an expiry *event* ("when the
referral is closed") cannot be judged by the software, so a consent with only an event stays
valid until the coordinator revokes it when the event happens (the form says so).
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from directory.audit.service import record
from directory.clock import today, utc_now
from directory.database import session
from directory.referrals.errors import InvalidData
from directory.referrals.models import SIGNATURE_METHODS, Client, Consent


def _required_text(value: str | None, field: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidData(message, field=field)
    return value


def record_consent(client: Client, user, *, disclosing_party: str, recipient_organization,
                   purpose: str, information_scope: str, expires_on: date | None = None,
                   expiry_event: str | None = None, right_to_revoke_acknowledged: bool,
                   signature_method: str, signature_name: str | None = None,
                   attested: bool = False, signed_on: date) -> Consent:
    """Record a signed consent holding every §2.31 element; flushes and audits.

    ``signature_method`` is ``typed`` (the client's full name typed as signature) or
    ``attested`` (the coordinator attests that the client signed or agreed; ``attested`` must
    be true).
    """
    disclosing_party = _required_text(disclosing_party, "disclosing_party",
                                      _l("Say who may disclose the information."))
    if recipient_organization is None:
        raise InvalidData(_l("Choose the organization that may receive the information."),
                          field="recipient_organization_id")
    purpose = _required_text(purpose, "purpose", _l("Say why the information is disclosed."))
    information_scope = _required_text(information_scope, "information_scope",
                                       _l("Say how much and what kind of information may be "
                                          "disclosed."))
    expiry_event = (expiry_event or "").strip() or None
    if expires_on is None and expiry_event is None:
        raise InvalidData(_l("Give an expiry date or an event that ends the consent."),
                          field="expires_on")
    if signed_on is None:
        raise InvalidData(_l("Give the date the consent was signed."), field="signed_on")
    if signed_on > today():
        raise InvalidData(_l("The signature date cannot be in the future."), field="signed_on")
    if expires_on is not None and expires_on < signed_on:
        raise InvalidData(_l("The expiry date must be after the signature date."),
                          field="expires_on")
    if not right_to_revoke_acknowledged:
        raise InvalidData(_l("Confirm that the client was told of the right to revoke."),
                          field="right_to_revoke")
    if signature_method not in SIGNATURE_METHODS:
        raise InvalidData(_l("Choose how the client signed."), field="signature_method")
    signature_name = (signature_name or "").strip() or None
    if signature_method == "typed" and not signature_name:
        raise InvalidData(_l("Type the client's full name as the signature."),
                          field="signature_name")
    if signature_method == "attested":
        if not attested:
            raise InvalidData(_l("Confirm that the client signed or agreed to this consent."),
                              field="attested")
        signature_name = None
    consent = Consent(
        client=client, disclosing_party=disclosing_party[:255],
        recipient_organization_id=recipient_organization.id, purpose=purpose,
        information_scope=information_scope, expires_on=expires_on,
        expiry_event=expiry_event and expiry_event[:255], right_to_revoke_explained=True,
        signature_method=signature_method, signature_name=signature_name and signature_name[:255],
        signed_on=signed_on, recorded_by_id=user.id,
    )
    session.add(consent)
    session.flush()
    record("create", consent, detail="consent recorded", user=user)
    return consent


def revoke(consent: Consent, user) -> Consent:
    """Revoke ``consent`` now: from the next request on, nothing more is disclosed under it."""
    if consent.revoked_at is None:
        consent.revoked_at = utc_now()
        consent.revoked_by_id = user.id
        session.flush()
        record("update", consent, detail="consent revoked", user=user)
    return consent


def is_valid(consent: Consent | None, on_date: date | None = None) -> bool:
    """Whether ``consent`` authorizes disclosure on ``on_date`` (today by default)."""
    on_date = on_date or today()
    return (consent is not None and consent.revoked_at is None
            and consent.signed_on <= on_date
            and (consent.expires_on is None or consent.expires_on >= on_date))


def status(consent: Consent, on_date: date | None = None) -> str:
    """``revoked``, ``expired``, ``pending`` (signed in the future) or ``valid``."""
    on_date = on_date or today()
    if consent.revoked_at is not None:
        return "revoked"
    if consent.expires_on is not None and consent.expires_on < on_date:
        return "expired"
    if consent.signed_on > on_date:
        return "pending"
    return "valid"


def valid_consent_for(client: Client, organization, on_date: date | None = None
                      ) -> Consent | None:
    """The consent that currently authorizes disclosing ``client``'s information to
    ``organization`` (the most recently signed), or None."""
    on_date = on_date or today()
    organization_id = getattr(organization, "id", organization)
    return session.execute(
        select(Consent)
        .where(Consent.client_id == client.id,
               Consent.recipient_organization_id == organization_id,
               Consent.revoked_at.is_(None),
               Consent.signed_on <= on_date,
               or_(Consent.expires_on.is_(None), Consent.expires_on >= on_date))
        .order_by(Consent.signed_on.desc(), Consent.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()
