"""Delivering the outbox (``flask directory send-mail``) through a real local SMTP server,
retries after failures, the log mode, check-in reminders and the admin outbox page."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy

import pytest
import time_machine
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.notifications.delivery import MAX_ATTEMPTS, parse_smtp_url, retry_delay
from directory.notifications.models import OutboxMessage
from directory.plans.models import CheckIn
from tests.conftest import csrf_token
from tests.plan_fixtures import make_client, make_plan

NOW = datetime(2026, 5, 4, 8, tzinfo=UTC)


class Mailbox:
    """An aiosmtpd handler keeping what it receives; refuses one address."""

    REFUSED = "refused@example.org"

    def __init__(self) -> None:
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.REFUSED:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def start_server(smtp_port):
    controllers = []

    def start() -> Mailbox:
        mailbox = Mailbox()
        controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        controllers.append(controller)
        return mailbox

    yield start
    for controller in controllers:
        controller.stop()


def _db(app) -> Session:
    with app.app_context():
        engine = app.extensions["directory"].db.engine
    return Session(engine, expire_on_commit=False)


def queue(app, *addresses, **values) -> list[str]:
    with _db(app) as db:
        rows = [OutboxMessage(kind="test", to_address=address, subject=f"Hello {n}",
                              body=f"Sign in to see it: https://example.org/{n}",
                              next_attempt_at=values.get("next_attempt_at", NOW),
                              attempts=values.get("attempts", 0))
                for n, address in enumerate(addresses)]
        db.add_all(rows)
        db.commit()
        return [row.id for row in rows]


def messages(app) -> dict[str, OutboxMessage]:
    with _db(app) as db:
        return {m.id: m for m in db.execute(select(OutboxMessage)).scalars()}


def send(runner, *args):
    result = runner.invoke(args=["directory", "send-mail", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_parse_smtp_url_and_backoff():
    settings = parse_smtp_url("smtp://me%40example.org:p%3Ass@mail.example.org:587?starttls=1")
    assert (settings.host, settings.port, settings.username, settings.password) == (
        "mail.example.org", 587, "me@example.org", "p:ss")
    assert settings.starttls and not settings.ssl
    assert parse_smtp_url("smtps://mail.example.org").port == 465
    assert parse_smtp_url("smtp://localhost").port == 25
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.example.org")
    assert [retry_delay(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 2, 4)]
    assert retry_delay(20) == timedelta(days=1)


def test_sends_through_smtp(app, runner, smtp_port, start_server):
    mailbox = start_server()
    app.config["DIRECTORY_SMTP_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    ids = queue(app, "a@example.org", "b@example.org")
    later = queue(app, "c@example.org", next_attempt_at=NOW + timedelta(hours=1))
    with time_machine.travel(NOW, tick=False):
        assert "Sent 2, will retry 0, failed 0." in send(runner)
    assert sorted(m["To"] for m in mailbox.messages) == ["a@example.org", "b@example.org"]
    received = mailbox.messages[0]
    assert received["From"] == app.config["DIRECTORY_MAIL_FROM"]
    assert received["Subject"].startswith("Hello")
    assert "Sign in to see it" in received.get_content()
    rows = messages(app)
    for message_id in ids:
        assert (rows[message_id].status, rows[message_id].attempts) == ("sent", 1)
        assert rows[message_id].sent_at == NOW
    assert rows[later[0]].status == "queued"  # not due yet


def test_a_refused_message_does_not_stop_the_others(app, runner, smtp_port, start_server):
    mailbox = start_server()
    app.config["DIRECTORY_SMTP_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    first, refused, last = queue(app, "a@example.org", Mailbox.REFUSED, "c@example.org")
    with time_machine.travel(NOW, tick=False):
        assert "Sent 2, will retry 1, failed 0." in send(runner)
    rows = messages(app)
    assert rows[first].status == rows[last].status == "sent"
    assert rows[refused].status == "queued" and rows[refused].attempts == 1
    assert "no such user" in rows[refused].last_error
    assert rows[refused].next_attempt_at == NOW + timedelta(minutes=1)
    assert len(mailbox.messages) == 2


def test_server_down_then_back(app, runner, smtp_port, start_server):
    """Connection refused: every message is kept and retried; none is lost."""
    app.config["DIRECTORY_SMTP_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    ids = queue(app, "a@example.org", "b@example.org", "c@example.org")
    with time_machine.travel(NOW, tick=False):
        assert "Sent 0, will retry 3, failed 0." in send(runner)
        assert "Sent 0, will retry 0, failed 0." in send(runner)  # not due again yet
    rows = messages(app)
    assert {(rows[i].status, rows[i].attempts) for i in ids} == {("queued", 1)}
    assert all(rows[i].last_error for i in ids)
    assert {rows[i].next_attempt_at for i in ids} == {NOW + timedelta(minutes=1)}

    with time_machine.travel(NOW + timedelta(seconds=90), tick=False):
        assert "Sent 0, will retry 3" in send(runner)  # still down: waits 2 minutes now
    assert {m.next_attempt_at for m in messages(app).values()} == {
        NOW + timedelta(seconds=90, minutes=2)}

    mailbox = start_server()
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        assert "Sent 3, will retry 0, failed 0." in send(runner)
    rows = messages(app)
    assert {(rows[i].status, rows[i].attempts, rows[i].last_error) for i in ids} == {
        ("sent", 3, None)}
    assert sorted(m["To"] for m in mailbox.messages) == [
        "a@example.org", "b@example.org", "c@example.org"]


def test_gives_up_after_the_last_attempt_and_keeps_the_message(app, runner, smtp_port):
    app.config["DIRECTORY_SMTP_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    (message_id,) = queue(app, "a@example.org", attempts=MAX_ATTEMPTS - 1)
    with time_machine.travel(NOW, tick=False):
        assert "failed 1." in send(runner)
    row = messages(app)[message_id]
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
    with time_machine.travel(NOW + timedelta(days=30), tick=False):
        assert "Sent 0, will retry 0, failed 0." in send(runner)  # failed ones are not retried


def test_log_mode_dry_run_and_limit(app, runner, caplog):
    assert app.config["DIRECTORY_SMTP_URL"] is None
    ids = queue(app, "a@example.org", "b@example.org", "c@example.org")
    with time_machine.travel(NOW, tick=False):
        assert "3 messages due; nothing sent (dry run)." in send(runner, "--dry-run")
        assert {m.status for m in messages(app).values()} == {"queued"}
        with caplog.at_level(logging.INFO, logger="directory.mail"):
            assert "Sent 2," in send(runner, "--limit", "2")
    logged = [r.getMessage() for r in caplog.records if r.name == "directory.mail"]
    assert len(logged) == 2
    assert "Email to a@example.org: Hello 0" in logged[0]
    assert "https://example.org/0" in logged[0]
    rows = messages(app)
    assert [rows[i].status for i in ids] == ["sent", "sent", "queued"]


def test_checkin_reminders_once_per_checkin(app, runner, make_user):
    coordinator = make_user(role="coordinator")
    person = make_client(app, coordinator, name="Jordan Example")
    plan = make_plan(app, person, coordinator, title="Jordan's plan",
                     checkins=((date(2026, 5, 1), "scheduled"), (date(2026, 5, 4), "scheduled"),
                               (date(2026, 5, 5), "scheduled"), (date(2026, 4, 30), "made")))
    make_plan(app, person, coordinator, status="closed",
              checkins=((date(2026, 5, 1), "scheduled"),))
    app.config["DIRECTORY_PUBLIC_BASE_URL"] = "https://directory.example.org"
    with time_machine.travel(NOW, tick=False):
        result = runner.invoke(args=["directory", "checkin-reminders"])
        assert result.exit_code == 0, result.output
        assert "Queued 2 check-in reminders." in result.output
        again = runner.invoke(args=["directory", "checkin-reminders"])
        assert "Queued 0 check-in reminders." in again.output
    queued = sorted(messages(app).values(), key=lambda m: m.subject)
    assert [m.to_address for m in queued] == [coordinator.email] * 2
    assert [m.subject for m in queued] == ["A support plan check-in is due today",
                                           "A support plan check-in is overdue"]
    for message in queued:
        assert message.kind == "checkin.due" and message.subject_type == "checkin"
        assert f"https://directory.example.org/plans/{plan.id}" in message.body
        assert "Jordan" not in message.body and "Jordan" not in message.subject
    with _db(app) as db:
        reminded = db.execute(select(CheckIn.due_on).where(
            CheckIn.reminder_sent_at.is_not(None)).order_by(CheckIn.due_on)).scalars().all()
    assert reminded == [date(2026, 5, 1), date(2026, 5, 4)]


def test_admin_outbox_page_and_retry(client, auth, app, make_user, runner, smtp_port):
    app.config["DIRECTORY_SMTP_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    (failed_id,) = queue(app, "a@example.org", attempts=MAX_ATTEMPTS - 1)
    with time_machine.travel(NOW, tick=False):
        send(runner)
    for role in ("coordinator", "agency"):
        user = make_user(role=role)
        auth.login(user.email, user.password)
        assert client.get("/admin/outbox").status_code == 403
        auth.logout()
    admin = make_user(role="admin")
    auth.login(admin.email, admin.password)
    page = client.get("/admin/outbox", query_string={"status": "failed"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "a@example.org" in html and "Connection refused" in html
    assert client.post(f"/admin/outbox/{failed_id}/retry").status_code == 400  # no CSRF token
    assert messages(app)[failed_id].status == "failed"
    response = client.post(f"/admin/outbox/{failed_id}/retry",
                           data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302
    row = messages(app)[failed_id]
    assert row.status == "queued" and row.attempts == MAX_ATTEMPTS
    assert client.post("/admin/outbox/no-such-id/retry",
                       data={"csrf_token": csrf_token(html)}).status_code == 404
