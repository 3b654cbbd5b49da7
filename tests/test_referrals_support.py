"""Shared fixtures of the referral tests: two organizations, their staff, a coordinator and a
client with consent to the first organization. (No tests here; the other files import it.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from directory.accounts.models import Membership
from directory.referrals.models import Client, Consent, Referral, ReferralEvent
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD

CLIENT_NAME = "Zebulon Quartermaine"


def engine_of(app: Flask):
    with app.app_context():
        return app.extensions["directory"].db.engine


@dataclass
class World:
    app: Flask
    org_a: object
    org_b: object
    service_a: object
    service_b: object
    coordinator: object
    other_coordinator: object
    agency_a: object
    agency_b: object
    admin: object
    client_id: str
    consent_id: str

    def make_referral(self, status: str = "sent", organization=None, service=None,
                      client_id=None, sent_at=None, created_by=None) -> str:
        """A referral row in ``status`` (history: one creation event), returns its id."""
        service = service or self.service_a
        organization = organization or self.org_a
        with Session(engine_of(self.app)) as session:
            referral = Referral(client_id=client_id or self.client_id, service_id=service.id,
                                organization_id=organization.id, status=status,
                                created_by_id=(created_by or self.coordinator).id,
                                consent_id=self.consent_id if status != "draft" else None,
                                sent_at=sent_at)
            if status != "draft" and sent_at is None:
                from directory.clock import utc_now

                referral.sent_at = utc_now()
            session.add(referral)
            session.add(ReferralEvent(referral=referral, from_status=None, to_status=status))
            session.commit()
            return referral.id

    def load(self, model, object_id):
        with Session(engine_of(self.app), expire_on_commit=False) as session:
            return session.get(model, object_id)


@pytest.fixture
def world(app, make_organization, make_service, make_user) -> World:
    org_a = make_organization(name="Alder Peer Mentors")
    org_b = make_organization(name="Birch Family Counseling")
    service_a = make_service(organization=org_a, name="Alder mentoring")
    service_b = make_service(organization=org_b, name="Birch counseling")
    coordinator = make_user(role="coordinator", display_name="Casey Coordinator")
    other = make_user(role="coordinator", display_name="Other Coordinator")
    agency_a = make_user(role="agency", display_name="Alder Staff")
    agency_b = make_user(role="agency", display_name="Birch Staff")
    admin = make_user(role="admin", display_name="Ada Admin")
    with Session(engine_of(app), expire_on_commit=False) as session:
        session.add_all([Membership(user_id=agency_a.id, organization_id=org_a.id),
                         Membership(user_id=agency_b.id, organization_id=org_b.id)])
        client = Client(display_name=CLIENT_NAME, preferred_contact="phone",
                        phone="+15035550142", created_by_id=coordinator.id)
        consent = Consent(client=client, disclosing_party="Harbor Treatment Center",
                          recipient_organization_id=org_a.id, purpose="Referral",
                          information_scope="Name and contact", right_to_revoke_explained=True,
                          signature_method="attested", signed_on=date.today() - timedelta(days=1),
                          expires_on=date.today() + timedelta(days=90),
                          recorded_by_id=coordinator.id)
        session.add_all([client, consent])
        session.commit()
    return World(app, org_a, org_b, service_a, service_b, coordinator, other, agency_a,
                 agency_b, admin, client.id, consent.id)


def sign_in(client, user) -> None:
    """Sign ``client`` (a test client) in as ``user`` through the real form."""
    page = client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD,
                                           "csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.status_code == 302, response.get_data(as_text=True)


def token(client, url: str = "/") -> str:
    return csrf_token(client.get(url).get_data(as_text=True))
