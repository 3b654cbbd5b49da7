"""``flask directory ...`` commands (the group name follows ``DIRECTORY_CLI_GROUP``)."""

from __future__ import annotations

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
from directory.interop.hsds_json import load_paths
from directory.interop.problems import DataLoadError
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


def _load(paths: list[Path]) -> None:
    try:
        result = load_paths(paths)
        session.commit()
    except DataLoadError as error:
        session.rollback()
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Loaded {result.organizations} organizations, {result.services} services, "
        f"{result.locations} locations and {result.taxonomy_terms} taxonomy terms "
        f"from {result.files} file(s)."
    )


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


