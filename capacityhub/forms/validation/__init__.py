"""Checking a form's questions (questions.py) and a respondent's answers (answers.py). Pure:
plain data in, plain data out, no database, so the rules are tested without one and the page,
the API and imports share them."""
