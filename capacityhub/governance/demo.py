"""The governance app's demo content (see capacityhub/demo)."""


def write_demo(*, seed: int) -> str:
    """Write the demo content; return a one-line summary for the command's output."""
    return ""
