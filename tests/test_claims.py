"""Claiming organizations: the admin queue, automatic approval by confirmed email domain,
email confirmation links, and proposing a new organization (hidden until approved)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.accounts.models import Membership, User
from directory.catalog.models import Organization
from directory.claims.domains import email_matches_website
from directory.claims.models import ClaimRequest
from directory.clock import utc_now
from directory.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD


def _engine(app):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _confirm_email(app, user_id: str) -> None:
    with Session(_engine(app)) as db:
        db.get(User, user_id).email_confirmed_at = utc_now()
        db.commit()


def _claims(app, organization_id: str) -> list[ClaimRequest]:
    with Session(_engine(app)) as db:
        return list(db.execute(select(ClaimRequest).where(
            ClaimRequest.organization_id == organization_id)).scalars())


def _is_member(app, user_id: str, organization_id: str) -> bool:
    with Session(_engine(app)) as db:
        return db.execute(select(Membership).where(
            Membership.user_id == user_id,
            Membership.organization_id == organization_id)).first() is not None


def _claim(client, organization_id: str, message: str = "I run intake here."):
    page = client.get(f"/organizations/{organization_id}/claim")
    assert page.status_code == 200
    return client.post(f"/organizations/{organization_id}/claim",
                       data={"message": message, "csrf_token": csrf_token(page.text)})


def _decide(client, claim_id: str, decision: str, note: str = ""):
    page = client.get("/admin/claims")
    assert page.status_code == 200
    return client.post(f"/admin/claims/{claim_id}/decide",
                       data={"decision": decision, "note": note,
                             "csrf_token": csrf_token(page.text)})


@pytest.mark.parametrize(("email", "website", "expected"), [
    ("jo@riverbend.org", "https://www.riverbend.org/about", True),
    ("jo@mail.riverbend.org", "riverbend.org", True),
    ("jo@RIVERBEND.ORG", "http://WWW.Riverbend.org", True),
    ("jo@riverbend.org.evil.com", "https://riverbend.org", False),
    ("jo@evilriverbend.org", "https://riverbend.org", False),
    ("jo@riverbend.com", "https://riverbend.org", False),
    ("jo@gmail.com", "https://gmail.com", False),
    ("jo@riverbend.org", None, False),
    ("not-an-email", "https://riverbend.org", False),
])
def test_email_domain_rule(email, website, expected):
    assert email_matches_website(email, website) is expected


def test_claim_approved_by_an_admin_grants_membership(
        app, client, auth, make_organization, make_user):
    organization = make_organization(name="Harbor Light Recovery", website="https://harbor.org")
    agency = make_user(role="agency", email="sam@elsewhere.org")
    admin = make_user(role="admin")
    auth.login(agency.email, DEFAULT_PASSWORD)
    response = _claim(client, organization.id)
    assert response.status_code == 302
    [claim] = _claims(app, organization.id)
    assert claim.status == "pending" and not claim.auto_approved
    assert not _is_member(app, agency.id, organization.id)
    assert "Waiting" in client.get("/account").text

    auth.logout()
    auth.login(admin.email, DEFAULT_PASSWORD)
    queue = client.get("/admin/claims").text
    assert "Harbor Light Recovery" in queue and "sam@elsewhere.org" in queue
    assert _decide(client, claim.id, "approve").status_code == 302
    [claim] = _claims(app, organization.id)
    assert claim.status == "approved" and claim.decided_by_id == admin.id
    assert _is_member(app, agency.id, organization.id)
    # Deciding twice changes nothing.
    _decide(client, claim.id, "reject")
    assert _claims(app, organization.id)[0].status == "approved"


def test_rejected_claim_grants_nothing(app, client, auth, make_organization, make_user):
    organization = make_organization(website="https://harbor.org")
    agency = make_user(role="agency", email="sam@elsewhere.org")
    admin = make_user(role="admin")
    auth.login(agency.email, DEFAULT_PASSWORD)
    _claim(client, organization.id)
    [claim] = _claims(app, organization.id)
    auth.logout()
    auth.login(admin.email, DEFAULT_PASSWORD)
    _decide(client, claim.id, "reject", note="We could not reach the organization.")
    [claim] = _claims(app, organization.id)
    assert claim.status == "rejected"
    assert claim.decision_note == "We could not reach the organization."
    assert not _is_member(app, agency.id, organization.id)


def test_confirmed_domain_email_is_approved_at_once(
        app, client, auth, make_organization, make_user):
    organization = make_organization(website="https://www.harborlight.org")
    agency = make_user(role="agency", email="intake@harborlight.org")
    _confirm_email(app, agency.id)
    auth.login(agency.email, DEFAULT_PASSWORD)
    response = _claim(client, organization.id)
    assert response.status_code == 302 and urlsplit(response.location).path == "/agency"
    [claim] = _claims(app, organization.id)
    assert claim.status == "approved" and claim.auto_approved
    assert _is_member(app, agency.id, organization.id)
    assert organization.name in client.get("/agency").text


@pytest.mark.parametrize(("email", "confirmed"), [
    ("intake@harborlight.org", False),            # same domain, email never confirmed
    ("intake@harborlight.org.evil.com", True),    # lookalike domain
    ("intake@otherplace.org", True),              # different domain
])
def test_no_automatic_approval_without_proof(
        app, client, auth, make_organization, make_user, email, confirmed):
    organization = make_organization(website="https://harborlight.org")
    agency = make_user(role="agency", email=email)
    if confirmed:
        _confirm_email(app, agency.id)
    auth.login(agency.email, DEFAULT_PASSWORD)
    _claim(client, organization.id)
    [claim] = _claims(app, organization.id)
    assert claim.status == "pending" and not claim.auto_approved
    assert not _is_member(app, agency.id, organization.id)


@pytest.mark.settings(DIRECTORY_CLAIM_AUTO_APPROVE_DOMAIN=False)
def test_automatic_approval_can_be_turned_off(app, client, auth, make_organization, make_user):
    organization = make_organization(website="https://harborlight.org")
    agency = make_user(role="agency", email="intake@harborlight.org")
    _confirm_email(app, agency.id)
    auth.login(agency.email, DEFAULT_PASSWORD)
    _claim(client, organization.id)
    assert _claims(app, organization.id)[0].status == "pending"


def test_email_confirmation_link(app, client, auth, make_user):
    agency = make_user(role="agency", email="intake@harborlight.org")
    auth.login(agency.email, DEFAULT_PASSWORD)
    page = client.get("/account")
    assert "Not confirmed" in page.text
    client.post("/account/confirm", data={"csrf_token": csrf_token(page.text)})
    with Session(_engine(app)) as db:
        [message] = db.execute(select(OutboxMessage).where(
            OutboxMessage.kind == "account.confirm")).scalars().all()
        assert message.to_address == "intake@harborlight.org"
        link = re.search(r"https?://\S+", message.body).group(0)
    # A damaged token confirms nothing.
    client.get(urlsplit(link).path + "?token=forged")
    with Session(_engine(app)) as db:
        assert db.get(User, agency.id).email_confirmed_at is None
    parts = urlsplit(link)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 302
    with Session(_engine(app)) as db:
        assert db.get(User, agency.id).email_confirmed_at is not None
    assert "Confirmed" in client.get("/account").text


def test_confirmation_token_expires(app, client, auth, make_user):
    import time_machine

    agency = make_user(role="agency", email="intake@harborlight.org")
    with app.test_request_context():
        from directory.claims.confirmation import make_token

        with time_machine.travel("2026-01-01 12:00:00+00:00", tick=False):
            token = make_token(agency)
    auth.login(agency.email, DEFAULT_PASSWORD)
    with time_machine.travel("2026-01-09 12:00:00+00:00", tick=False):
        client.get("/account/confirm", query_string={"token": token})
    with Session(_engine(app)) as db:
        assert db.get(User, agency.id).email_confirmed_at is None


def test_proposed_organization_is_hidden_until_approved(
        app, client, auth, make_user):
    agency = make_user(role="agency")
    admin = make_user(role="admin")
    auth.login(agency.email, DEFAULT_PASSWORD)
    page = client.get("/organizations/propose")
    response = client.post("/organizations/propose", data={
        "name": "Sunrise Sober Living", "website": "https://sunrise.example.org",
        "email": "", "description": "Peer recovery housing.", "message": "I am the director.",
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    with Session(_engine(app)) as db:
        organization = db.execute(select(Organization).where(
            Organization.name == "Sunrise Sober Living")).scalar_one()
        assert organization.published is False
        organization_id = organization.id
    assert client.get(f"/organizations/{organization_id}").status_code == 404
    assert client.get(f"/api/organizations/{organization_id}").status_code == 404
    listed = client.get("/api/organizations", query_string={"per_page": 100}).get_json()
    assert organization_id not in {item["id"] for item in listed["contents"]}

    auth.logout()
    auth.login(admin.email, DEFAULT_PASSWORD)
    assert "Sunrise Sober Living" in client.get("/admin/claims").text
    [claim] = _claims(app, organization_id)
    _decide(client, claim.id, "approve")
    assert client.get(f"/organizations/{organization_id}").status_code == 200
    assert client.get(f"/api/organizations/{organization_id}").status_code == 200
    assert _is_member(app, agency.id, organization_id)


def test_claim_pages_refuse_a_missing_csrf_token(app, client, auth, make_organization,
                                                 make_user):
    organization = make_organization()
    agency = make_user(role="agency")
    auth.login(agency.email, DEFAULT_PASSWORD)
    response = client.post(f"/organizations/{organization.id}/claim", data={"message": "x"})
    assert response.status_code == 400
    assert _claims(app, organization.id) == []
    page = client.get("/organizations/propose")
    assert page.status_code == 200
    assert client.post("/organizations/propose", data={"name": "No Token Org"}).status_code == 400
    assert client.post("/account/confirm").status_code == 400
