"""Accounts: the password rule, argon2 hashing, creating users and authenticating."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from directory.accounts import service as accounts
from directory.accounts.models import Membership, User
from directory.accounts.passwords import (
    COMMON_PASSWORDS,
    MIN_LENGTH,
    WeakPasswordError,
    check_strength,
    hash_password,
    verify_password,
)
from directory.database import session
from tests.factories import DEFAULT_PASSWORD

# ---- the password rule -------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["", "short", "elevenchars", "x" * (MIN_LENGTH - 1)])
def test_short_passwords_are_refused(password):
    with pytest.raises(WeakPasswordError, match=str(MIN_LENGTH)):
        check_strength(password)


@pytest.mark.parametrize("password", ["password1234", "Password1234", "QWERTY123456",
                                      "recovery1234", "aaaaaaaaaaaaaaaa", "abababababab"])
def test_common_or_repetitive_passwords_are_refused(password):
    with pytest.raises(WeakPasswordError, match="common"):
        check_strength(password)


def test_every_listed_common_password_of_full_length_is_refused():
    for password in COMMON_PASSWORDS:
        with pytest.raises(WeakPasswordError):
            check_strength(password)


@pytest.mark.parametrize("password", [DEFAULT_PASSWORD, "tide-pool-lantern-42", "x7$Kq!m2Lp9z"])
def test_good_passwords_pass(password):
    check_strength(password)  # does not raise


def test_hash_refuses_weak_passwords():
    with pytest.raises(WeakPasswordError):
        hash_password("password1234")


# ---- argon2 ------------------------------------------------------------------------------------


def test_argon2id_hash_and_verify():
    hashed = hash_password(DEFAULT_PASSWORD)
    assert hashed.startswith("$argon2id$")
    assert DEFAULT_PASSWORD not in hashed
    assert hash_password(DEFAULT_PASSWORD) != hashed  # salted
    assert verify_password(hashed, DEFAULT_PASSWORD) is True
    assert verify_password(hashed, DEFAULT_PASSWORD.upper()) is False
    assert verify_password(hashed, "") is False


def test_verify_never_raises_on_a_broken_hash():
    assert verify_password("not-a-hash", DEFAULT_PASSWORD) is False
    assert verify_password("", DEFAULT_PASSWORD) is False


# ---- users -------------------------------------------------------------------------------------


def test_create_user_stores_a_hash_and_normalised_email(app):
    with app.app_context():
        user = accounts.create_user("  Coach@Example.ORG ", DEFAULT_PASSWORD, "coordinator")
        session.commit()
        stored = session.execute(select(User)).scalar_one()
        assert stored is user
        assert stored.email == "coach@example.org"
        assert stored.display_name == "coach"
        assert stored.active is True and stored.is_active is True
        assert stored.password_hash.startswith("$argon2id$")
        assert verify_password(stored.password_hash, DEFAULT_PASSWORD)
        assert stored.created_at is not None


def test_create_user_refusals(app):
    with app.app_context():
        accounts.create_user("coach@example.org", DEFAULT_PASSWORD, "coordinator")
        session.commit()
        with pytest.raises(accounts.AccountError, match="already exists"):
            accounts.create_user("COACH@example.org", DEFAULT_PASSWORD, "admin")
        with pytest.raises(accounts.AccountError, match="role"):
            accounts.create_user("new@example.org", DEFAULT_PASSWORD, "superuser")
        with pytest.raises(accounts.AccountError, match="email"):
            accounts.create_user("not-an-email", DEFAULT_PASSWORD, "admin")
        with pytest.raises(WeakPasswordError):
            accounts.create_user("weak@example.org", "short", "admin")
        session.rollback()
        assert len(session.execute(select(User)).scalars().all()) == 1


def test_agency_user_belongs_to_organizations(app, make_organization):
    organization = make_organization(name="Bridgeway Family Services")
    with app.app_context():
        from directory.catalog.models import Organization

        org = session.get(Organization, organization.id)
        user = accounts.create_user("staff@bridgeway.example.org", DEFAULT_PASSWORD, "agency",
                                    display_name="Bridgeway Staff", organizations=[org])
        session.commit()
        session.expire_all()
        assert [o.name for o in session.get(User, user.id).organizations] == [
            "Bridgeway Family Services"
        ]
        assert session.execute(select(Membership)).scalar_one().organization_id == org.id


def test_authenticate(app, make_user):
    user = make_user(role="admin", email="admin@example.org")
    with app.app_context():
        found = accounts.authenticate("Admin@Example.org", user.password)
        assert found is not None and found.id == user.id
        assert found.last_login_at is not None
        assert accounts.authenticate("admin@example.org", "wrong password here") is None
        assert accounts.authenticate("nobody@example.org", user.password) is None
        assert accounts.authenticate("admin@example.org", "") is None


def test_inactive_users_cannot_authenticate(app, make_user):
    user = make_user()
    with app.app_context():
        session.get(User, user.id).active = False
        session.commit()
        assert accounts.authenticate(user.email, user.password) is None


def test_demo_accounts_are_created_once(app, make_organization):
    make_organization(name="Aardvark Recovery Alliance")
    with app.app_context():
        created = accounts.ensure_demo_accounts()
        session.commit()
        assert {a.role for a in created} == {"admin", "coordinator", "agency"}
        agency = next(a for a in created if a.role == "agency")
        assert agency.organization == "Aardvark Recovery Alliance"
        assert accounts.authenticate(agency.email, agency.password) is not None
        assert accounts.ensure_demo_accounts() == []
        reset = accounts.ensure_demo_accounts(reset_passwords=True)
        session.commit()
        assert [a.email for a in reset] == [a.email for a in created]
        assert all(old.password != new.password for old, new in zip(created, reset, strict=True))
        new_agency = next(a for a in reset if a.role == "agency")
        assert accounts.authenticate(agency.email, agency.password) is None
        assert accounts.authenticate(agency.email, new_agency.password) is not None
