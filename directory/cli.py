"""``flask directory ...`` commands (the group name follows ``DIRECTORY_CLI_GROUP``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from directory import migrations_runner
from directory.accounts import service as accounts
from directory.accounts.models import ROLES
from directory.accounts.passwords import WeakPasswordError
from directory.catalog.models import Organization, Service
from directory.database import session
from directory.interop.export import FORMATS, ExportError, export_catalog
from directory.interop.hsds_json import load_paths
from directory.interop.importer import ImportReport, import_catalog
from directory.interop.problems import DataLoadError
from directory.interop.progress import Advance, Progress, no_progress
from directory.paths import SEED_DATA_DIR
from directory.search.engine import count_entries
from directory.search.indexer import rebuild_index

directory_cli = AppGroup("directory", help="Manage the recovery support directory.")


def default_seed_paths() -> list[Path]:
    """The demo catalog: taxonomy first, then the organizations of every region."""
    return [SEED_DATA_DIR / "taxonomy_terms.json", SEED_DATA_DIR / "organizations"]


@directory_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def upgrade_command(revision: str) -> None:
    """Create or migrate the database schema (and build the search index if it is empty)."""
    _upgrade(revision)


def _upgrade(revision: str = "head") -> None:
    migrations_runner.upgrade(revision)
    click.echo(f"Database schema is at {migrations_runner.current_revision()}.")
    if revision == "head" and count_entries(session) == 0:
        services = session.execute(select(func.count(Service.id))).scalar_one()
        if services:
            rebuild_index(session)
            session.commit()
            click.echo(f"Built the search index for {services} services.")


@directory_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the catalog."""
    count = rebuild_index(session)
    session.commit()
    click.echo(f"Indexed {count} services.")


@directory_cli.command("seed")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def seed_command(paths: tuple[Path, ...]) -> None:
    """Load HSDS JSON files or folders (the demo catalog when none are given). Idempotent."""
    _load(list(paths) or default_seed_paths())


def _refuse(error: DataLoadError) -> None:
    """Undo the transaction, print every problem (file, record or row, field) and exit 1."""
    session.rollback()
    for problem in error.problems:
        click.echo(f"error: {problem}", err=True)
    raise click.ClickException(str(error)) from None


def _load(paths: list[Path]) -> None:
    try:
        result = load_paths(paths)
        session.commit()
    except DataLoadError as error:
        _refuse(error)
    click.echo(
        f"Loaded {result.organizations} organizations, {result.services} services, "
        f"{result.locations} locations and {result.taxonomy_terms} taxonomy terms "
        f"from {result.files} file(s)."
    )


@directory_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--prune", is_flag=True,
              help="Delete catalog records the input does not hold (same transaction).")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Show progress bars [default: when stderr is a terminal].")
def import_command(paths: tuple[Path, ...], dry_run: bool, prune: bool,
                   show_progress: bool | None) -> None:
    """Import HSDS 3.0 JSON files/folders or a tabular data package (CSV + datapackage.json).

    All or nothing: any problem stops the import, and every problem is listed. Records are
    upserted by id; records not in the input are kept unless --prune is given.
    """
    try:
        report = import_catalog(paths, prune=prune, dry_run=dry_run,
                                progress=_progress(show_progress))
        if dry_run:
            session.rollback()
        else:
            session.commit()
    except DataLoadError as error:
        _refuse(error)
    _print_report(report)


@directory_cli.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="HSDS JSON files, or the tabular data package (CSV + datapackage.json).")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Show a progress bar [default: when stderr is a terminal].")
def export_command(path: Path, fmt: str, show_progress: bool | None) -> None:
    """Export the whole catalog as HSDS 3.0 into the folder PATH."""
    try:
        result = export_catalog(path, fmt, progress=_progress(show_progress))
    except ExportError as error:
        raise click.ClickException(str(error)) from None
    total = sum(result.tables.values())
    click.echo(f"Exported {total} records ({fmt}) to {path}: "
               + ", ".join(f"{count} {table}" for table, count in result.tables.items()
                           if count) + ".")
    for note in result.left_out:
        click.echo(f"warning: {note}", err=True)


