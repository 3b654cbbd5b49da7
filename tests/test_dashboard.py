"""The coordinator dashboard through the test client: each coordinator sees their own."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from tests.plan_fixtures import make_client, make_plan, make_referral

NOW = datetime(2026, 3, 11, 15, tzinfo=UTC)  # a Wednesday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _caseload(app, make_service, coordinator, tag: str) -> dict:
    """One of everything the dashboard lists, named after ``tag``."""
    person = make_client(app, coordinator)
    due = make_plan(app, person, coordinator, title=f"{tag} due plan", created_at=NOW,
                    checkins=((TODAY, "scheduled"), (TODAY - timedelta(days=2), "scheduled"),
                              (TODAY + timedelta(days=3), "scheduled")))
    stalled = make_plan(app, person, coordinator, title=f"{tag} stalled plan",
                        created_at=NOW - timedelta(days=45))
    waiting = make_referral(app, person, make_service(name=f"{tag} Waiting Service"),
                            coordinator, status="sent", sent_at=NOW - timedelta(hours=5))
    overdue = make_referral(app, person, make_service(name=f"{tag} Overdue Service"),
                            coordinator, status="sent", sent_at=NOW - timedelta(days=6))
    answered = make_referral(app, person, make_service(name=f"{tag} Answered Service"),
                             coordinator, status="declined", sent_at=NOW - timedelta(days=3),
                             first_response_at=NOW - timedelta(days=2),
                             reason_code="no_capacity")
    old_answer = make_referral(app, person, make_service(name=f"{tag} Old Answer Service"),
                               coordinator, status="accepted", sent_at=NOW - timedelta(days=30),
                               first_response_at=NOW - timedelta(days=20))
    return {"due": due, "stalled": stalled, "waiting": waiting, "overdue": overdue,
            "answered": answered, "old": old_answer}


def _section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, heading_id
    return match.group(1)


def _stat(html: str, anchor: str) -> int:
    return int(re.search(rf'href="#{anchor}"><strong>(\d+)</strong>', html).group(1))


def test_each_coordinator_sees_only_their_own(client, auth, app, make_user, make_service):
    ann = make_user(role="coordinator")
    bob = make_user(role="coordinator")
    mine = _caseload(app, make_service, ann, "Ann")
    _caseload(app, make_service, bob, "Bob")

    auth.login(ann.email, ann.password)
    response = client.get("/coordinator")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Bob" not in html
    assert (_stat(html, "checkins"), _stat(html, "waiting"), _stat(html, "overdue"),
            _stat(html, "answered"), _stat(html, "stalled")) == (2, 2, 1, 1, 1)
    assert "1 overdue" in html  # of the two check-ins due

    checkins = _section(html, "checkins")
    assert checkins.count("Ann due plan") == 2  # today's and the overdue one, not next week's
    assert f'href="/plans/{mine["due"].id}#checkin-' in checkins
    waiting = _section(html, "waiting")
    assert "Ann Waiting Service" in waiting and "Ann Overdue Service" in waiting
    overdue = _section(html, "overdue")
    assert "Ann Overdue Service" in overdue and "Ann Waiting Service" not in overdue
    assert f'href="/referrals/{mine["overdue"].id}"' in overdue
    answered = _section(html, "answered")
    assert "Ann Answered Service" in answered and "Old Answer" not in answered
    assert "Declined" in answered
    stalled = _section(html, "stalled")
    assert "Ann stalled plan" in stalled and "Ann due plan" not in stalled
    assert f'href="/plans/{mine["stalled"].id}"' in stalled

    auth.logout()
    auth.login(bob.email, bob.password)
    html = client.get("/coordinator").get_data(as_text=True)
    assert "Ann" not in html and "Bob stalled plan" in html


def test_admin_sees_everyone(client, auth, app, make_user, make_service):
    _caseload(app, make_service, make_user(role="coordinator"), "Ann")
    _caseload(app, make_service, make_user(role="coordinator"), "Bob")
    admin = make_user(role="admin")
    auth.login(admin.email, admin.password)
    html = client.get("/coordinator").get_data(as_text=True)
    assert _stat(html, "stalled") == 2 and _stat(html, "overdue") == 2
    assert "Ann stalled plan" in html and "Bob stalled plan" in html


def test_closed_plans_leave_the_dashboard(client, auth, app, make_user):
    ann = make_user(role="coordinator")
    person = make_client(app, ann)
    make_plan(app, person, ann, title="Closed plan", status="closed",
              created_at=NOW - timedelta(days=90), checkins=((date(2026, 1, 1), "scheduled"),))
    auth.login(ann.email, ann.password)
    html = client.get("/coordinator").get_data(as_text=True)
    assert "Closed plan" not in html and _stat(html, "checkins") == 0


def test_agency_and_anonymous_are_kept_out(client, auth, make_user):
    assert client.get("/coordinator").status_code == 302  # to the sign-in page
    agency = make_user(role="agency")
    auth.login(agency.email, agency.password)
    assert client.get("/coordinator").status_code == 403
