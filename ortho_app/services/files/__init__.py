"""Stored files as records reach them: `access` (who may have a file, by the record it
belongs to — the one rule of every route that serves a file)."""
