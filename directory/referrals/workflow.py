"""The referral state machine: ONE declared transition table, and the verb that applies it.

States follow the HL7 FHIR SDOH referral task::

    draft → sent → accepted → in_progress → completed | not_completed
                 ↘ declined    ↘ completed | not_completed   (shortcut, see below)
    draft | sent | accepted | in_progress → cancelled

Decision: ``accepted → completed | not_completed`` is allowed. Many services are one visit (a
meeting, an assessment) and agencies close them without first marking "in progress"; the
history still shows the path taken. Everything else is refused.

Sides: the coordinator (who made the referral) sends and cancels; the receiving agency accepts,
declines, starts and closes; an admin may take any transition. ``transition`` checks the
policy through :func:`directory.authz.can`, so a user outside the referral's reach is refused
too.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from directory.audit.service import record
from directory.authz import can
from directory.clock import utc_now
from directory.database import session
from directory.referrals import consents, notify
from directory.referrals.errors import (
    ConsentRequired,
    IllegalTransition,
    ReasonRequired,
    ReferralChanged,
    TransitionNotAllowed,
)
from directory.referrals.models import REASON_CODES, Referral, ReferralEvent

COORDINATOR = "coordinator"
AGENCY = "agency"

#: Statuses a referral can still move from (and be cancelled in).
OPEN_STATUSES = ("draft", "sent", "accepted", "in_progress")
#: Final statuses.
CLOSED_STATUSES = ("declined", "completed", "not_completed", "cancelled")
#: Statuses that need a reason code (``other`` needs text too).
REASON_REQUIRED = ("declined", "not_completed")


@dataclass(frozen=True)
class Transition:
    """One edge of the state machine: who takes it, under which policy action."""

    source: str
    target: str
    side: str  # COORDINATOR or AGENCY (admins may take every edge)
    action: str  # the POLICY action checked with can()
    label: object  # button text


def _edges() -> dict[tuple[str, str], Transition]:
    edges = [
        Transition("draft", "sent", COORDINATOR, "referral.create", _l("Send referral")),
        Transition("sent", "accepted", AGENCY, "referral.respond", _l("Accept")),
        Transition("sent", "declined", AGENCY, "referral.respond", _l("Decline")),
        Transition("accepted", "in_progress", AGENCY, "referral.respond",
                   _l("Mark in progress")),
        Transition("accepted", "completed", AGENCY, "referral.respond", _l("Mark completed")),
        Transition("accepted", "not_completed", AGENCY, "referral.respond",
                   _l("Close as not completed")),
        Transition("in_progress", "completed", AGENCY, "referral.respond",
                   _l("Mark completed")),
        Transition("in_progress", "not_completed", AGENCY, "referral.respond",
                   _l("Close as not completed")),
    ]
    edges += [Transition(status, "cancelled", COORDINATOR, "referral.cancel",
                         _l("Cancel referral")) for status in OPEN_STATUSES]
    return {(edge.source, edge.target): edge for edge in edges}


#: THE transition table: (from, to) → Transition.
TRANSITIONS: dict[tuple[str, str], Transition] = _edges()


def find(source: str, target: str) -> Transition | None:
    """The declared transition from ``source`` to ``target``, or None."""
    return TRANSITIONS.get((source, target))


def may_take(user, edge: Transition, referral: Referral) -> bool:
    """Whether ``user`` may take ``edge`` on ``referral`` (side, then the policy)."""
    if user is None or user.role not in ("admin", edge.side):
        return False
    return can(user, edge.action, referral)


def available(referral: Referral, user) -> list[Transition]:
    """The transitions ``user`` may take from the referral's current status."""
    return [edge for (source, _target), edge in TRANSITIONS.items()
            if source == referral.status and may_take(user, edge, referral)]


def _check_reason(to_status: str, reason_code: str | None, reason_text: str | None
                  ) -> tuple[str | None, str | None]:
    reason_code = reason_code or None
    reason_text = (reason_text or "").strip() or None
    if reason_code is not None and reason_code not in REASON_CODES:
        raise ReasonRequired(_l("Choose a reason from the list."), field="reason_code")
    if to_status in REASON_REQUIRED and reason_code is None:
        raise ReasonRequired(_l("Choose a reason."), field="reason_code")
    if reason_code == "other" and reason_text is None:
        raise ReasonRequired(_l("Describe the reason in a few words."), field="reason_text")
    return reason_code, reason_text


def transition(referral: Referral, to_status: str, actor, *, reason_code: str | None = None,
               reason_text: str | None = None, expected_version: int) -> ReferralEvent:
    """Move ``referral`` to ``to_status`` as ``actor``; flushes, audits and queues email.

    Raises :class:`ReferralChanged` when ``expected_version`` is not the referral's version
    (or another transaction changed the row first), :class:`IllegalTransition`,
    :class:`TransitionNotAllowed`, :class:`ReasonRequired` or :class:`ConsentRequired`.
    """
    if expected_version != referral.version:
        raise ReferralChanged(_l("This referral changed while you were looking at it; reload to "
                                 "see the latest."))
    source = referral.status
    edge = find(source, to_status)
    if edge is None:
        raise IllegalTransition(_l("A referral that is %(source)s cannot become %(target)s.",
                                   source=source, target=to_status))
    if not may_take(actor, edge, referral):
        raise TransitionNotAllowed(_l("You cannot make this change to the referral."))
    reason_code, reason_text = _check_reason(to_status, reason_code, reason_text)
    if to_status == "sent":
        consent = consents.valid_consent_for(referral.client, referral.organization_id)
        if consent is None:
            raise ConsentRequired(_l("Record the client's consent to disclose to %(name)s "
                                     "before sending.", name=referral.organization.name),
                                  field="consent")
        referral.consent_id = consent.id
    now = utc_now()
    referral.status = to_status
    referral.reason_code = reason_code
    referral.reason_text = reason_text
    if to_status == "sent":
        referral.sent_at = now
    elif edge.side == AGENCY and referral.first_response_at is None:
        referral.first_response_at = now
    if to_status in CLOSED_STATUSES:
        referral.closed_at = now
    event = ReferralEvent(referral=referral, at=now, actor_id=actor.id, from_status=source,
                          to_status=to_status, reason_code=reason_code, reason_text=reason_text)
    session.add(event)
    try:
        session.flush()
    except StaleDataError:
        # Another transaction committed a change to this row first (version_id_col).
        session.rollback()
        raise ReferralChanged(_l("This referral changed while you were looking at it; reload "
                                 "to see the latest.")) from None
    record("update", referral, detail=f"status {source}→{to_status}", user=actor)
    notify.after_transition(referral, edge)
    return event
