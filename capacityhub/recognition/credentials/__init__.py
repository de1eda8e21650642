"""Open Badges 3.0 credentials: building, signing (eddsa-rdfc-2022 and VC-JWT), status lists and
verification. Pure except for `keys` (the signing keys live in the database)."""
