"""The referral report on known data: page, numbers, CSV and the SVG chart."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.plan_fixtures import make_client, make_referral

NOW = datetime(2026, 4, 15, 12, tzinfo=UTC)
IN_RANGE = datetime(2026, 3, 10, 9, tzinfo=UTC)
RANGE = {"from": "2026-03-01", "to": "2026-03-31"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def data(app, make_user, make_service, make_taxonomy_term):
    mentoring = make_taxonomy_term(name="Mentoring", code="mentoring")
    coaching = make_taxonomy_term(parent=mentoring, name="Peer coaching")
    housing = make_taxonomy_term(name="Recovery housing", code="housing")
    s1 = make_service(terms=[coaching])
    s2 = make_service(terms=[housing])
    s3 = make_service()
    s4 = make_service(terms=[mentoring, housing])
    ann, bob = make_user(role="coordinator"), make_user(role="coordinator")
    person = make_client(app, ann)

    def refer(service, status, hours=None, reason=None, owner=ann, created_at=IN_RANGE):
        sent = created_at + timedelta(hours=1) if status != "draft" else None
        make_referral(app, person, service, owner, status=status, created_at=created_at,
                      sent_at=sent,
                      first_response_at=sent + timedelta(hours=hours) if hours else None,
                      reason_code=reason)

    refer(s1, "accepted", 2)
    refer(s1, "completed", 4)
    refer(s2, "declined", 10, "no_capacity")
    refer(s2, "not_completed", 6, "could_not_contact")
    refer(s3, "sent")
    refer(s4, "cancelled")
    refer(s1, "not_completed", 1, "no_capacity")
    refer(s3, "draft", created_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))  # last day: in
    refer(s3, "sent", created_at=datetime(2026, 4, 1, tzinfo=UTC))  # the next day: out
    refer(s1, "accepted", 3, created_at=datetime(2025, 11, 20, tzinfo=UTC))  # long before
    refer(s2, "completed", 5, owner=bob)  # someone else's
    return ann, bob


def _csv(response) -> dict[tuple[str, str], str]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["section", "key", "value"]
    return {(section, key): value for section, key, value in rows[1:]}


def test_report_numbers_for_a_coordinator(client, auth, data):
    ann, _bob = data
    auth.login(ann.email, ann.password)
    figures = _csv(client.get("/reports/referrals.csv", query_string=RANGE))
    assert figures[("total", "referrals")] == "8"
    assert {key: int(value) for (section, key), value in figures.items()
            if section == "status"} == {
        "draft": 1, "sent": 1, "accepted": 1, "declined": 1, "in_progress": 0,
        "completed": 1, "not_completed": 2, "cancelled": 1}
    assert figures[("category", "mentoring")] == "4"  # s1 (a sub-category) ×3 and s4
    assert figures[("category", "housing")] == "3"  # s2 ×2 and s4
    assert figures[("category", "uncategorized")] == "2"
    assert figures[("acceptance", "answered")] == "5"
    assert figures[("acceptance", "accepted_or_later")] == "4"
    assert figures[("acceptance", "rate")] == "0.8000"
    assert figures[("response", "median_hours")] == "4.00"  # of 1, 2, 4, 6, 10
    assert figures[("outcome", "completed")] == "1"
    assert figures[("outcome", "not_completed")] == "2"
    assert figures[("not_completed_reason", "no_capacity")] == "1"
    assert figures[("not_completed_reason", "could_not_contact")] == "1"


def test_category_filter_and_admin_scope(client, auth, data, make_user):
    ann, _bob = data
    auth.login(ann.email, ann.password)
    figures = _csv(client.get("/reports/referrals.csv",
                              query_string={**RANGE, "category": "housing"}))
    assert figures[("range", "category")] == "housing"
    assert figures[("total", "referrals")] == "3"
    assert figures[("acceptance", "rate")] == "0.5000"
    assert figures[("response", "median_hours")] == "8.00"
    auth.logout()
    admin = make_user(role="admin")
    auth.login(admin.email, admin.password)
    figures = _csv(client.get("/reports/referrals.csv", query_string=RANGE))
    assert figures[("total", "referrals")] == "9"  # Bob's too
    assert figures[("status", "completed")] == "2"


def test_report_page_has_an_accessible_chart_and_tables(client, auth, data):
    ann, _bob = data
    auth.login(ann.email, ann.password)
    response = client.get("/reports/referrals", query_string=RANGE)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="status-chart-title status-chart-desc"' in svg
    assert '<title id="status-chart-title">Referrals by status</title>' in svg
    assert svg.count("<rect") == 8
    # The longest bar is "Not completed" (2): the full 200 units; one referral is half of it.
    widths = [float(w) for w in re.findall(r'<rect[^>]*width="([\d.]+)"', svg)]
    assert sorted(set(widths)) == [0, 100, 200]
    table = re.search(r'<table class="data-table compact" id="status-table">.*?</table>', html,
                      re.S).group(0)
    assert re.search(r"Not completed</th><td>2</td>", table)
    assert "80%" in html and "4.0" in html  # acceptance rate, median hours
    assert "Recovery housing" in html and "Mentoring" in html
    assert 'href="/reports/referrals.csv?from=2026-03-01&amp;to=2026-03-31"' in html
    assert "J. D." not in html  # no client data


def test_bad_dates_fall_back_to_the_default_range(client, auth, data):
    ann, _bob = data
    auth.login(ann.email, ann.password)
    response = client.get("/reports/referrals", query_string={"from": "2026-05-01",
                                                              "to": "2026-04-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.get_data(as_text=True)
    figures = _csv(client.get("/reports/referrals.csv", query_string={"from": "nonsense"}))
    # The last 90 days before today (15 April): every referral but the November one.
    assert figures[("range", "from")] == "2026-01-15"
    assert figures[("total", "referrals")] == "9"


def test_reports_are_for_coordinators_and_admins(client, auth, make_user):
    assert client.get("/reports/referrals").status_code == 302
    agency = make_user(role="agency")
    auth.login(agency.email, agency.password)
    assert client.get("/reports/referrals").status_code == 403
    assert client.get("/reports/referrals.csv").status_code == 403
