"""Administering accounts: roles, active flag and organization memberships.

An admin cannot lock themselves out: changing one's own role away from admin, or deactivating
one's own account, is refused (another admin must do it).
"""

from __future__ import annotations

from sqlalchemy import func, select

from directory.accounts.models import ROLES, Membership, User
from directory.catalog.models import Organization
from directory.database import session
from directory.errors import DirectoryError


class SelfLockout(DirectoryError):
    """An admin tried to demote or deactivate their own account."""


class UnknownRole(DirectoryError):
    """The role is not one of :data:`ROLES`."""


def list_users(page: int = 1, per_page: int = 50,
               role: str | None = None) -> tuple[list[User], int]:
    """One page of users by email, and the total count."""
    statement = select(User)
    if role in ROLES:
        statement = statement.where(User.role == role)
    total = session.execute(select(func.count()).select_from(statement.subquery())).scalar_one()
    users = list(session.execute(
        statement.order_by(User.email).offset((page - 1) * per_page).limit(per_page)
    ).scalars())
    return users, total


def user_count() -> int:
    return session.execute(select(func.count()).select_from(User)).scalar_one()


def set_memberships(user: User, organizations: list[Organization]) -> None:
    """Make ``user`` a member of exactly ``organizations``."""
    wanted = {organization.id: organization for organization in organizations}
    for membership in list(user.memberships):
        if membership.organization_id not in wanted:
            user.memberships.remove(membership)
    have = {membership.organization_id for membership in user.memberships}
    for organization_id, organization in wanted.items():
        if organization_id not in have:
            user.memberships.append(Membership(organization=organization))


def update_user(user: User, admin: User, *, role: str, active: bool, display_name: str,
                organizations: list[Organization]) -> None:
    """Change ``user``'s role, active flag, name and memberships (as ``admin``)."""
    if role not in ROLES:
        raise UnknownRole(role)
    if user.id == admin.id and (role != "admin" or not active):
        raise SelfLockout()
    user.role = role
    user.active = active
    user.display_name = display_name.strip() or user.display_name
    set_memberships(user, organizations if role == "agency" else [])
    session.flush()


def organizations_by_ids(ids: list[str]) -> list[Organization]:
    """The organizations with these ids (unknown ids are dropped)."""
    if not ids:
        return []
    return list(session.execute(
        select(Organization).where(Organization.id.in_(ids)).order_by(Organization.name)
    ).scalars())
