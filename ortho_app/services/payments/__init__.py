"""Payments: fees, balance, the amount decision under a ledger lock, the payment state
machine, Stripe (or its labelled test mode) and idempotent webhook application.

Framework-free: plain values and DB sessions; money is Decimal (integer cents in tables).
"""
