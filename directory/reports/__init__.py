"""Reports over referrals: aggregates only, never client data."""
