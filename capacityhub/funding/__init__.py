"""Budgets and the append-only, hash-chained double-entry funding ledger; public reports."""
