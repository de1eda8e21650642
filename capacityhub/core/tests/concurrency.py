"""Running writes at the same moment, for the race tests of every app."""

import threading

from django.db import connection


def race(*calls) -> list:
    """Run the calls in threads released together; return each one's exception or None.
    Needs `django_db(transaction=True)` and the file-backed test database (settings)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            call()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
