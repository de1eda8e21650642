"""OrgDev models."""
