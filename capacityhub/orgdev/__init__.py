"""Organizational self-assessment rounds, development plans and reassessment."""
