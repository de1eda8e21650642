"""A small fixed-window rate limiter on Django's cache, for actions that must not be repeated
without bound (creating API tokens, …). The default cache is shared by every worker (Redis, or
the database cache without REDIS_URL; decision 0018), so the count is one for all of them."""

import time

from django.core.cache import cache
from django.core.exceptions import ValidationError


class RateLimited(ValidationError):
    """Too many attempts; a ValidationError, so forms show it on the field it names. The API
    answers 429 with Retry-After."""

    def __init__(self, message, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def hit(key: str, limit: int, period: int) -> bool:
    """Count one attempt at `key`: True while no more than `limit` attempts fell in the current
    window of `period` seconds, False once the limit is passed."""
    window = int(time.time() // period)
    counter = f"ratelimit:{key}:{period}:{window}"
    cache.add(counter, 0, timeout=period + 1)
    try:
        count = cache.incr(counter)
    except ValueError:  # the window expired between add() and incr()
        cache.set(counter, 1, timeout=period + 1)
        count = 1
    return count <= limit


def seconds_left(period: int) -> int:
    """Seconds until the current window of `period` seconds ends."""
    return max(1, period - int(time.time() % period))
