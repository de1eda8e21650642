"""What every API domain package shares: schemas and input types (schemas.py), pages
(pagination.py), references to people and organizations (refs.py) and the request's content
language (language.py). A missing object needs no helper here: selectors raise
`DoesNotExist`, which the API answers with 404 (the handlers in `api/__init__.py`)."""
