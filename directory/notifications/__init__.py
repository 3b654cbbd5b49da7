"""Email notifications through an outbox table, delivered by ``flask directory send-mail``."""
