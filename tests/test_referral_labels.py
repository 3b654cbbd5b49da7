"""Client details read as words, not codes."""

from __future__ import annotations

import html

from sqlalchemy.orm import Session

from directory.referrals.models import Client
from tests.test_referrals_support import engine_of, sign_in, world  # noqa: F401 - fixture


def test_the_preferred_language_is_named(app, client, world):  # noqa: F811
    with Session(engine_of(app)) as session:
        session.get(Client, world.client_id).preferred_language = "es"
        session.commit()
    referral_id = world.make_referral("sent")
    sign_in(client, world.coordinator)
    page = html.unescape(client.get(f"/clients/{world.client_id}").get_data(as_text=True))
    assert "Spanish" in page
    agency = app.test_client()
    sign_in(agency, world.agency_a)
    page = html.unescape(agency.get(f"/referrals/{referral_id}").get_data(as_text=True))
    assert "<dd>Spanish</dd>" in page
