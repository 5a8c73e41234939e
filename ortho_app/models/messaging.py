"""messaging tables (filled by its issue)."""
