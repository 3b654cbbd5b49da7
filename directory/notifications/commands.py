"""``flask directory send-mail`` and ``flask directory checkin-reminders`` (added to the group
in ``directory/cli.py``)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from directory.database import session
from directory.notifications.delivery import deliver_due
from directory.plans.reminders import queue_checkin_reminders


@click.command("send-mail")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Send at most this many messages.")
@click.option("--dry-run", is_flag=True, help="Only count the messages that are due.")
@with_appcontext
def send_mail_command(limit: int | None, dry_run: bool) -> None:
    """Deliver the queued emails whose time has come (SMTP, or the log without one)."""
    report = deliver_due(limit, dry_run=dry_run)
    if dry_run:
        click.echo(f"{report.due} messages due; nothing sent (dry run).")
        return
    click.echo(f"Sent {report.sent}, will retry {report.retried}, failed {report.failed}.")


@click.command("checkin-reminders")
@with_appcontext
def checkin_reminders_command() -> None:
    """Queue one reminder email per due or overdue check-in (once per check-in)."""
    count = queue_checkin_reminders()
    session.commit()
    click.echo(f"Queued {count} check-in reminders.")
