"""payments tables (filled by its issue)."""
