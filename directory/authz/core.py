"""Deciding, from :data:`directory.authz.policy.POLICY`, whether the current user may act."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app
from flask_login import current_user

from directory.authz.policy import ANY, NONE, OWN, POLICY
from directory.database import session

T = TypeVar("T")

#: type → predicate(user, obj): is ``obj`` within ``user``'s own reach?
_OWNER_CHECKS: dict[type, Callable[[Any, Any], bool]] = {}


def owner_check(cls: type) -> Callable:
    """Register the function that says whether an object of ``cls`` is a user's own."""

    def register(predicate: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
        _OWNER_CHECKS[cls] = predicate
        return predicate

    return register


def scope_for(user, action: str) -> str:
    """The scope ``user`` has for ``action``: ``none``, ``own`` or ``any``."""
    if action not in POLICY:
        raise KeyError(f"No policy entry for action {action!r}")
    if user is None or not getattr(user, "is_authenticated", False):
        return NONE
    return POLICY[action].get(user.role, NONE)


def owns(user, obj) -> bool:
    """Whether ``obj`` is within ``user``'s own reach (by the check registered for its type)."""
    for cls in type(obj).__mro__:
        if cls in _OWNER_CHECKS:
            return bool(_OWNER_CHECKS[cls](user, obj))
    raise TypeError(f"No owner check registered for {type(obj).__name__}")


def can(user, action: str, obj=None) -> bool:
    """May ``user`` take ``action`` (on ``obj``, when given)?

    Without an object, ``own`` scope allows the action: the caller then limits what it lists or
    creates to the user's own reach.
    """
    scope = scope_for(user, action)
    if scope == NONE:
        return False
    if scope == ANY or obj is None:
        return True
    return scope == OWN and owns(user, obj)


def requires(action: str) -> Callable:
    """Route decorator: sign-in required, and the user's role must have ``action`` at all.

    Anonymous users go to the sign-in page; a role without the action gets 403. Objects are
    checked inside the view with :func:`authorized`.
    """
    if action not in POLICY:
        raise KeyError(f"No policy entry for action {action!r}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if scope_for(current_user, action) == NONE:
                abort(403)
            return view(*args, **kwargs)

        wrapped.directory_action = action
        return wrapped

    return decorator


def route_action(view: Callable) -> str | None:
    """The action a view declared with :func:`requires` (None for undeclared views)."""
    return getattr(view, "directory_action", None)


def authorized(model: type[T], object_id: str | None, action: str, *, for_update=False) -> T:
    """Load ``model`` by id for ``action``, or answer 404: a missing object and one outside the
    user's reach look the same, so nothing about other organizations' data is disclosed.

    ``for_update`` locks the row (``SELECT ... FOR UPDATE`` where the database supports it).
    """
    obj = session.get(model, object_id, with_for_update=for_update) if object_id else None
    if obj is None or not can(current_user, action, obj):
        abort(404)
    return obj
