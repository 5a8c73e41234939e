"""Authentication primitives: password hashing, server-side sessions, one-time codes."""
