"""Account verbs: create users, authenticate, demo accounts."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from directory.accounts.models import ROLES, Membership, User
from directory.accounts.passwords import hash_password, verify_password
from directory.catalog.models import Organization
from directory.database import session
from directory.errors import DirectoryError

# A constant-time dummy so unknown emails take as long to reject as wrong passwords.
_DUMMY_HASH = None


class AccountError(DirectoryError):
    """A user cannot be created or changed as asked."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(email: str) -> User | None:
    return session.execute(
        select(User).where(func.lower(User.email) == normalise_email(email))
    ).scalar_one_or_none()


def create_user(
    email: str,
    password: str,
    role: str,
    display_name: str | None = None,
    organizations: list[Organization] | None = None,
) -> User:
    """Create an account (the password must pass the strength rule); flushes, does not commit."""
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    if "@" not in email:
        raise AccountError(f"{email!r} is not an email address.")
    if get_user_by_email(email) is not None:
        raise AccountError(f"An account for {email} already exists.")
    user = User(
        email=email,
        display_name=display_name or email.split("@", 1)[0],
        role=role,
        password_hash=hash_password(password),
    )
    for organization in organizations or []:
        user.memberships.append(Membership(organization=organization))
    session.add(user)
    session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same work either way)."""
    global _DUMMY_HASH
    user = get_user_by_email(email)
    if user is None or not user.active:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    user.last_login_at = datetime.now(UTC)
    return user


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    password: str
    organization: str | None


DEMO_ACCOUNTS = (
    ("admin@demo.example.org", "admin", "Demo Admin"),
    ("coordinator@demo.example.org", "coordinator", "Demo Coordinator"),
    ("agency@demo.example.org", "agency", "Demo Agency Staff"),
)


def ensure_demo_accounts(reset_passwords: bool = False) -> list[DemoAccount]:
    """Create the demo admin, coordinator and agency accounts that do not exist yet.

    Returns the accounts created (or reset) with their new random passwords, so they can be
    shown once; passwords are never stored in clear.
    """
    first_org = session.execute(select(Organization).order_by(Organization.name)).scalars().first()
    created = []
    for email, role, name in DEMO_ACCOUNTS:
        password = "demo-" + secrets.token_urlsafe(12)
        user = get_user_by_email(email)
        if user is None:
            orgs = [first_org] if role == "agency" and first_org is not None else []
            user = create_user(email, password, role, display_name=name, organizations=orgs)
        elif reset_passwords:
            user.password_hash = hash_password(password)
        else:
            continue
        org_names = ", ".join(org.name for org in user.organizations) or None
        created.append(DemoAccount(email, role, password, org_names))
    return created