def _progress(show: bool | None) -> Progress:
    """Bars on stderr when asked, or by default when stderr is a terminal."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return no_progress

    @contextmanager
    def bar(label: str, total: int) -> Iterator[Advance]:
        with click.progressbar(length=max(total, 1), label=label, file=sys.stderr) as shown:
            yield shown.update

    return bar


MAX_LISTED = 20  # geocoding notes printed one by one; the rest are counted


def _print_report(report: ImportReport) -> None:
    verb = "Would import" if report.dry_run else "Imported"
    counts = ", ".join(f"{rows} {table} ({new} new)" for table, (rows, new)
                       in report.tables.items())
    click.echo(f"{verb} from {len(report.files)} {report.format} file(s): {counts or 'nothing'}.")
    if report.pruned:
        verb = "Would delete" if report.dry_run else "Deleted"
        click.echo(f"{verb} (--prune) records not in the input: "
                   + ", ".join(f"{n} {table}" for table, n in report.pruned.items()) + ".")
    if report.geocoded:
        approximate = report.approximate
        click.echo(f"Geocoded {len(report.geocoded)} location(s) without coordinates; "
                   f"{len(approximate)} approximate (a ZIP or city centroid, not the street "
                   "address):")
        for note in approximate[:MAX_LISTED]:
            click.echo(f"  approximate: location {note.location_id} ({note.location_name}): "
                       f"{note.query!r} -> {note.precision} centroid of {note.answer} "
                       f"({note.latitude:.5f}, {note.longitude:.5f})")
        if len(approximate) > MAX_LISTED:
            click.echo(f"  ... and {len(approximate) - MAX_LISTED} more approximate")
    for note in report.not_geocoded[:MAX_LISTED]:
        click.echo(f"warning: location {note.location_id} ({note.location_name}) has no "
                   f"coordinates: {note.query!r}: {note.reason}", err=True)
    if len(report.not_geocoded) > MAX_LISTED:
        click.echo(f"warning: ... and {len(report.not_geocoded) - MAX_LISTED} more locations "
                   "without coordinates", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if report.dry_run:
        click.echo("Dry run: nothing was written.")


@directory_cli.command("demo-accounts")
@click.option("--reset-passwords", is_flag=True, help="Give existing demo accounts new passwords.")
def demo_accounts_command(reset_passwords: bool) -> None:
    """Create the demo admin, coordinator and agency accounts; prints new passwords once."""
    _print_demo_accounts(accounts.ensure_demo_accounts(reset_passwords))


def _print_demo_accounts(created) -> None:
    session.commit()
    if not created:
        click.echo("Demo accounts already exist (their passwords were shown when created; "
                   "`flask directory demo-accounts --reset-passwords` makes new ones).")
        return
    click.echo("Demo accounts (shown once, write them down):")
    for account in created:
        where = f"  [{account.organization}]" if account.organization else ""
        click.echo(f"  {account.role:<12} {account.email:<32} {account.password}{where}")


@directory_cli.command("bootstrap")
@click.option("--demo/--no-demo", default=True, show_default=True,
              help="Load the demo catalog into an empty database and create demo accounts.")
def bootstrap_command(demo: bool) -> None:
    """Migrate; on an empty catalog load the demo data; create demo accounts."""
    _upgrade()
    if not demo:
        return
    count = session.execute(select(func.count(Service.id))).scalar_one()
    if count == 0:
        _load(default_seed_paths())
    else:
        click.echo(f"The catalog holds {count} services; demo data not loaded again.")
    _print_demo_accounts(accounts.ensure_demo_accounts())
    from directory.demo_casework import ensure_demo_casework

    if ensure_demo_casework():
        session.commit()
        click.echo("Demo casework added: three fictional clients of the demo coordinator, with "
                   "consents, referrals and a support plan.")


@directory_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", "display_name", help="Name shown in the app.")
@click.option("--organization-id", "organization_ids", multiple=True,
              help="Organization an agency user works for (repeatable).")
@click.password_option(help="At least 12 characters; prompted for when not given.")
def create_user_command(email, role, display_name, organization_ids, password) -> None:
    """Create an account."""
    organizations = []
    for organization_id in organization_ids:
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise click.BadParameter(f"no organization with id {organization_id}",
                                     param_hint="--organization-id")
        organizations.append(organization)
    try:
        user = accounts.create_user(email, password, role, display_name, organizations)
    except (accounts.AccountError, WeakPasswordError) as error:
        session.rollback()
        raise click.ClickException(str(error)) from None
    session.commit()
    click.echo(f"Created {user.role} account {user.email}.")




from directory.notifications.commands import (  # noqa: E402 - the group exists first
    checkin_reminders_command,
    send_mail_command,
)

directory_cli.add_command(send_mail_command)
directory_cli.add_command(checkin_reminders_command)

from directory.stewardship.commands import verification_reminders_command  # noqa: E402

directory_cli.add_command(verification_reminders_command)
