"""Shared UI: app state base, layout, translations, components."""
