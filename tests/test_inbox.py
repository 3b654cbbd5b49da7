"""The agency inbox: each organization sees only its own referrals, never drafts; overdue
after the response window in business days; CSRF on every referral form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from directory.referrals import deadlines
from directory.referrals.models import Client, Referral
from tests.test_referrals_support import CLIENT_NAME, sign_in, token, world  # noqa: F401


def test_agencies_see_only_their_own_referrals(app, client, world):  # noqa: F811
    mine = world.make_referral("sent")
    theirs = world.make_referral("sent", organization=world.org_b, service=world.service_b)
    draft = world.make_referral("draft")
    sign_in(client, world.agency_b)
    inbox = client.get("/inbox").get_data(as_text=True)
    assert theirs in inbox and mine not in inbox and draft not in inbox
    page = token(client, "/inbox")
    for referral_id in (mine, draft):
        assert client.get(f"/referrals/{referral_id}").status_code == 404
        assert client.post(f"/referrals/{referral_id}/transition", data={
            "csrf_token": page, "to_status": "accepted", "version": "1"}).status_code == 404
        assert client.post(f"/referrals/{referral_id}/notes", data={
            "csrf_token": page, "body": "hello"}).status_code == 404
    assert world.load(Referral, mine).status == "sent"
    # The other coordinator cannot open the first coordinator's referral or client either.
    other = app.test_client()
    sign_in(other, world.other_coordinator)
    assert other.get(f"/referrals/{mine}").status_code == 404
    assert other.get(f"/clients/{world.client_id}").status_code == 404


def test_coordinator_may_see_but_not_accept(client, world):  # noqa: F811
    referral_id = world.make_referral("sent")
    sign_in(client, world.coordinator)
    response = client.post(f"/referrals/{referral_id}/transition", data={
        "csrf_token": token(client, f"/referrals/{referral_id}"), "to_status": "accepted",
        "version": "1"})
    assert response.status_code == 403


@pytest.mark.parametrize("form", [
    ("POST", "/clients/new", {"display_name": "A. B."}),
    ("POST", "/clients/{client_id}/edit", {"display_name": "A. B."}),
    ("POST", "/clients/{client_id}/consents/new", {"disclosing_party": "X"}),
    ("POST", "/consents/{consent_id}/revoke", {}),
    ("POST", "/services/{service_id}/refer", {"client_id": "{client_id}", "send": "1"}),
    ("POST", "/referrals/{referral_id}/transition", {"to_status": "cancelled", "version": "1"}),
    ("POST", "/referrals/{referral_id}/notes", {"body": "hello"}),
])
def test_forms_refuse_a_missing_csrf_token(app, client, world, form):  # noqa: F811
    method, url, data = form
    values = dict(client_id=world.client_id, consent_id=world.consent_id,
                  service_id=world.service_a.id, referral_id=world.make_referral("sent"))
    sign_in(client, world.coordinator)
    response = client.open(url.format(**values), method=method,
                           data={k: v.format(**values) for k, v in data.items()})
    assert response.status_code in (200, 400)
    if response.status_code == 200:  # a form page shown again with the token error
        assert "CSRF" in response.get_data(as_text=True)
    assert world.load(Referral, values["referral_id"]).status == "sent"
    assert world.load(Client, world.client_id).display_name == CLIENT_NAME


def test_overdue_after_two_business_days(app, world):  # noqa: F811
    friday = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # a Friday
    referral_id = world.make_referral("sent", sent_at=friday)
    for moment, expected in ((datetime(2026, 11, 30, 9, tzinfo=UTC), False),  # Monday
                             (datetime(2026, 12, 1, 23, tzinfo=UTC), False),  # Tuesday night
                             (datetime(2026, 12, 2, 8, tzinfo=UTC), True)):  # Wednesday
        with time_machine.travel(moment, tick=False):
            with app.test_request_context():
                from directory.database import session

                referral = session.get(Referral, referral_id)
                assert deadlines.is_overdue(referral) is expected, moment
                overdue = session.execute(
                    session.query(Referral.id).filter(deadlines.overdue_condition())
                    .statement).scalars().all()
                assert (referral_id in overdue) is expected, moment
            agency = app.test_client()  # signed in at the frozen time (idle timeout)
            sign_in(agency, world.agency_a)
            inbox = agency.get("/inbox").get_data(as_text=True)
            section = inbox.split('id="overdue"')[1].split('id="new"')[0]
            assert (referral_id in section) is expected
    # An organization's own window: 4 business days, so Wednesday is still on time.
    from sqlalchemy.orm import Session

    from tests.test_referrals_support import engine_of
    with Session(engine_of(app)) as session:
        session.get(type(world.org_a), world.org_a.id).referral_response_days = 4
        session.commit()
    with time_machine.travel(datetime(2026, 12, 2, 8, tzinfo=UTC), tick=False), \
            app.test_request_context():
        from directory.database import session as app_session

        assert not deadlines.is_overdue(app_session.get(Referral, referral_id))
        assert deadlines.add_business_days(friday.date(), 4).isoformat() == "2026-12-03"
