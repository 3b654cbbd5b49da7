"""Notes on a referral: a thread the coordinator and the receiving agency both see."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from directory.audit.service import record
from directory.authz import can
from directory.database import session
from directory.referrals.errors import InvalidData, TransitionNotAllowed
from directory.referrals.models import Referral, ReferralNote

MAX_NOTE_LENGTH = 4000


def add_note(referral: Referral, author, body: str) -> ReferralNote:
    """Add ``body`` to the referral's thread as ``author``; flushes and audits."""
    if not can(author, "referral.note", referral):
        raise TransitionNotAllowed(_l("You cannot add a note to this referral."))
    body = (body or "").strip()
    if not body:
        raise InvalidData(_l("Write the note first."), field="body")
    if len(body) > MAX_NOTE_LENGTH:
        raise InvalidData(_l("Keep the note under %(count)d characters.",
                             count=MAX_NOTE_LENGTH), field="body")
    note = ReferralNote(referral=referral, author_id=author.id, body=body)
    session.add(note)
    session.flush()
    record("create", note, detail="note added", client_id=referral.client_id, user=author)
    return note
