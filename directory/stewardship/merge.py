"""Merging a duplicate organization into the one that stays.

Everything that belongs to or points at the duplicate moves to the kept organization in the
caller's transaction: services, locations, programs, phones, contacts, funding, identifiers,
child organizations, memberships, claims, pending changes, and the referrals and consents sent
to it. Each moved catalog record gets an HSDS ``metadata`` row (``merge``), and so does the kept
organization. Then the duplicate is **deleted**: an unpublished shell would keep showing in
admin lists and pick-lists, and its history rows (which stay) record where it went.

Catalog rows move through the ORM so the search index sees them; any other table that points at
organizations (one added later, say) is swept with a plain UPDATE so nothing is left dangling.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from directory.accounts.models import Membership
from directory.catalog.models import (
    Contact,
    Funding,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    Service,
)
from directory.claims.models import ClaimRequest
from directory.database import Base, session
from directory.editing.models import PendingChange
from directory.errors import DirectoryError
from directory.referrals.models import Consent, Referral
from directory.stewardship.history import record_change


class CannotMerge(DirectoryError):
    """The two organizations cannot be merged (the same one, or one is missing)."""


#: (label key, model, foreign key attribute) of everything that moves, catalog first.
MOVED = (
    ("services", Service, "organization_id"),
    ("locations", Location, "organization_id"),
    ("programs", Program, "organization_id"),
    ("phones", Phone, "organization_id"),
    ("contacts", Contact, "organization_id"),
    ("funding", Funding, "organization_id"),
    ("identifiers", OrganizationIdentifier, "organization_id"),
    ("child_organizations", Organization, "parent_organization_id"),
    ("memberships", Membership, "organization_id"),
    ("claims", ClaimRequest, "organization_id"),
    ("pending_changes", PendingChange, "organization_id"),
    ("referrals", Referral, "organization_id"),
    ("consents", Consent, "recipient_organization_id"),
)
#: Resource types whose moved rows get a history row.
HISTORY_TYPES = {Service: "service", Location: "location"}


@dataclass(frozen=True)
class MergePreview:
    """How many rows of each kind would move from ``duplicate`` to ``keep``."""

    keep: Organization
    duplicate: Organization
    counts: dict[str, int]
    service_names: list[str]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _rows(model, column: str, organization_id: str) -> list:
    return list(session.execute(
        select(model).where(getattr(model, column) == organization_id)
    ).scalars())


def preview(keep: Organization, duplicate: Organization) -> MergePreview:
    """What merging ``duplicate`` into ``keep`` would move (nothing is changed)."""
    _check(keep, duplicate)
    counts = {
        key: session.execute(
            select(func.count()).select_from(model)
            .where(getattr(model, column) == duplicate.id)
        ).scalar_one()
        for key, model, column in MOVED
    }
    names = list(session.execute(
        select(Service.name).where(Service.organization_id == duplicate.id).order_by(Service.name)
    ).scalars())
    return MergePreview(keep, duplicate, counts, names)


def _check(keep: Organization | None, duplicate: Organization | None) -> None:
    if keep is None or duplicate is None or keep.id == duplicate.id:
        raise CannotMerge()


def merge(keep: Organization, duplicate: Organization, admin) -> MergePreview:
    """Move everything of ``duplicate`` to ``keep``, then delete ``duplicate``. Flushes."""
    summary = preview(keep, duplicate)
    member_ids = {m.user_id for m in _rows(Membership, "organization_id", keep.id)}
    for _key, model, column in MOVED:
        for row in _rows(model, column, duplicate.id):
            if model is Membership and row.user_id in member_ids:
                session.delete(row)  # already a member of the kept organization
                continue
            if model is PendingChange and row.resource_type == "organization" \
                    and row.resource_id == duplicate.id and row.status == "pending":
                row.status = "superseded"  # a proposal for the record that goes away
            setattr(row, column, keep.id)
            if model in HISTORY_TYPES:
                record_change(HISTORY_TYPES[model], row.id, "organization_id", duplicate.id,
                              keep.id, admin.email, action="merge")
    session.flush()
    _sweep_other_references(duplicate.id, keep.id)
    record_change("organization", keep.id, "merged_from", duplicate.name, duplicate.id,
                  admin.email, action="merge")
    record_change("organization", duplicate.id, "merged_into", duplicate.id, keep.id,
                  admin.email, action="merge")
    session.expire(duplicate)  # its collections now load empty: the delete cascades nothing
    session.delete(duplicate)
    session.flush()
    session.expire_all()  # moved rows still hold the deleted organization in memory
    return summary


def _sweep_other_references(old_id: str, new_id: str) -> None:
    """Point any other foreign key at ``dir_organization`` from ``old_id`` to ``new_id``."""
    handled = {(model.__table__.name, getattr(model, column).property.columns[0].name)
               for _key, model, column in MOVED}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "dir_organization":
                continue
            if (table.name, fk.parent.name) in handled:
                continue
            session.execute(
                update(table).where(fk.parent == old_id).values({fk.parent.name: new_id})
            )
