"""Logic models, evaluation surveys, the Kirkpatrick matrix and what works where."""
