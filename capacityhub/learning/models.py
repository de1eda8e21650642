"""TODO: this app's models."""
