"""Funding models."""
