"""The agency dashboard says when referrals wait in the inbox (counts only, no client data)."""

from __future__ import annotations

import html
from datetime import timedelta

from directory.clock import utc_now
from tests.test_referrals_support import CLIENT_NAME, sign_in, world  # noqa: F401 - fixture


def test_the_dashboard_points_to_waiting_and_overdue_referrals(client, world):  # noqa: F811
    sign_in(client, world.agency_a)
    page = html.unescape(client.get("/agency").get_data(as_text=True))
    assert "waiting for your answer" not in page

    world.make_referral("sent")
    world.make_referral("sent", sent_at=utc_now() - timedelta(days=10))
    world.make_referral("sent", organization=world.org_b, service=world.service_b)
    world.make_referral("accepted")
    page = html.unescape(client.get("/agency").get_data(as_text=True))
    assert "2 referrals are waiting for your answer." in page
    assert "1 is overdue." in page
    assert 'href="/inbox"' in page
    assert CLIENT_NAME not in page


def test_other_organizations_referrals_are_not_counted(client, world):  # noqa: F811
    world.make_referral("sent")
    sign_in(client, world.agency_b)
    page = html.unescape(client.get("/agency").get_data(as_text=True))
    assert "waiting for your answer" not in page
