import pytest

from capacityhub.core import ratelimit


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    return now


def test_hits_up_to_the_limit_pass_and_the_next_one_does_not(clock):
    results = [ratelimit.hit("tokens:1", limit=3, period=60) for _ in range(4)]

    assert results == [True, True, True, False]


def test_each_key_counts_on_its_own(clock):
    for _ in range(3):
        ratelimit.hit("tokens:1", limit=3, period=60)

    assert ratelimit.hit("tokens:2", limit=3, period=60)
    assert not ratelimit.hit("tokens:1", limit=3, period=60)


def test_a_new_window_starts_a_new_count(clock):
    for _ in range(4):
        ratelimit.hit("tokens:1", limit=3, period=60)

    clock[0] += 60

    assert ratelimit.hit("tokens:1", limit=3, period=60)


def test_seconds_left_counts_down_to_the_end_of_the_window(clock):
    clock[0] = 3600 * 10 + 600

    assert ratelimit.seconds_left(3600) == 3000
