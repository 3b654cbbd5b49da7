"""The state machine through the service layer: every legal transition, every illegal pair,
reasons, consent, and a hypothesis model of the table."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select

from directory.accounts.models import User
from directory.referrals import workflow
from directory.referrals.errors import (
    ConsentRequired,
    IllegalTransition,
    ReasonRequired,
    ReferralChanged,
    TransitionNotAllowed,
)
from directory.referrals.models import REASON_CODES, REFERRAL_STATUSES, Referral, ReferralEvent
from tests.test_referrals_support import world  # noqa: F401

LEGAL = sorted(workflow.TRANSITIONS)
ILLEGAL = [pair for pair in product(REFERRAL_STATUSES, REFERRAL_STATUSES)
           if pair not in workflow.TRANSITIONS]


def _events(session, referral_id) -> int:
    return session.execute(select(func.count()).select_from(ReferralEvent)
                           .where(ReferralEvent.referral_id == referral_id)).scalar_one()


def test_the_table_is_the_documented_one():
    assert set(LEGAL) == {
        ("draft", "sent"), ("sent", "accepted"), ("sent", "declined"),
        ("accepted", "in_progress"), ("accepted", "completed"), ("accepted", "not_completed"),
        ("in_progress", "completed"), ("in_progress", "not_completed"),
        ("draft", "cancelled"), ("sent", "cancelled"), ("accepted", "cancelled"),
        ("in_progress", "cancelled")}
    assert len(ILLEGAL) == 64 - len(LEGAL)


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_every_legal_transition_writes_one_history_row(app, world, source, target):  # noqa: F811
    referral_id = world.make_referral(source)
    with app.test_request_context():
        from directory.database import session

        referral = session.get(Referral, referral_id)
        actor = session.get(User, world.admin.id)
        before = _events(session, referral_id)
        reason = "no_capacity" if target in workflow.REASON_REQUIRED else None
        event = workflow.transition(referral, target, actor, reason_code=reason,
                                    expected_version=referral.version)
        session.commit()
        assert (event.from_status, event.to_status, event.actor_id) == (source, target, actor.id)
        assert referral.status == target and referral.version == 2
        assert _events(session, referral_id) == before + 1
        if target == "sent":
            assert referral.sent_at is not None and referral.consent_id == world.consent_id
        if target in workflow.CLOSED_STATUSES:
            assert referral.closed_at is not None


def test_every_illegal_pair_is_refused_and_writes_nothing(app, world):  # noqa: F811
    referral_ids = {status: world.make_referral(status) for status in REFERRAL_STATUSES}
    with app.test_request_context():
        from directory.database import session

        actor = session.get(User, world.admin.id)
        for source, target in ILLEGAL:
            referral = session.get(Referral, referral_ids[source])
            with pytest.raises(IllegalTransition):
                workflow.transition(referral, target, actor, reason_code="other",
                                    reason_text="x", expected_version=referral.version)
            session.rollback()
            assert _events(session, referral.id) == 1, (source, target)
            assert session.get(Referral, referral.id).status == source


@pytest.mark.parametrize("target", ["declined"])
def test_reasons_are_required(app, world, target):  # noqa: F811
    referral_id = world.make_referral("sent")
    with app.test_request_context():
        from directory.database import session

        referral = session.get(Referral, referral_id)
        actor = session.get(User, world.agency_a.id)
        with pytest.raises(ReasonRequired):
            workflow.transition(referral, target, actor, expected_version=1)
        with pytest.raises(ReasonRequired):
            workflow.transition(referral, target, actor, reason_code="other",
                                expected_version=1)
        with pytest.raises(ReasonRequired):
            workflow.transition(referral, target, actor, reason_code="bogus",
                                expected_version=1)
        workflow.transition(referral, target, actor, reason_code="other",
                            reason_text="Program closed", expected_version=1)
        session.commit()
        assert referral.reason_code == "other" and referral.first_response_at is not None


def test_sides_and_versions_are_checked(app, world):  # noqa: F811
    referral_id = world.make_referral("sent")
    with app.test_request_context():
        from directory.database import session

        referral = session.get(Referral, referral_id)
        coordinator = session.get(User, world.coordinator.id)
        agency_b = session.get(User, world.agency_b.id)
        agency_a = session.get(User, world.agency_a.id)
        with pytest.raises(TransitionNotAllowed):  # the coordinator cannot accept
            workflow.transition(referral, "accepted", coordinator, expected_version=1)
        with pytest.raises(TransitionNotAllowed):  # another organization's staff
            workflow.transition(referral, "accepted", agency_b, expected_version=1)
        with pytest.raises(TransitionNotAllowed):  # agencies cannot cancel
            workflow.transition(referral, "cancelled", agency_a, expected_version=1)
        with pytest.raises(ReferralChanged):
            workflow.transition(referral, "accepted", agency_a, expected_version=7)
        assert _events(session, referral_id) == 1


def test_sending_needs_consent_for_the_receiving_organization(app, world):  # noqa: F811
    referral_id = world.make_referral("draft", organization=world.org_b,
                                      service=world.service_b)
    with app.test_request_context():
        from directory.database import session

        referral = session.get(Referral, referral_id)
        with pytest.raises(ConsentRequired):
            workflow.transition(referral, "sent", session.get(User, world.coordinator.id),
                                expected_version=1)


class ReferralMachine(RuleBasedStateMachine):
    """Random walks over the table; the model is the table itself."""

    app = None
    world = None

    @initialize()
    def start(self):
        self.referral_id = self.world.make_referral("draft")
        self.model_status = "draft"
        self.model_events = 1
        self.context = self.app.test_request_context()
        self.context.push()

    def teardown(self):
        if hasattr(self, "context"):
            from directory.database import session

            session.rollback()
            self.context.pop()

    @rule(to_status=st.sampled_from(REFERRAL_STATUSES), role=st.sampled_from(
        ["admin", "coordinator", "agency"]), reason=st.sampled_from([None, *REASON_CODES]))
    def move(self, to_status, role, reason):
        target = to_status
        from directory.database import session

        session.expire_all()
        referral = session.get(Referral, self.referral_id)
        actor = session.get(User, {"admin": self.world.admin, "coordinator":
                                   self.world.coordinator, "agency": self.world.agency_a}[role].id)
        edge = workflow.TRANSITIONS.get((self.model_status, target))
        allowed = edge is not None and role in ("admin", edge.side)
        needs_reason = target in workflow.REASON_REQUIRED and reason is None
        try:
            workflow.transition(referral, target, actor, reason_code=reason, reason_text="why",
                                expected_version=referral.version)
            session.commit()
        except IllegalTransition:
            session.rollback()
            assert edge is None
        except TransitionNotAllowed:
            session.rollback()
            assert edge is not None and not allowed
        except ReasonRequired:
            session.rollback()
            assert allowed and needs_reason
        else:
            assert allowed and not needs_reason
            self.model_status = target
            self.model_events += 1

    @invariant()
    def matches_model(self):
        if not hasattr(self, "referral_id"):
            return
        from directory.database import session

        session.expire_all()
        assert session.get(Referral, self.referral_id).status == self.model_status
        assert _events(session, self.referral_id) == self.model_events


def test_state_machine_follows_the_table(app, world):  # noqa: F811
    ReferralMachine.app = app
    ReferralMachine.world = world
    run = settings(max_examples=25, stateful_step_count=12, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])(ReferralMachine)
    run.TestCase().runTest()
