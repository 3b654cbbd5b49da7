"""The audit trail: append-only for the application, and the admin page that reads it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from directory.audit.guard import AuditTamperingError
from directory.audit.models import AuditEvent
from directory.audit.service import record
from directory.database import session


def _db(app) -> Session:
    with app.app_context():
        engine = app.extensions["directory"].db.engine
    return Session(engine, expire_on_commit=False)


def test_audit_rows_can_be_added_but_not_changed_or_deleted(app):
    with app.test_request_context():
        event = record("read", object_type="client", object_id="c1", client_id="c1",
                       detail="client viewed")
        session.commit()
        event_id = event.id
        event.detail = "something else"
        with pytest.raises(AuditTamperingError):
            session.flush()
        session.rollback()
        session.delete(session.get(AuditEvent, event_id))
        with pytest.raises(AuditTamperingError):
            session.flush()
        session.rollback()
        with pytest.raises(AuditTamperingError):
            session.execute(update(AuditEvent).values(detail="rewritten"))
        session.rollback()
        with pytest.raises(AuditTamperingError):
            session.execute(delete(AuditEvent))
        session.rollback()
        with pytest.raises(AuditTamperingError):
            session.execute(update(AuditEvent.__table__).values(detail="rewritten"))
        session.rollback()
    # Any session, not only the request's.
    with _db(app) as db:
        row = db.get(AuditEvent, event_id)
        assert row.detail == "client viewed"
        db.delete(row)
        with pytest.raises(AuditTamperingError):
            db.commit()


def _events(app, count: int, **values) -> None:
    base = datetime(2026, 3, 1, 12, tzinfo=UTC)
    with _db(app) as db:
        db.add_all(AuditEvent(at=base + timedelta(minutes=n), action="read",
                              object_type=values.get("object_type", "client"),
                              object_id=f"obj-{n}", client_id=values.get("client_id"),
                              user_id=values.get("user_id"),
                              user_email=values.get("user_email"), detail=f"event {n}")
                   for n in range(count))
        db.commit()


def _rows(html: str) -> int:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return body.group(1).count("<tr>") if body else 0


def test_audit_page_filters_and_pages(client, auth, app, make_user):
    admin = make_user(role="admin")
    _events(app, 55, user_email="ann@example.org", user_id="u-ann", client_id="client-1")
    _events(app, 3, user_email="bob@example.org", object_type="referral",
            client_id="client-2")
    auth.login(admin.email, admin.password)
    page = client.get("/admin/audit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "58 events" in html  # the page's own read is recorded after it counts
    assert _rows(html) == 50 and "Page 1 of 2" in html
    assert 'href="/admin/audit?page=2"' in html
    assert _rows(client.get("/admin/audit?page=2").get_data(as_text=True)) == 9

    def count(**query) -> int:
        return int(re.search(r"(\d+) events?", client.get(
            "/admin/audit", query_string=query).get_data(as_text=True)).group(1))

    assert count(user="bob@") == 3
    assert count(user="u-ann") == 55
    assert count(object_type="referral") == 3
    assert count(client_id="client-2") == 3
    assert count(start="2026-03-01", end="2026-03-01") == 58
    assert count(start="2026-03-02") > 0  # today's page views only
    assert count(end="2026-02-28") == 0
    html = client.get("/admin/audit", query_string={"object_type": "referral",
                                                    "user": "bob"}).get_data(as_text=True)
    assert _rows(html) == 3 and "bob@example.org" in html and "ann@example.org" not in html


def test_reading_the_audit_trail_is_audited_and_admin_only(client, auth, app, make_user):
    for role in ("coordinator", "agency"):
        user = make_user(role=role)
        auth.login(user.email, user.password)
        assert client.get("/admin/audit").status_code == 403
        auth.logout()
    admin = make_user(role="admin")
    auth.login(admin.email, admin.password)
    client.get("/admin/audit", query_string={"client_id": "client-9"})
    with _db(app) as db:
        event = db.execute(select(AuditEvent).where(AuditEvent.object_type == "audit")
                           ).scalar_one()
        assert (event.user_id, event.client_id) == (admin.id, "client-9")
