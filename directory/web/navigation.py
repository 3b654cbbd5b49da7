"""The signed-in navigation: each role sees the pages its policy entries allow."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from directory.authz import can

#: (endpoint, label, action) in display order; links to absent endpoints are skipped.
STAFF_LINKS = (
    ("directory_coordinator.dashboard", _l("Dashboard"), "dashboard.coordinator"),
    ("directory_referrals.clients", _l("Clients"), "client.list"),
    ("directory_referrals.referrals", _l("Referrals"), "referral.create"),
    ("directory_referrals.inbox", _l("Referral inbox"), "inbox.view"),
    ("directory_agency.dashboard", _l("Our listings"), "dashboard.agency"),
    ("directory_reports.referrals", _l("Reports"), "report.view"),
    ("directory_admin.home", _l("Administration"), "admin.home"),
    ("directory_claims.account", _l("My account"), "account.self"),
)

#: Where each role lands after signing in (the first that exists).
HOME_ENDPOINTS = {
    "admin": ("directory_admin.home",),
    "coordinator": ("directory_coordinator.dashboard",),
    "agency": ("directory_agency.dashboard", "directory_referrals.inbox"),
}


def staff_nav_links() -> list[tuple[str, str]]:
    """(endpoint, label) pairs for the signed-in user's navigation."""
    if not current_user.is_authenticated:
        return []
    views = current_app.view_functions
    return [(endpoint, str(label)) for endpoint, label, action in STAFF_LINKS
            if endpoint in views and can(current_user, action)]


def home_endpoint(user) -> str:
    """The page a user starts from after signing in."""
    views = current_app.view_functions
    for endpoint in HOME_ENDPOINTS.get(user.role, ()):
        if endpoint in views:
            return endpoint
    return "directory.home"


def inject_navigation() -> dict:
    return {"staff_nav_links": staff_nav_links}
