"""Barnstars and badges issued as verifiable Open Badges 3.0 credentials."""
