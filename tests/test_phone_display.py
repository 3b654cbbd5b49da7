"""Phone numbers on public pages: stored in E.164 by the editing forms, shown as people write
them ("(614) 555-0199"), with ``tel:`` links that keep the full international number."""

from __future__ import annotations

import html

import pytest

from directory.catalog.models import Phone
from directory.web.filters import phone_display


@pytest.mark.parametrize(("stored", "shown"), [
    ("+16145550199", "(614) 555-0199"),
    ("+442079460000", "+44 20 7946 0000"),  # abroad: international format
    ("(503) 555-0100", "(503) 555-0100"),  # typed another way: as written
    ("1-800-RECOVERY", "1-800-RECOVERY"),
    ("988", "988"),
    ("", ""),
    (None, ""),
])
def test_phone_display(stored, shown):
    assert phone_display(stored) == shown


def test_service_page_shows_national_format_and_dials_e164(client, make_service):
    service = make_service(phones=[Phone(number="+16145550199", type="voice"),
                                   Phone(number="+442079460000", type="fax")])
    body = html.unescape(client.get(f"/services/{service.id}").get_data(as_text=True))
    assert '<a href="tel:+16145550199">(614) 555-0199</a>' in body
    assert '<a href="tel:+442079460000">+44 20 7946 0000</a>' in body
    assert ">+16145550199<" not in body


def test_search_results_show_national_format(client, make_service):
    make_service(name="Columbus Coaching", phones=[Phone(number="+16145550199")])
    body = html.unescape(client.get("/search", query_string={"place": "97204"})
                         .get_data(as_text=True))
    assert "Columbus Coaching" in body
    assert 'href="tel:+16145550199"' in body
    assert "(614) 555-0199</a>" in body and "+16145550199</a>" not in body
