"""A separate process for the two-process matching test (`test_matching_processes.py`).

    python -m capacityhub.exchange.tests.matching_worker read
        then lines on stdin: "wait <offer id> <capacity id> <seconds>" → "found <seconds>" or
        "missing" once the offer is ranked for that capacity or the time is up;
    python -m capacityhub.exchange.tests.matching_worker write <username> <capacity id>
        makes an offer of that person, prints its id.
The database is the SQLite file named by SQLITE_PATH.
"""

import sys
import time


def main() -> None:
    import django

    django.setup()
    from capacityhub.community.models import User
    from capacityhub.exchange.matching import NeedSpec
    from capacityhub.exchange.selectors.matching_index import provider_index
    from capacityhub.taxonomy.models import Capacity

    from .factories_matching import offer

    if sys.argv[1] == "write":
        made = offer(User.objects.get(username=sys.argv[2]), Capacity.objects.get(pk=sys.argv[3]))
        print(made.pk, flush=True)
        return
    provider_index()
    print("ready", flush=True)
    for line in sys.stdin:
        _command, offer_id, capacity_id, seconds = line.split()
        spec = NeedSpec(capacity_ids=(int(capacity_id),))
        started = time.monotonic()
        while time.monotonic() - started < float(seconds):
            if int(offer_id) in {m.offer_id for m in provider_index().rank(spec, k=50)}:
                print(f"found {time.monotonic() - started:.3f}", flush=True)
                break
            time.sleep(0.02)  # polling against the deadline above
        else:
            print("missing", flush=True)


if __name__ == "__main__":
    main()
