"""Authorization: one declared policy table (``policy.POLICY``) decides who may do what.

Views declare their action with :func:`requires`; object-level checks go through
:func:`authorized` (404 for anything outside the user's reach) or :func:`can`.
"""

from directory.authz.core import (
    authorized,
    can,
    owner_check,
    requires,
    route_action,
    scope_for,
)
from directory.authz.policy import ANY, NONE, OWN, POLICY, PUBLIC_BLUEPRINTS, PUBLIC_ENDPOINTS

__all__ = [
    "ANY",
    "NONE",
    "OWN",
    "POLICY",
    "PUBLIC_BLUEPRINTS",
    "PUBLIC_ENDPOINTS",
    "authorized",
    "can",
    "owner_check",
    "requires",
    "route_action",
    "scope_for",
]
from directory.authz import ownership as _ownership  # noqa: E402,F401 - registers the checks
