"""What every page package shares: form helpers (forms.py), the panels other apps add to
shared pages (panels.py), the object-or-404 lookup (lookup.py), and the home page (home.py)."""
