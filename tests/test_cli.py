"""``flask directory ...`` through the CLI runner, checked against the database."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from directory.accounts import service as accounts
from directory.accounts.models import User
from directory.catalog.models import Organization, Service
from directory.database import session
from tests.conftest import DATA_DIR, SMALL_CATALOG, AuthActions
from tests.factories import DEFAULT_PASSWORD

DEMO_LINE = re.compile(r"^\s+(admin|coordinator|agency)\s+(\S+@\S+)\s+(demo-\S+)", re.MULTILINE)


def count(app, model) -> int:
    with app.app_context():
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def demo_passwords(output: str) -> dict[str, str]:
    """email -> password of the demo accounts a command printed."""
    return {email: password for _role, email, password in DEMO_LINE.findall(output)}


# ---- seed --------------------------------------------------------------------------------------


def test_seed_loads_files(runner, app):
    result = runner.invoke(args=["directory", "seed", str(SMALL_CATALOG)])
    assert result.exit_code == 0, result.output
    assert ("Loaded 1 organizations, 2 services, 2 locations and 3 taxonomy terms "
            "from 2 file(s).") in result.output
    assert count(app, Organization) == 1
    assert count(app, Service) == 2
    # Idempotent.
    again = runner.invoke(args=["directory", "seed", str(SMALL_CATALOG / "harbor_light.json"),
                                str(SMALL_CATALOG / "taxonomy_terms.json")])
    assert again.exit_code == 0, again.output
    assert count(app, Service) == 2


def test_seed_missing_path_fails_and_names_it(runner, app, tmp_path):
    missing = tmp_path / "no-such-catalog.json"
    result = runner.invoke(args=["directory", "seed", str(missing)])
    assert result.exit_code == 1
    assert f"error: {missing}: -: -: file not found" in result.stderr
    assert "nothing was loaded" in result.stderr
    assert count(app, Organization) == 0


def test_seed_broken_file_fails_and_names_file_record_and_field(runner, app):
    broken = DATA_DIR / "broken" / "too_many_beds.json"
    result = runner.invoke(args=["directory", "seed", str(DATA_DIR / "broken" / "a_good.json"),
                                 str(broken)])
    assert result.exit_code == 1
    assert (f"error: {broken}: record 1 (id 20000000-0000-4000-8000-000000000101): "
            "services[0].beds_available: is more than beds_total") in result.stderr
    assert "1 problem(s) in the input; nothing was loaded" in result.stderr
    assert "Loaded" not in result.output
    assert count(app, Organization) == 0  # not even the good file


def test_seed_reports_every_problem_of_a_file_set(runner):
    broken = DATA_DIR / "broken"
    files = [broken / name for name in ("bad_gender.json", "bad_latitude.json",
                                        "unknown_term.json")]
    result = runner.invoke(args=["directory", "seed", *map(str, files)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    for path in files:
        assert any(line.startswith(f"error: {path}: record 1 (id ") for line in errors), path


# ---- bootstrap ---------------------------------------------------------------------------------


def test_bootstrap_first_run_migrates_seeds_and_prints_demo_accounts(seeded):
    output = seeded.bootstrap_output
    assert seeded.bootstrap_exit_code == 0, output
    loaded = re.search(r"Loaded (\d+) organizations, (\d+) services", output)
    assert loaded, output
    assert int(loaded.group(1)) >= 80 and int(loaded.group(2)) >= 200
    assert "Demo accounts (shown once, write them down):" in output
    passwords = demo_passwords(output)
    assert set(passwords) == {"admin@demo.example.org", "coordinator@demo.example.org",
                              "agency@demo.example.org"}
    with seeded.app.app_context():
        agency = accounts.get_user_by_email("agency@demo.example.org")
        assert agency.role == "agency"
        assert len(agency.organizations) == 1  # demo agency staff belong to an organization
        stored = {u.email: u.password_hash for u in session.execute(select(User)).scalars()}
    for email, password in passwords.items():
        assert password not in stored[email]  # only a hash is stored


def test_bootstrap_second_run_does_not_reseed(seeded_app):
    services = count(seeded_app, Service)
    users = count(seeded_app, User)
    result = seeded_app.test_cli_runner().invoke(args=["directory", "bootstrap"])
    assert result.exit_code == 0, result.output
    assert f"The catalog holds {services} services; demo data not loaded again." in result.output
    assert "Demo accounts already exist" in result.output
    assert not demo_passwords(result.output)  # no password shown twice
    assert count(seeded_app, Service) == services
    assert count(seeded_app, User) == users


# ---- demo accounts -----------------------------------------------------------------------------


def test_demo_accounts_and_reset_passwords(runner, app, client, make_organization):
    make_organization(name="Anchor Recovery Community")
    first = runner.invoke(args=["directory", "demo-accounts"])
    assert first.exit_code == 0, first.output
    passwords = demo_passwords(first.output)
    assert len(passwords) == 3
    assert "[Anchor Recovery Community]" in first.output  # the agency account's organization

    second = runner.invoke(args=["directory", "demo-accounts"])
    assert second.exit_code == 0
    assert "Demo accounts already exist" in second.output
    assert not demo_passwords(second.output)

    reset = runner.invoke(args=["directory", "demo-accounts", "--reset-passwords"])
    assert reset.exit_code == 0, reset.output
    new_passwords = demo_passwords(reset.output)
    assert set(new_passwords) == set(passwords)
    assert all(new_passwords[email] != passwords[email] for email in passwords)
    assert count(app, User) == 3

    auth = AuthActions(client)
    email = "coordinator@demo.example.org"
    refused = auth.login(email, passwords[email])
    assert "do not match an account" in refused.get_data(as_text=True)
    assert auth.login(email, new_passwords[email]).status_code == 302


# ---- create-user -------------------------------------------------------------------------------


def test_create_user(runner, app, client):
    result = runner.invoke(args=["directory", "create-user", "--email", "Casey@Example.org",
                                 "--role", "coordinator", "--name", "Casey Rivera",
                                 "--password", DEFAULT_PASSWORD])
    assert result.exit_code == 0, result.output
    assert "Created coordinator account casey@example.org." in result.output
    with app.app_context():
        user = accounts.get_user_by_email("casey@example.org")
        assert user.display_name == "Casey Rivera"
        assert user.password_hash.startswith("$argon2id$")
    response = AuthActions(client).login("casey@example.org", DEFAULT_PASSWORD)
    assert response.status_code == 302


def test_create_user_prompts_for_the_password(runner, app):
    result = runner.invoke(args=["directory", "create-user", "--email", "sam@example.org",
                                 "--role", "admin"],
                           input=f"{DEFAULT_PASSWORD}\n{DEFAULT_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert DEFAULT_PASSWORD not in result.output  # hidden input
    with app.app_context():
        assert accounts.authenticate("sam@example.org", DEFAULT_PASSWORD) is not None


def test_create_agency_user_for_an_organization(runner, app, make_organization):
    organization = make_organization(name="Bridgeway Family Services")
    result = runner.invoke(args=["directory", "create-user", "--email", "staff@bridgeway.org",
                                 "--role", "agency", "--organization-id", organization.id,
                                 "--password", DEFAULT_PASSWORD])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = accounts.get_user_by_email("staff@bridgeway.org")
        assert [o.name for o in user.organizations] == ["Bridgeway Family Services"]


def test_create_user_refuses_a_weak_password(runner, app):
    for weak, reason in (("short", "at least 12 characters"),
                         ("password1234", "too common")):
        result = runner.invoke(args=["directory", "create-user", "--email", "weak@example.org",
                                     "--role", "admin", "--password", weak])
        assert result.exit_code == 1
        assert reason in result.stderr
    assert count(app, User) == 0


def test_create_user_refuses_a_duplicate_email(runner, app, make_user):
    make_user(email="taken@example.org")
    result = runner.invoke(args=["directory", "create-user", "--email", "TAKEN@example.org",
                                 "--role", "admin", "--password", DEFAULT_PASSWORD])
    assert result.exit_code == 1
    assert "An account for taken@example.org already exists." in result.stderr
    assert count(app, User) == 1


def test_create_user_refuses_an_unknown_role(runner, app):
    result = runner.invoke(args=["directory", "create-user", "--email", "x@example.org",
                                 "--role", "superuser", "--password", DEFAULT_PASSWORD])
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.stderr
    assert count(app, User) == 0


def test_create_user_refuses_an_unknown_organization(runner, app):
    result = runner.invoke(args=["directory", "create-user", "--email", "x@example.org",
                                 "--role", "agency", "--organization-id", "nope",
                                 "--password", DEFAULT_PASSWORD])
    assert result.exit_code == 2
    assert "no organization with id nope" in result.stderr
    assert count(app, User) == 0
