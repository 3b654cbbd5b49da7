"""Racing transitions on one referral: exactly one wins, the others get ReferralChanged.

Each thread has its own application context, so its own Session and connection, on the
suite's database (a SQLite FILE by default, or PostgreSQL with --database-url).
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from directory.accounts.models import User
from directory.referrals import workflow
from directory.referrals.errors import IllegalTransition, ReferralChanged
from directory.referrals.models import Referral, ReferralEvent
from tests.test_referrals_support import world  # noqa: F401

THREADS = 8


def test_only_one_of_racing_answers_wins(app, world):  # noqa: F811
    referral_id = world.make_referral("sent")
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def answer(index: int) -> None:
        target = "accepted" if index % 2 else "declined"
        outcome = "error"
        with app.test_request_context():
            from directory.database import session

            try:
                referral = session.get(Referral, referral_id)
                actor = session.get(User, world.agency_a.id)
                version = referral.version
                session.commit()  # end the read transaction: each racer starts fresh
                barrier.wait(timeout=30)
                workflow.transition(referral, target, actor, reason_code="no_capacity",
                                    expected_version=version)
                session.commit()
                outcome = "won"
            except (ReferralChanged, IllegalTransition):
                outcome = "lost"
            except OperationalError as error:
                # SQLite: "database is locked" after the busy timeout is a lost race too.
                outcome = "lost" if "locked" in str(error) else f"error: {error}"
            finally:
                session.rollback()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["lost"] * (THREADS - 1) + ["won"], outcomes
    with app.app_context():
        from directory.database import session

        referral = session.get(Referral, referral_id)
        assert referral.version == 2
        assert referral.status in ("accepted", "declined")
        events = session.execute(select(func.count()).select_from(ReferralEvent)
                                 .where(ReferralEvent.referral_id == referral_id)).scalar_one()
        assert events == 2  # the creation, and the one successful answer


def test_a_stale_form_gets_409(app, client, world):  # noqa: F811
    from tests.test_referrals_support import sign_in, token

    referral_id = world.make_referral("sent")
    sign_in(client, world.agency_a)
    url = f"/referrals/{referral_id}/transition"
    page_token = token(client, f"/referrals/{referral_id}")
    first = client.post(url, data={"csrf_token": page_token, "to_status": "accepted",
                                   "version": "1"})
    assert first.status_code == 302
    second = client.post(url, data={"csrf_token": page_token, "to_status": "declined",
                                    "version": "1", "reason_code": "no_capacity"})
    assert second.status_code == 409
    assert "This referral changed while you were looking at it" in second.get_data(as_text=True)
    as_json = client.post(url, data={"csrf_token": page_token, "to_status": "in_progress",
                                     "version": "1"}, headers={"Accept": "application/json"})
    assert as_json.status_code == 409 and as_json.get_json()["error"] == "conflict"
