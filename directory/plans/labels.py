"""Words shown for plan and check-in states (translatable), and badge tones."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from directory.plans import stalled

PLAN_STATUS_LABELS = {"active": _l("Active"), "closed": _l("Closed")}

CHECKIN_STATE_LABELS = {
    "made": _l("Made"),
    "missed": _l("Missed"),
    "overdue": _l("Overdue"),
    "due_today": _l("Due today"),
    "upcoming": _l("Upcoming"),
}
CHECKIN_STATE_TONES = {
    "made": "ok", "missed": "warning", "overdue": "warning", "due_today": "info",
    "upcoming": "muted",
}

STALL_REASON_LABELS = {
    stalled.REASON_OVERDUE: _l("A check-in is more than a week overdue."),
    stalled.REASON_DEAD_ENDS: _l("Every referral in the plan ended without a connection."),
    stalled.REASON_QUIET: _l("No check-in recorded in the last 30 days."),
}

OUTCOME_LABELS = {"made": _l("Made: we talked"), "missed": _l("Missed: could not reach them")}
