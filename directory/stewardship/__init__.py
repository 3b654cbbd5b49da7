"""Keeping listings current and trustworthy: availability, verification, merging duplicates,
publication, data quality and user administration. Functions flush, never commit."""
