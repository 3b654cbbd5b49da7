"""Reviewers are warned when a proposed phone number could take callers elsewhere."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.editing.models import PendingChange
from tests.test_editing import _edit, _engine, world  # noqa: F401 - fixture


def _review_page(app, client, auth, world, number: str) -> str:  # noqa: F811
    service = world["service"]  # offered in Portland, Oregon
    auth.login(world["agency"].email, world["agency"].password)
    assert _edit(client, f"/manage/services/{service.id}",
                 {"phones-0-number": number}).status_code == 302
    auth.logout()
    with Session(_engine(app)) as session:
        change_id = session.execute(select(PendingChange.id)).scalar_one()
    auth.login(world["admin"].email, world["admin"].password)
    return html.unescape(client.get(f"/admin/changes/{change_id}").get_data(as_text=True))


@pytest.mark.parametrize(("number", "warning"), [
    ("(800) 555-0100", "toll-free or premium line"),
    ("(312) 555-0147", "area code from Illinois, but the listing is in Oregon"),
])
def test_numbers_that_could_reroute_callers_are_flagged(app, client, auth, world,  # noqa: F811
                                                        number, warning):
    page = _review_page(app, client, auth, world, number)
    assert "Check before approving:" in page
    assert warning in page


def test_a_local_number_is_not_flagged(app, client, auth, world):  # noqa: F811
    page = _review_page(app, client, auth, world, "(971) 555-0188")
    assert "Check before approving:" not in page
