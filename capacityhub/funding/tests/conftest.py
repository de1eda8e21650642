from .fixtures import award, finance  # noqa: F401
