"""PostgreSQL's planner settings for the portal's connections (README, "Configuration")."""

import re

from django.core.exceptions import ImproperlyConfigured

# effective_cache_size: with the default (4GB) PostgreSQL counts a walk down a sort index as
# nearly free per row and a bitmap fetch of the few rows a search matches as a disk read each:
# a serial search matching 1,000 of a million units walked 18,000 rows (53 ms) instead of
# fetching its 1,000 (5 ms). A small value prices both alike.
# random_page_cost: with the default (4, a disk's) checking each of a keyset page's rows
# against a partner's roles by index looked dearer than comparing it with all thousand roles,
# 1.4 ms of a 1.6 ms query; 1.1 prices a read of cached or SSD pages.
PLANNER = {
    "effective_cache_size": ("DJANGO_PG_EFFECTIVE_CACHE_SIZE", "64MB", r"\d+(kB|MB|GB|TB)?"),
    "random_page_cost": ("DJANGO_PG_RANDOM_PAGE_COST", "1.1", r"\d+(\.\d+)?"),
}


def planner_options(env) -> str:
    """The connection's ``options``: ``-c name=value`` of each setting not set empty. A value
    PostgreSQL would refuse (every connection failing) stops the start with its name."""
    options = []
    for name, (variable, default, pattern) in PLANNER.items():
        value = env(variable, default=default)
        if value and not re.fullmatch(pattern, value):
            raise ImproperlyConfigured(f"{variable}={value!r} is not a valid {name}")
        if value:
            options.append(f"-c {name}={value}")
    return " ".join(options)
