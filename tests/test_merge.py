"""Merging a duplicate organization: preview, everything moves in one transaction (services,
locations, memberships, claims, referrals and consents), history rows, nothing left behind."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.accounts.models import Membership
from directory.catalog.models import Location, MetadataRecord, Organization, Phone, Service
from directory.claims.models import ClaimRequest
from directory.database import Base
from directory.referrals.models import Client, Consent, Referral
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD


def _engine(app):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _refer(app, service, coordinator_id: str) -> tuple[str, str]:
    """A client referred to ``service`` under a consent naming its organization."""
    with Session(_engine(app)) as db:
        client = Client(display_name="J. D.", preferred_contact="phone",
                        created_by_id=coordinator_id)
        consent = Consent(client=client, disclosing_party="Lakeview Treatment Center",
                          recipient_organization_id=service.organization_id, purpose="Referral",
                          information_scope="Name and contact", right_to_revoke_explained=True,
                          signature_method="attested", signed_on=date.today(),
                          expires_on=date.today() + timedelta(days=90),
                          recorded_by_id=coordinator_id)
        referral = Referral(client=client, service_id=service.id,
                            organization_id=service.organization_id, consent=consent,
                            created_by_id=coordinator_id, status="sent")
        db.add_all([client, consent, referral])
        db.commit()
        return referral.id, consent.id


def test_merge_moves_everything_and_deletes_the_duplicate(
        app, client, auth, make_organization, make_service, make_location, make_user):
    keep = make_organization(name="Riverside Recovery Center")
    duplicate = make_organization(name="Riverside Recovery Centre (duplicate)")
    keep_id, duplicate_id = keep.id, duplicate.id
    make_service(organization=keep, name="Riverside Coaching")
    moved_service = make_service(organization=duplicate, name="Riverside Family Groups")
    lone_location = make_location(organization=duplicate, name="Riverside Annex")
    both = make_user(role="agency", email="both@riverside.org", organizations=[keep, duplicate])
    only_dup = make_user(role="agency", email="dup@riverside.org", organizations=[duplicate])
    coordinator = make_user(role="coordinator")
    referral_id, consent_id = _refer(app, moved_service, coordinator.id)
    with Session(_engine(app)) as db:
        db.add(ClaimRequest(user_id=coordinator.id, organization_id=duplicate_id,
                            status="pending"))
        db.commit()
    admin = make_user(role="admin")
    auth.login(admin.email, DEFAULT_PASSWORD)

    search = client.get(f"/admin/organizations/{keep_id}/merge", query_string={"q": "centre"})
    assert f"duplicate={duplicate_id}" in search.text
    preview = client.get(f"/admin/organizations/{keep_id}/merge",
                         query_string={"duplicate": duplicate_id})
    assert preview.status_code == 200 and "Riverside Family Groups" in preview.text
    # Without ticking the confirmation nothing happens.
    unconfirmed = client.post(f"/admin/organizations/{keep_id}/merge", data={
        "duplicate_id": duplicate_id, "csrf_token": csrf_token(preview.text)})
    assert unconfirmed.status_code == 400
    with Session(_engine(app)) as db:
        assert db.get(Organization, duplicate_id) is not None

    response = client.post(f"/admin/organizations/{keep_id}/merge", data={
        "duplicate_id": duplicate_id, "confirm": "y", "csrf_token": csrf_token(preview.text)})
    assert response.status_code == 302

    with Session(_engine(app)) as db:
        assert db.get(Organization, duplicate_id) is None
        assert db.get(Service, moved_service.id).organization_id == keep_id
        assert db.get(Location, lone_location.id).organization_id == keep_id
        assert db.get(Location, moved_service.locations[0].id).organization_id == keep_id
        assert db.get(Referral, referral_id).organization_id == keep_id
        assert db.get(Consent, consent_id).recipient_organization_id == keep_id
        members = db.execute(select(Membership.user_id).where(
            Membership.organization_id == keep_id)).scalars().all()
        assert sorted(members) == sorted([both.id, only_dup.id])
        assert db.execute(select(ClaimRequest.organization_id)).scalar_one() == keep_id
        # Nothing anywhere still points at the deleted organization.
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name == "dir_organization":
                    left = db.execute(select(func.count()).select_from(table)
                                      .where(fk.parent == duplicate_id)).scalar_one()
                    assert left == 0, f"{table.name}.{fk.parent.name}"
        assert db.execute(select(func.count()).select_from(Phone).where(
            Phone.organization_id == keep_id)).scalar_one() == 2  # its own and the duplicate's
        history = db.execute(select(MetadataRecord).where(
            MetadataRecord.last_action_type == "merge")).scalars().all()
        assert {(row.resource_type, row.resource_id) for row in history} >= {
            ("service", moved_service.id), ("location", lone_location.id),
            ("organization", keep_id)}

    # The moved service is found under the kept organization, publicly and in search.
    page = client.get(f"/services/{moved_service.id}")
    assert page.status_code == 200 and "Riverside Recovery Center" in page.text
    found = client.get("/search.json", query_string={"place": "97204", "radius": "50"})
    hits = {hit["id"]: hit for hit in found.get_json()["results"]}
    assert hits[moved_service.id]["organization"] == "Riverside Recovery Center"


def test_cannot_merge_an_organization_into_itself(client, auth, make_organization, make_user):
    organization = make_organization()
    admin = make_user(role="admin")
    auth.login(admin.email, DEFAULT_PASSWORD)
    assert client.get(f"/admin/organizations/{organization.id}/merge",
                      query_string={"duplicate": organization.id}).status_code == 404
