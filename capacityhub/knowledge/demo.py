"""Demo content of the knowledge app for `manage.py seed_demo` (deterministic for a seed)."""


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    return "knowledge: nothing yet."
