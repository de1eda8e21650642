"""Writes for recognition: barnstars (give, hide, report, moderate), achievements and awards
(define, award by hand or by rule, revoke, show on profile)."""
