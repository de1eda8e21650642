"""Pages of the selection workflow (calls, applications, review, decisions)."""
