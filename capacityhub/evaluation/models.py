"""Evaluation models."""
