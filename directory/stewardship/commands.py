"""``flask directory verification-reminders`` (added to the group in ``directory/cli.py``)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from directory.database import session
from directory.links import absolute_url
from directory.stewardship.verification import send_reminders


@click.command("verification-reminders")
@with_appcontext
def verification_reminders_command() -> None:
    """Queue the 11- and 12-month verification reminders (once each per verification) and
    list the listings whose verification is overdue."""
    run = send_reminders(absolute_url("directory_agency.dashboard"))
    session.commit()
    click.echo(f"Queued {run.queued} verification reminders "
               f"about {len(run.reminded_services)} listings.")
    if not run.overdue:
        click.echo("No listing is overdue for verification.")
        return
    click.echo(f"{len(run.overdue)} listings overdue for verification:")
    for service in run.overdue:
        verified = service.assured_date.isoformat() if service.assured_date else "never"
        click.echo(f"  {service.name} | {service.organization.name} | last verified {verified}")
