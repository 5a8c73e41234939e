"""documents tables (filled by its issue)."""
