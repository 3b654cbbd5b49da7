"""Delivering the outbox: ``flask directory send-mail``.

Due messages (``queued`` and ``next_attempt_at`` reached) go out through SMTP when
``DIRECTORY_SMTP_URL`` is set (``smtp://user:pass@host:587?starttls=1``, or ``smtps://`` for
TLS from the start), otherwise they are written to the ``directory.mail`` log (bodies carry no
client data by design) and marked sent.

Each message is committed on its own, so a crash loses at most the one being sent, and one
message's failure never stops the others. A failure counts an attempt, keeps the error and
waits longer each time (1, 2, 4 ... minutes, at most a day); after :data:`MAX_ATTEMPTS` the
message is ``failed`` and stays in the table for an admin to retry. Delivery is at least once:
if the process dies between the SMTP server's "OK" and the commit, that message goes again.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app
from sqlalchemy import select

from directory.clock import utc_now
from directory.database import session
from directory.notifications.models import OutboxMessage

logger = logging.getLogger("directory.mail")

MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(days=1)
SMTP_TIMEOUT = 30
TRUE_WORDS = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to connect, parsed from ``DIRECTORY_SMTP_URL``."""

    host: str
    port: int
    username: str | None = None
    password: str | None = None
    ssl: bool = False
    starttls: bool = False


@dataclass
class DeliveryReport:
    """What one run did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    due: int = 0


def parse_smtp_url(url: str) -> SmtpSettings:
    """``smtp://user:pass@host:port?starttls=1`` or ``smtps://...`` → :class:`SmtpSettings`."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("DIRECTORY_SMTP_URL must look like smtp://user:pass@host:587?starttls=1")
    query = parse_qs(parts.query)
    secure = parts.scheme == "smtps"
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or (465 if secure else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        ssl=secure,
        starttls=query.get("starttls", ["0"])[0].lower() in TRUE_WORDS,
    )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failure: doubling from a minute, capped."""
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    """The MIME message for an outbox row."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=message.id.replace("-", ""))
    email.set_content(message.body)
    return email


class SmtpTransport:
    """One SMTP connection for a run, opened on first use and reopened after an error."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.ssl:
            connection = smtplib.SMTP_SSL(s.host, s.port, timeout=SMTP_TIMEOUT,
                                          context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(s.host, s.port, timeout=SMTP_TIMEOUT)
            if s.starttls:
                connection.starttls(context=ssl.create_default_context())
        if s.username:
            connection.login(s.username, s.password or "")
        return connection

    def send(self, email: EmailMessage) -> None:
        if self._connection is None:
            self._connection = self._connect()
        try:
            self._connection.send_message(email)
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException, OSError):
            self.close()  # a broken connection is not reused for the next message
            raise

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._connection.quit()
            self._connection = None


class LogTransport:
    """No SMTP server configured: write each message to the ``directory.mail`` log."""

    def send(self, email: EmailMessage) -> None:
        logger.info("Email to %s: %s\n%s", email["To"], email["Subject"], email.get_content())

    def close(self) -> None:
        pass


def make_transport():
    """SMTP when ``DIRECTORY_SMTP_URL`` is set, else the log."""
    url = current_app.config.get("DIRECTORY_SMTP_URL")
    return SmtpTransport(parse_smtp_url(url)) if url else LogTransport()


def due_message_ids(now: datetime, limit: int | None = None) -> list[str]:
    """Ids of the queued messages whose time has come, oldest first."""
    query = (select(OutboxMessage.id)
             .where(OutboxMessage.status == "queued", OutboxMessage.next_attempt_at <= now)
             .order_by(OutboxMessage.next_attempt_at, OutboxMessage.created_at, OutboxMessage.id))
    if limit:
        query = query.limit(limit)
    return list(session.execute(query).scalars())


def _claim(message_id: str, now: datetime) -> OutboxMessage | None:
    """Lock a still-due message for this run (another worker's locked rows are skipped on
    PostgreSQL; SQLite has one writer anyway)."""
    return session.execute(
        select(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == "queued",
               OutboxMessage.next_attempt_at <= now)
        .with_for_update(skip_locked=True)
    ).scalar_one_or_none()


def record_failure(message: OutboxMessage, error: Exception | str, now: datetime) -> None:
    """Count a failed attempt: back off, or give up after :data:`MAX_ATTEMPTS`."""
    message.attempts = (message.attempts or 0) + 1
    message.last_error = str(error)[:1000] or type(error).__name__
    if message.attempts >= MAX_ATTEMPTS:
        message.status = "failed"
    else:
        message.next_attempt_at = now + retry_delay(message.attempts)


def deliver_due(limit: int | None = None, *, dry_run: bool = False,
                now: datetime | None = None) -> DeliveryReport:
    """Send the due messages, committing after each one. ``dry_run`` only counts them."""
    now = now or utc_now()
    report = DeliveryReport()
    ids = due_message_ids(now, limit)
    report.due = len(ids)
    if dry_run:
        session.rollback()
        return report
    sender = current_app.config["DIRECTORY_MAIL_FROM"]
    transport = make_transport()
    try:
        for message_id in ids:
            message = _claim(message_id, now)
            if message is None:
                session.rollback()
                continue
            try:
                transport.send(build_email(message, sender))
            except Exception as error:  # any failure is recorded, never fatal to the run
                record_failure(message, error, now)
                if message.status == "failed":
                    report.failed += 1
                else:
                    report.retried += 1
                logger.warning("Email %s not sent (attempt %s): %s", message.id,
                               message.attempts, message.last_error)
            else:
                message.status = "sent"
                message.sent_at = utc_now()
                message.attempts = (message.attempts or 0) + 1
                message.last_error = None
                report.sent += 1
            session.commit()
    finally:
        transport.close()
    return report


def retry_message(message: OutboxMessage, now: datetime | None = None) -> OutboxMessage:
    """Queue a message again now (an admin's retry). Its attempt count is kept as history: a
    ``failed`` message gets one more attempt; it fails again at the first error."""
    if message.status == "sent":
        raise ValueError("already sent")
    message.status = "queued"
    message.next_attempt_at = now or utc_now()
    session.flush()
    return message
