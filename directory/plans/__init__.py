"""Support plans: a client's set of referrals and the check-ins that keep them connected."""
