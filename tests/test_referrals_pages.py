"""The referral pages end to end: a coordinator adds a client, records consent, refers and
sends; the agency accepts from its inbox; both see the history and notes."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.audit.models import AuditEvent
from directory.notifications.models import OutboxMessage
from directory.referrals.models import Client, Referral, ReferralEvent
from tests.test_referrals_support import CLIENT_NAME, engine_of, sign_in, token, world  # noqa: F401


def _rows(app, query):
    with Session(engine_of(app)) as session:
        return session.execute(query).scalars().all()


def test_coordinator_refers_and_agency_accepts(app, client, world):  # noqa: F811
    sign_in(client, world.coordinator)
    # A new client, through the form.
    page = client.get("/clients/new")
    assert page.status_code == 200
    response = client.post("/clients/new", data={
        "csrf_token": token(client, "/clients/new"), "display_name": "R. T.",
        "preferred_contact": "phone", "preferred_language": "es", "phone": "503 555 0199",
        "email": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    new_id = _rows(app, select(Client.id).where(Client.display_name == "R. T."))[0]
    assert _rows(app, select(Client.phone).where(Client.id == new_id)) == ["+15035550199"]
    # The refer page says no consent exists for org A yet, and the send button is disabled.
    refer_url = f"/services/{world.service_a.id}/refer?client={new_id}"
    page = client.get(refer_url).get_data(as_text=True)
    assert "No valid consent" in page
    # Record consent, coming from the refer page: back to it afterwards.
    consent_url = f"/clients/{new_id}/consents/new?service_id={world.service_a.id}"
    form = client.get(consent_url).get_data(as_text=True)
    assert re.search(rf'<option[^>]*selected[^>]*value="{world.org_a.id}"|'
                     rf'<option[^>]*value="{world.org_a.id}"[^>]*selected', form)
    response = client.post(consent_url, data={
        "csrf_token": token(client, consent_url), "recipient_organization_id": world.org_a.id,
        "disclosing_party": "Harbor Treatment Center", "purpose": "Referral",
        "information_scope": "Name and phone", "expires_on": "", "expiry_event":
        "When the referral is closed", "right_to_revoke": "y", "signature_method": "typed",
        "signature_name": "R. T.", "signed_on": date.today().isoformat()})
    assert response.status_code == 302
    assert f"/services/{world.service_a.id}/refer" in response.headers["Location"]
    assert "is on file" in client.get(refer_url).get_data(as_text=True)
    # Send.
    response = client.post(f"/services/{world.service_a.id}/refer", data={
        "csrf_token": token(client, refer_url), "client_id": new_id, "message": "Call mornings",
        "send": "1"})
    assert response.status_code == 302
    referral_id = response.headers["Location"].rsplit("/", 1)[-1]
    referral = world.load(Referral, referral_id)
    assert referral.status == "sent" and referral.consent_id and referral.sent_at
    # The agency of org A sees it in its inbox, with the §2.32 notice, and accepts.
    agency = app.test_client()
    sign_in(agency, world.agency_a)
    inbox = agency.get("/inbox").get_data(as_text=True)
    assert "R. T." in inbox and "42 CFR part 2" in inbox
    response = agency.post(f"/referrals/{referral_id}/transition", data={
        "csrf_token": token(agency, "/inbox"), "to_status": "accepted", "version": "2",
        "return_to": "inbox"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/inbox")
    assert world.load(Referral, referral_id).status == "accepted"
    # Notes thread, seen by both.
    response = agency.post(f"/referrals/{referral_id}/notes", data={
        "csrf_token": token(agency, f"/referrals/{referral_id}"), "body": "Intake Tuesday"})
    assert response.status_code == 302
    page = client.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "Intake Tuesday" in page and "Accepted" in page
    assert "42 CFR part 2" not in page  # the notice is for agencies
    agency_page = agency.get(f"/referrals/{referral_id}").get_data(as_text=True)
    assert "This record which has been disclosed to you is protected" in agency_page
    # History: created as draft, sent, accepted.
    events = _rows(app, select(ReferralEvent.to_status).where(
        ReferralEvent.referral_id == referral_id).order_by(ReferralEvent.at))
    assert events == ["draft", "sent", "accepted"]
    # Mail: to org A (the new referral) and to the coordinator (accepted); no client data.
    messages = _rows(app, select(OutboxMessage).where(OutboxMessage.subject_id == referral_id))
    assert {m.to_address for m in messages} == {world.org_a.email, world.coordinator.email}
    for message in messages:
        for text in (message.subject, message.body):
            assert "R. T." not in text and "555" not in text and "Call mornings" not in text
        assert re.search(rf"http://localhost/referrals/{referral_id}\b", message.body)
    agency_mail = next(m for m in messages if m.to_address == world.org_a.email)
    assert "42 CFR part 2" in agency_mail.body
    # Audit rows: reads and writes, details without client data.
    audit = _rows(app, select(AuditEvent))
    actions = {(a.action, a.object_type) for a in audit}
    assert {("create", "client"), ("create", "consent"), ("create", "referral"),
            ("update", "referral"), ("read", "referral"), ("create", "referralnote")} <= actions
    assert all("R. T." not in (a.detail or "") for a in audit)
    assert any(a.detail == "status sent→accepted" for a in audit)


def test_public_pages_offer_refer_only_to_coordinators(app, client, world):  # noqa: F811
    url = f"/services/{world.service_a.id}"
    assert "Refer a client" not in client.get(url).get_data(as_text=True)
    sign_in(client, world.coordinator)
    assert "Refer a client" in client.get(url).get_data(as_text=True)
    agency = app.test_client()
    sign_in(agency, world.agency_a)
    assert "Refer a client" not in agency.get(url).get_data(as_text=True)


def test_pages_render_for_each_role(app, client, world):  # noqa: F811
    referral_id = world.make_referral("sent")
    sign_in(client, world.coordinator)
    for url in ("/clients", f"/clients/{world.client_id}", f"/clients/{world.client_id}/edit",
                f"/clients/{world.client_id}/consents/new", "/referrals",
                "/referrals?status=overdue", f"/referrals/{referral_id}",
                f"/services/{world.service_a.id}/refer?client={world.client_id}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/inbox").status_code == 403
    admin = app.test_client()
    sign_in(admin, world.admin)
    assert CLIENT_NAME in admin.get("/inbox").get_data(as_text=True)
    assert CLIENT_NAME in admin.get("/clients").get_data(as_text=True)


def test_invalid_client_data_is_refused_on_the_form(client, world):  # noqa: F811
    sign_in(client, world.coordinator)
    response = client.post("/clients/new", data={
        "csrf_token": token(client, "/clients/new"), "display_name": "A. B.",
        "preferred_contact": "email", "phone": "12", "email": "not-an-email"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter a valid phone number" in page
    assert 'aria-invalid="true"' in page


def test_expired_consent_date_before_signature_is_refused(client, world):  # noqa: F811
    sign_in(client, world.coordinator)
    url = f"/clients/{world.client_id}/consents/new"
    response = client.post(url, data={
        "csrf_token": token(client, url), "recipient_organization_id": world.org_b.id,
        "disclosing_party": "Harbor", "purpose": "Referral", "information_scope": "Name",
        "expires_on": (date.today() - timedelta(days=3)).isoformat(), "right_to_revoke": "y",
        "signature_method": "attested", "attested": "y",
        "signed_on": date.today().isoformat()})
    assert response.status_code == 200
    assert "The expiry date must be after the signature date." in response.get_data(as_text=True)
