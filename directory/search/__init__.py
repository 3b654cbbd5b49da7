"""Search: the index (one row per service and place), its upkeep, and the query engine."""
