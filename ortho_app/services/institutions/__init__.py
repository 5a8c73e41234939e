"""Practices, labs and their staff accounts: `setup` (a real practice's first run)."""
