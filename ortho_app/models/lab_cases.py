"""lab_cases tables (filled by its issue)."""
