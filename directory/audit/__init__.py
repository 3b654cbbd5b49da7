"""Audit trail of client data: who read or wrote what, when (append-only for the application)."""
