"""The coordinator's dashboard: what is due, overdue, waiting, answered or stalled."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from directory.audit.service import record
from directory.authz import requires
from directory.clock import utc_now
from directory.database import session
from directory.plans import dashboard, labels
from directory.referrals import deadlines
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_coordinator", __name__, private=True)



@bp.get("/coordinator", endpoint="dashboard")
@requires("dashboard.coordinator")
def dashboard_page():
    now = utc_now()
    board = dashboard.build(current_user, now)
    record("read", object_type="dashboard",
           detail=f"coordinator dashboard ({sum(board.counts.values())} items)")
    session.commit()
    return render_template("directory/coordinator/dashboard.html", board=board, today=now.date(),
                           due_on=deadlines.due_on, state_labels=labels.CHECKIN_STATE_LABELS)
