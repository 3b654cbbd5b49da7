"""The verification cycle: reminders at 11 and 12 months (once each per verification), the
overdue list for admins, and "may be out of date" on public pages."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.notifications.models import OutboxMessage

VERIFIED = date(2025, 1, 10)


def _engine(app):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _reminders(app) -> list[tuple[str, str, str]]:
    with Session(_engine(app)) as db:
        return [(m.kind, m.to_address, m.subject_id) for m in db.execute(
            select(OutboxMessage).where(OutboxMessage.kind.like("verification.%"))
            .order_by(OutboxMessage.created_at, OutboxMessage.to_address)).scalars()]


def _run(runner):
    result = runner.invoke(args=["directory", "verification-reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def _on(day: date):
    return time_machine.travel(f"{day.isoformat()} 09:00:00+00:00", tick=False)


def test_reminders_at_11_and_12_months_once_each(app, runner, make_organization, make_service,
                                                 make_user):
    organization = make_organization(name="Northside Recovery Alliance")
    service = make_service(organization=organization, name="Northside Mentors",
                           assured_date=VERIFIED)
    make_user(role="agency", email="staff@northside.org", organizations=[organization])
    quiet = make_service(name="Recently Checked", assured_date=VERIFIED + timedelta(days=300))

    with _on(VERIFIED + timedelta(days=300)):
        _run(runner)
    assert _reminders(app) == []

    with _on(VERIFIED + timedelta(days=336)):
        output = _run(runner)
        assert "Queued 1 verification reminders" in output
        _run(runner)  # a second run the same month sends nothing more
    assert _reminders(app) == [("verification.11m", "staff@northside.org", service.id)]

    with _on(VERIFIED + timedelta(days=366)):
        output = _run(runner)
        _run(runner)
    assert [kind for kind, *_ in _reminders(app)] == ["verification.11m", "verification.12m"]
    assert "Northside Mentors | Northside Recovery Alliance | last verified 2025-01-10" in output
    assert "Recently Checked" not in output
    assert quiet.id not in {subject for *_, subject in _reminders(app)}


def test_a_new_verification_starts_a_new_cycle(app, runner, client, auth, make_organization,
                                               make_service, make_user):
    from tests.conftest import csrf_token
    from tests.factories import DEFAULT_PASSWORD

    organization = make_organization(name="Eastside Peer Center")
    service = make_service(organization=organization, assured_date=VERIFIED)
    agency = make_user(role="agency", organizations=[organization])
    with _on(VERIFIED + timedelta(days=340)):
        _run(runner)
        auth.login(agency.email, DEFAULT_PASSWORD)
        token = csrf_token(client.get("/agency").text)
        client.post(f"/agency/services/{service.id}/verify", data={"csrf_token": token})
    reverified = VERIFIED + timedelta(days=340)
    with _on(reverified + timedelta(days=336)):
        _run(runner)
    assert [kind for kind, *_ in _reminders(app)] == ["verification.11m", "verification.11m"]


def test_organization_email_when_no_staff(app, runner, make_organization, make_service):
    organization = make_organization(email="hello@westside.org")
    make_service(organization=organization, assured_date=VERIFIED)
    with _on(VERIFIED + timedelta(days=370)):
        _run(runner)
    assert [(kind, to) for kind, to, _ in _reminders(app)] == [
        ("verification.12m", "hello@westside.org")]


def test_stale_listing_is_marked_on_its_page_and_in_search(app, client, make_service):
    service = make_service(name="Dusty Listing", assured_date=VERIFIED)
    with _on(VERIFIED + timedelta(days=400)):
        page = client.get(f"/services/{service.id}").text
        results = client.get("/search", query_string={"place": "97204"}).text
    assert "May be out of date" in page
    assert "Dusty Listing" in results and "May be out of date" in results
