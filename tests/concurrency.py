"""Several requests at the same moment, each in a thread with its own database connection."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection


def at_once(attempt, contenders) -> list[str]:
    """``attempt(contender)`` for every contender at once (a barrier lines them up). The sorted
    outcomes: what an attempt returned, the message of a ValidationError, or any other error's
    repr (which a test's expected outcomes never hold)."""
    barrier = threading.Barrier(len(contenders))
    outcomes = []

    def run(contender):
        try:
            barrier.wait()
            outcomes.append(attempt(contender))
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except Exception as error:  # any server error fails the test
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(contender,)) for contender in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)
