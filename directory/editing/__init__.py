"""Agencies editing their listings: forms, the sensitive-change hold, review and history.

- :mod:`directory.editing.fields` says which fields of which record may be edited, how to read
  and write them as JSON-ready values, and which are *sensitive* (held for review).
- :mod:`directory.editing.changes` applies or holds a set of edits (the one entry point views call).
- :mod:`directory.editing.review` approves or rejects held changes; :mod:`.history` reads and
  reverts the HSDS ``metadata`` rows every applied change writes.
"""
