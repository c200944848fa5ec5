"""The API's rate limit is counted in the database: it holds across web servers, a client
that keeps knocking is let in when its requests age, and concurrent requests never take more
than the limit."""

import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from assets.renewal_notices import renewal_notices_daily
from forticloud.web.models import RateCount
from forticloud.web.rate_limit import take
from tests.conftest import skip_or_fail
from tests.processes import web_server

from .helpers import api_user, bearer

UNITS = "/api/v1/assets/units/"
START = 1_800_000_000  # a window's start, for limits per minute (a multiple of 60)


def statuses(url: str, headers: dict, times: int) -> list[int]:
    request = urllib.request.Request(url, headers={"Authorization": headers["HTTP_AUTHORIZATION"]})
    answers = []
    for _ in range(times):
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                answers.append(answer.status)
        except urllib.error.HTTPError as refused:
            answers.append(refused.code)
            assert refused.code != 429 or int(refused.headers["Retry-After"]) >= 1
    return answers


@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_web_servers(world, client):
    """Two gunicorn processes, as on two hosts: counted per process (Django's local cache),
    the API user would get the limit from each."""
    user, secret = api_user(world.account_a, world.owner_a)
    headers = bearer(client, user, secret)
    with (
        web_server(API_RATE_LIMIT="4/minute") as first,
        web_server(API_RATE_LIMIT="4/minute") as second,
    ):
        answers = []
        for _ in range(3):
            answers += statuses(first + UNITS, headers, 1) + statuses(second + UNITS, headers, 1)
    assert answers == [200, 200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_a_limit_counts_within_its_window_and_refused_requests_do_not_count():
    allowed = [take("client", 3, 60, now=START + 10) for _ in range(3)]
    assert allowed == [None, None, None]
    # Knocking on does not push the end further: each refusal names the same time.
    refusals = [take("client", 3, 60, now=START + 10 + knock) for knock in range(5)]
    assert all(wait is not None for wait in refusals)
    assert [round(10 + knock + wait) for knock, wait in enumerate(refusals)] == [80] * 5
    # Just before that time still refused, at it let in.
    assert take("client", 3, 60, now=START + 79) is not None
    assert take("client", 3, 60, now=START + 80.001) is None


@pytest.mark.django_db
def test_a_burst_at_the_end_of_a_window_is_not_followed_by_another_at_the_start_of_the_next():
    """Fixed windows would let 2 x the limit through within two seconds."""
    assert [take("burst", 10, 60, now=START + 59) for _ in range(10)] == [None] * 10
    next_window = [take("burst", 10, 60, now=START + 61) for _ in range(10)]
    assert sum(wait is None for wait in next_window) == 0
    # Told to wait until the window before weighs 9 (10 x 0.9): 6 s into the next window.
    assert round(61 + next_window[0]) == 66
    assert take("burst", 10, 60, now=START + 65.9) is not None
    assert take("burst", 10, 60, now=START + 66.001) is None
    # The window before weighs less as it ages: half way through the next, half the limit.
    halfway = [take("burst", 10, 60, now=START + 90) for _ in range(10)]
    assert sum(wait is None for wait in halfway) == 4  # 10 x 0.5 + 1 (at 66 s) + 4 = 10
    # And two windows on, nothing of it is left.
    assert [take("burst", 10, 60, now=START + 180) for _ in range(10)] == [None] * 10


@pytest.mark.django_db
def test_each_key_has_its_own_count_by_the_databases_clock():
    assert [take("a", 3, 60, now=START + 61) for _ in range(3)] == [None] * 3
    assert take("b", 3, 60, now=START + 61) is None
    assert take("a", 3, 60, now=START + 62) is not None
    # Without a time given, the database's clock counts (web servers' clocks may differ).
    assert take("c", 3, 60) is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT counted_at FROM web_ratecount WHERE key = 'c'")
        (counted_at,) = cursor.fetchone()
    assert abs(counted_at - time.time()) < 5


@pytest.mark.django_db
def test_a_clock_stepped_back_counts_in_the_window_it_started():
    """It does not start the window before again, which would forget the three requests."""
    assert [take("a", 3, 60, now=START + 61) for _ in range(3)] == [None] * 3
    assert take("a", 3, 60, now=START + 59) is not None


@pytest.mark.django_db(transaction=True)
def test_an_api_request_goes_when_the_count_cannot_be_written(world, client, caplog):
    """A read-only database (a failover, maintenance): the API still answers, and logs it."""
    if connection.vendor != "postgresql":
        skip_or_fail("a read-only database needs PostgreSQL; set DATABASE_URL", "REQUIRE_POSTGRES")
    user, secret = api_user(world.account_a, world.owner_a)
    headers = bearer(client, user, secret)
    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    try:
        answer = client.get(UNITS, **headers)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = off")
    assert answer.status_code == 200
    assert "rate limit of api_user:" in caplog.text
    assert "read-only transaction" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_take_more_than_the_limit():
    answers, errors = [], []

    def request():
        try:
            answers.append(take("crowd", 10, 60))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(wait is None for wait in answers) == 10


@pytest.mark.django_db
def test_the_daily_run_forgets_the_counts_of_keys_idle_for_two_days():
    assert take("idle", 5, 60, now=time.time() - 3 * 86400) is None
    assert take("busy", 5, 60) is None
    renewal_notices_daily.call()
    assert list(RateCount.objects.values_list("key", "count")) == [("busy", 1)]
