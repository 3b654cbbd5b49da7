"""Audit trail of client data: who read or wrote what, when (append-only for the application)."""

from directory.audit.guard import install as _install_guard

_install_guard()
