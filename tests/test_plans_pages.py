"""Support plan pages through the test client: create, view, check-ins, locking, print, access."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.audit.models import AuditEvent
from directory.plans.models import CheckIn, SupportPlan
from directory.referrals.models import Referral
from tests.conftest import csrf_token
from tests.plan_fixtures import make_client, make_plan, make_referral

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)  # a Monday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _db(app) -> Session:
    with app.app_context():
        engine = app.extensions["directory"].db.engine
    return Session(engine, expire_on_commit=False)


def _login(auth, user):
    response = auth.login(user.email, user.password)
    assert response.status_code == 302


@pytest.fixture
def world(app, make_user, make_service):
    coordinator = make_user(role="coordinator", display_name="Casey Coordinator")
    person = make_client(app, coordinator, name="Jordan Example")
    service = make_service(name="Harbor Peer Mentors")
    plan = make_plan(app, person, coordinator, title="Spring transition",
                     checkins=((date(2026, 2, 23), "scheduled"), (date(2026, 3, 2), "scheduled"),
                               (date(2026, 3, 9), "scheduled")))
    referral = make_referral(app, person, service, coordinator, status="accepted", plan=plan)
    return coordinator, person, service, plan, referral


def test_create_a_plan(client, auth, app, make_user):
    coordinator = make_user(role="coordinator")
    person = make_client(app, coordinator)
    _login(auth, coordinator)
    page = client.get(f"/clients/{person.id}/plans/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="title"' in html and 'for="title"' in html
    response = client.post(f"/clients/{person.id}/plans/new", data={
        "title": "After discharge", "goals": "A mentor and a weekly meeting",
        "csrf_token": csrf_token(html)})
    assert response.status_code == 302
    with _db(app) as db:
        plan = db.execute(select(SupportPlan)).scalar_one()
        assert (plan.client_id, plan.created_by_id, plan.title) == (
            person.id, coordinator.id, "After discharge")
        assert response.headers["Location"].endswith(f"/plans/{plan.id}")
        assert db.execute(select(AuditEvent.action).where(
            AuditEvent.object_id == plan.id)).scalars().all() == ["create"]
    # A missing title is an error tied to its field.
    response = client.post(f"/clients/{person.id}/plans/new", data={
        "title": "", "csrf_token": csrf_token(html)})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_plan_page_shows_services_and_checkins(client, auth, app, world):
    coordinator, person, service, plan, referral = world
    _login(auth, coordinator)
    response = client.get(f"/plans/{plan.id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "Spring transition" in html and "Jordan Example" in html
    assert "Harbor Peer Mentors" in html and "Accepted" in html
    assert "Portland" in html and "97204" in html  # the service's address
    assert "Monday–Friday 09:00–17:00" in html  # its hours
    assert "503-555-0142" in html  # its phone
    assert "Overdue" in html and "Due today" in html and "Upcoming" in html
    assert 'href="/search"' in html and "Refer to another service" in html
    assert f'href="/plans/{plan.id}/print"' in html
    with _db(app) as db:
        assert db.execute(select(AuditEvent.detail).where(
            AuditEvent.object_id == plan.id, AuditEvent.action == "read")).scalar_one() == (
            "plan viewed")


def test_schedule_and_record_checkins(client, auth, app, world):
    coordinator, person, service, plan, referral = world
    _login(auth, coordinator)
    token = csrf_token(client.get(f"/plans/{plan.id}").get_data(as_text=True))
    response = client.post(f"/plans/{plan.id}/checkins", data={
        "schedule-start": "2026-03-02", "schedule-weekly_weeks": "2",
        "schedule-monthly_months": "1", "csrf_token": token})
    assert response.status_code == 302
    response = client.post(f"/plans/{plan.id}/checkins", data={
        "single-due_on": "2026-03-04", "csrf_token": token})
    assert response.status_code == 302
    with _db(app) as db:
        dates = db.execute(select(CheckIn.due_on).where(CheckIn.plan_id == plan.id)
                           .order_by(CheckIn.due_on)).scalars().all()
        # 9 March existed already; 16 March and 16 April are new, and the single 4 March.
        assert dates == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 4),
                         date(2026, 3, 9), date(2026, 3, 16), date(2026, 4, 16)]
        overdue = db.execute(select(CheckIn).where(CheckIn.plan_id == plan.id,
                                                   CheckIn.due_on == date(2026, 2, 23))
                             ).scalar_one()
    prefix = f"checkin-{overdue.id}"
    response = client.post(f"/checkins/{overdue.id}", data={
        f"{prefix}-outcome": "missed", f"{prefix}-note": "No answer, left a voicemail",
        "csrf_token": token})
    assert response.status_code == 302
    with _db(app) as db:
        stored = db.get(CheckIn, overdue.id)
        assert (stored.status, stored.note) == ("missed", "No answer, left a voicemail")
    # An outcome is required; the form comes back with the error.
    response = client.post(f"/checkins/{overdue.id}", data={
        f"{prefix}-note": "x", "csrf_token": token})
    assert response.status_code == 400
    # Flash messages never carry the note.
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Missed" in page


def test_stale_edit_gets_409(client, auth, app, world):
    coordinator, person, service, plan, referral = world
    _login(auth, coordinator)
    html = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert 'name="plan-version" type="hidden" value="1"' in html
    token = csrf_token(html)
    # Someone else saves first (the version moves on).
    with _db(app) as db:
        other = db.get(SupportPlan, plan.id)
        other.title = "Edited elsewhere"
        db.commit()
    response = client.post(f"/plans/{plan.id}/edit", data={
        "plan-title": "My edit", "plan-goals": "", "plan-version": "1", "csrf_token": token})
    assert response.status_code == 409
    assert "changed while you were looking at it" in response.get_data(as_text=True)
    with _db(app) as db:
        assert db.get(SupportPlan, plan.id).title == "Edited elsewhere"
    response = client.post(f"/plans/{plan.id}/edit", data={
        "plan-title": "My edit", "plan-goals": "", "plan-version": "2", "csrf_token": token})
    assert response.status_code == 302
    # Closing with a stale version is refused the same way; with the current one it works.
    response = client.post(f"/plans/{plan.id}/edit", data={
        "status-action": "close", "status-version": "2", "csrf_token": token})
    assert response.status_code == 409
    response = client.post(f"/plans/{plan.id}/edit", data={
        "status-action": "close", "status-version": "3", "csrf_token": token})
    assert response.status_code == 302
    with _db(app) as db:
        stored = db.get(SupportPlan, plan.id)
        assert (stored.title, stored.status) == ("My edit", "closed")


def test_attach_and_detach_through_the_page(client, auth, app, world):
    coordinator, person, service, plan, referral = world
    loose = make_referral(app, person, service, coordinator, status="sent")
    _login(auth, coordinator)
    html = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert f'value="{loose.id}"' in html
    token = csrf_token(html)
    assert client.post(f"/plans/{plan.id}/referrals", data={
        "attach-referral_id": loose.id, "csrf_token": token}).status_code == 302
    assert client.post(f"/plans/{plan.id}/referrals/{referral.id}/detach",
                       data={"csrf_token": token}).status_code == 302
    with _db(app) as db:
        assert db.get(Referral, loose.id).plan_id == plan.id
        assert db.get(Referral, referral.id).plan_id is None


def test_posts_without_csrf_token_are_refused(client, auth, app, world):
    coordinator, person, service, plan, referral = world
    _login(auth, coordinator)
    checkin_id = plan_checkin_id(app, plan)
    for url, data in (
        (f"/clients/{person.id}/plans/new", {"title": "x"}),
        (f"/plans/{plan.id}/edit", {"plan-title": "x", "plan-version": "1"}),
        (f"/plans/{plan.id}/checkins", {"single-due_on": "2026-03-05"}),
        (f"/checkins/{checkin_id}", {f"checkin-{checkin_id}-outcome": "made"}),
        (f"/plans/{plan.id}/referrals/{referral.id}/detach", {}),
        (f"/plans/{plan.id}/referrals", {"attach-referral_id": referral.id}),
        (f"/plans/{plan.id}/checkins", {"schedule-start": "2026-03-02",
                                        "schedule-weekly_weeks": "1",
                                        "schedule-monthly_months": "0"}),
    ):
        assert client.post(url, data=data).status_code == 400, url
    with _db(app) as db:
        assert db.get(SupportPlan, plan.id).title == "Spring transition"
        assert db.get(CheckIn, checkin_id).status == "scheduled"
        assert len(db.execute(select(CheckIn.id)).all()) == 3  # none scheduled
        assert db.execute(select(SupportPlan)).scalars().all() == [db.get(SupportPlan, plan.id)]


def plan_checkin_id(app, plan) -> str:
    with _db(app) as db:
        return db.execute(select(CheckIn.id).where(CheckIn.plan_id == plan.id)
                          .order_by(CheckIn.due_on)).scalars().first()


def test_other_coordinators_and_agencies_are_kept_out(client, auth, app, world, make_user):
    coordinator, person, service, plan, referral = world
    checkin_id = plan_checkin_id(app, plan)
    stranger = make_user(role="coordinator")
    _login(auth, stranger)
    assert client.get(f"/plans/{plan.id}").status_code == 404
    assert client.get(f"/plans/{plan.id}/print").status_code == 404
    assert client.get(f"/clients/{person.id}/plans/new").status_code == 404
    token = csrf_token(client.get("/coordinator").get_data(as_text=True))
    assert client.post(f"/checkins/{checkin_id}", data={
        f"checkin-{checkin_id}-outcome": "made", "csrf_token": token}).status_code == 404
    auth.logout()
    agency = make_user(role="agency")
    _login(auth, agency)
    assert client.get(f"/plans/{plan.id}").status_code == 403
    assert client.get(f"/plans/{plan.id}/print").status_code == 403
    auth.logout()
    admin = make_user(role="admin")
    _login(auth, admin)
    assert client.get(f"/plans/{plan.id}").status_code == 200


def test_printable_plan(client, auth, app, world):
    coordinator, person, service, plan, referral = world
    declined = make_referral(app, person, service, coordinator, status="declined", plan=plan)
    _login(auth, coordinator)
    response = client.get(f"/plans/{plan.id}/print")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Your support plan" in html and "Jordan Example" in html
    assert "Harbor Peer Mentors" in html and "97204" in html and "503-555-0142" in html
    assert "Monday–Friday 09:00–17:00" in html
    assert "Casey Coordinator" in html  # the coordinator's name
    assert "March 2, 2026" in html or "2 March 2026" in html  # next check-in: today
    assert "data-print" in html and ">Print<" in html
    assert "staff-nav" not in html  # no staff navigation on the printout
    assert html.count("Harbor Peer Mentors") == 1  # the declined referral is left out
    assert declined.id not in html
    stylesheet = re.search(r'href="([^"]+/css/plans\.css)"', html).group(1)
    with client.get(stylesheet) as static:
        css = static.get_data(as_text=True)
    assert "@media print" in css and ".site-header" in css
    with _db(app) as db:
        assert db.execute(select(AuditEvent.action).where(
            AuditEvent.object_id == plan.id, AuditEvent.detail == "plan printed")
        ).scalar_one() == "export"
