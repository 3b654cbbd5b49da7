"""Consent (42 CFR Part 2): expired, revoked and wrong-recipient consents block sending, and a
revocation withholds client details from the agency from its next request on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from directory.accounts.models import User
from directory.referrals import consents, workflow
from directory.referrals.errors import ConsentRequired, InvalidData
from directory.referrals.models import Client, Consent, Referral
from tests.test_referrals_support import CLIENT_NAME, engine_of, sign_in, token, world  # noqa: F401


def _set_consent(app, consent_id, **values):
    with Session(engine_of(app)) as session:
        consent = session.get(Consent, consent_id)
        for name, value in values.items():
            setattr(consent, name, value)
        session.commit()


@pytest.mark.parametrize("change", [
    {"expires_on": date.today() - timedelta(days=1)},
    {"revoked_at": "now"},
    {"recipient": "other"},
])
def test_invalid_consents_block_sending(app, world, change):  # noqa: F811
    from directory.clock import utc_now

    if "revoked_at" in change:
        _set_consent(app, world.consent_id, revoked_at=utc_now())
    elif "expires_on" in change:
        _set_consent(app, world.consent_id, **change)
    else:
        _set_consent(app, world.consent_id, recipient_organization_id=world.org_b.id)
    referral_id = world.make_referral("draft")
    with app.test_request_context():
        from directory.database import session

        referral = session.get(Referral, referral_id)
        with pytest.raises(ConsentRequired):
            workflow.transition(referral, "sent", session.get(User, world.coordinator.id),
                                expected_version=1)
        assert consents.valid_consent_for(referral.client, world.org_a) is None


def test_a_consent_needs_every_element(app, world):  # noqa: F811
    base = dict(disclosing_party="Harbor", purpose="Referral", information_scope="Name",
                expires_on=None, expiry_event="When closed", right_to_revoke_acknowledged=True,
                signature_method="typed", signature_name="Full Name",
                signed_on=date.today())
    with app.test_request_context():
        from directory.database import session

        client = session.get(Client, world.client_id)
        user = session.get(User, world.coordinator.id)
        organization = session.get(type(world.org_a), world.org_a.id)
        for field, bad in (("disclosing_party", " "), ("purpose", ""),
                           ("information_scope", ""), ("expiry_event", None),
                           ("right_to_revoke_acknowledged", False), ("signature_name", ""),
                           ("signed_on", date.today() + timedelta(days=2))):
            with pytest.raises(InvalidData):
                consents.record_consent(client, user, recipient_organization=organization,
                                        **{**base, field: bad})
        with pytest.raises(InvalidData):  # attestation must be ticked
            consents.record_consent(client, user, recipient_organization=organization,
                                    **{**base, "signature_method": "attested"})
        consent = consents.record_consent(client, user, recipient_organization=organization,
                                          **base)
        assert consents.is_valid(consent)


def test_revocation_withholds_details_from_the_agency_at_once(app, client, world):  # noqa: F811
    referral_id = world.make_referral("sent")
    agency = app.test_client()
    sign_in(agency, world.agency_a)
    page = agency.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert CLIENT_NAME in page and "+15035550142" in page
    assert CLIENT_NAME in agency.get("/inbox").get_data(as_text=True)
    # The coordinator revokes through the client page's button.
    sign_in(client, world.coordinator)
    response = client.post(f"/consents/{world.consent_id}/revoke",
                           data={"csrf_token": token(client, f"/clients/{world.client_id}")})
    assert response.status_code == 302
    # The agency's very next request shows nothing of the client.
    page = agency.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert CLIENT_NAME not in page and "+15035550142" not in page
    assert "Consent withdrawn: client details are no longer available" in page
    inbox = agency.get("/inbox").get_data(as_text=True)
    assert CLIENT_NAME not in inbox
    # The agency may still close the referral; the answer page discloses nothing either.
    response = agency.post(f"/referrals/{referral_id}/transition", data={
        "csrf_token": token(agency, "/inbox"), "to_status": "declined", "version": "1",
        "reason_code": "could_not_contact"}, follow_redirects=True)
    assert response.status_code == 200
    assert CLIENT_NAME not in response.get_data(as_text=True)
