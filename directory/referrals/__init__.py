"""Closed-loop referrals: clients, 42 CFR Part 2 consents, referrals and their history."""
