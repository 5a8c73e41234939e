"""appointments tables (filled by its issue)."""
