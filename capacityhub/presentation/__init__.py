"""Words and shapes shared by the two delivery layers (`api`, `web`), which may not import
each other: the domain returns data; what it is called in the reader's language, and the plain
JSON shape both the API and the page downloads give, are built here."""
