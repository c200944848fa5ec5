"""Bad input never becomes a 500: hostile query parameters and form fields on every route.

The fuzz test walks the URL resolver, so a new page is fuzzed the day it ships. Each route is
visited by a persona who may open it (the owner of account A under ``/a/<id>/``, the partner
user under ``/partner/`` and on the account chooser, a staff user in Django admin, nobody on the
login pages). Parameter names are the known ones plus every name the portal's own pages put in a
GET form or a link; POST fields are read from the forms the pages render. Every request runs in
a savepoint that is rolled back, so each one sees the same small world.
"""

import logging

import pytest

from .bad_input_fuzzer import Fuzzer
from .bad_input_pages import FuzzWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def fuzz_world(world):
    return FuzzWorld(world)


@pytest.fixture
def quiet_errors():
    """500s and admin's refusals would fill the output with tracebacks; the assertion lists
    what matters."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_no_route_answers_500_to_hostile_parameters_or_fields(fuzz_world, quiet_errors):
    routes = fuzz_world.routes()
    assert len(routes) > 150  # the walk reached the account, partner and admin patterns
    fuzzer = Fuzzer(fuzz_world)
    fuzzer.crawl(routes)
    for route in routes:
        fuzzer.fuzz_get(route)
        fuzzer.fuzz_path(route)
    for route in routes:
        fuzzer.fuzz_post(route)
    print(f"{fuzzer.sent} requests, {len(fuzzer.failures)} answered 5xx")
    assert not fuzzer.failures, (
        f"{len(fuzzer.failures)} of {fuzzer.sent} requests failed:\n" + "\n".join(fuzzer.failures)
    )
