"""Benchmark: how the lists' pages grow from the smaller scale data set to the full one, both
served at once and asked in turn (one run, so a slower minute of the machine hits both alike).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forticloud_scale \\
        .venv/bin/python tests/perf/bench_growth.py \\
        --small postgres://postgres@127.0.0.1:5432/forticloud_small [--requests 30]

The full set is `generate_scale_data` (1M assets, 500k tickets, 100k bugs), the small one
`generate_scale_data --assets 100000 --entitlements 200000 --tickets 50000 --bugs 10000` in
another database. Two gunicorn servers (production settings, 2 workers each), one per
database, and the same pages of each (the Product List and All Tickets sorted by each column,
first page and the middle row; their searches and filters; one account's list; the Bug
Tracker's sorts and searches). Prints each page's p50 on both, its growth (full over small)
and its ratio to /healthz of the same server.
"""

import statistics
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import scale_setup
from tests.perf.bench_forticare import BUG_SEARCHES, BUGS, TICKETS
from tests.perf.common import gunicorn, measure_interleaved

UNITS = "/partner/assets/"


def small_database(url: str) -> str:
    """A second database alias, ``small``, for the smaller set (same server and options)."""
    import environ
    from django.db import connections

    connections.settings["small"] = {
        **connections.settings["default"],
        **{key: value for key, value in environ.Env.db_url_config(url).items() if value},
    }
    return "small"


def cursor_at(model, field: str, position: int, alias: str, rows=None) -> str:
    """The keyset cursor of the row at ``position`` in ``field`` order (the page after it)."""
    from forticloud.web.listing import cursor_encode

    rows = (rows if rows is not None else model.objects).using(alias)
    return cursor_encode(*rows.order_by(field, "id").values_list(field, "id")[position])


def sorted_pages(title, path, table, model, alias, rows=None) -> list[tuple[str, str, str]]:
    """The list at ``path`` sorted by each of ``table``'s columns: first page and middle row."""
    rows = rows if rows is not None else model.objects.using(alias)
    middle = rows.count() // 2
    pages = []
    for column in (column for column in table.columns if column.sortable):
        after = cursor_at(model, column.field, middle, alias, rows)
        sort = f"{path}?sort={column.key}"
        pages += [
            (f"{title} sorted by {column.key}", "partner", sort),
            (f"{title} sorted by {column.key}, middle row", "partner", f"{sort}&after={after}"),
        ]
    return pages


def pages_of(alias: str) -> list[tuple[str, str, str]]:
    """(label, who, path) of every page asked, with this set's middle rows and search terms."""
    from assets.lists import PRODUCT_TABLE
    from assets.models import Asset
    from forticare.lists import BUG_TABLE, TICKET_TABLE
    from forticare.models import Bug, Ticket
    from forticloud.devdata.scale import FIRST_ACCOUNT_ID

    units = Asset.objects.using(alias).in_service()
    serial, company = units.order_by("id").values_list("serial_number", "company_name")[0]
    return [
        ("/healthz", "partner", "/healthz"),
        *sorted_pages("Product List", UNITS, PRODUCT_TABLE, Asset, alias, units),
        ("Product List, search by serial prefix", "partner", f"{UNITS}?q={serial[:-4]}"),
        ("Product List, search in descriptions", "partner", f"{UNITS}?q=%23421"),
        ("Product List, Expiring within 30 days", "partner", f"{UNITS}?coverage=expiring30"),
        ("Product List, one company's name", "partner", f"{UNITS}?company={quote(company)}"),
        ("one account's Product List", "owner", f"/a/{FIRST_ACCOUNT_ID}/assets/"),
        *sorted_pages("All Tickets", TICKETS, TICKET_TABLE, Ticket, alias),
        ("All Tickets, search subject", "partner", f"{TICKETS}?q=Issue+4242+"),
        ("All Tickets, Closed", "partner", f"{TICKETS}?status=closed"),
        *sorted_pages("Bugs", BUGS, BUG_TABLE, Bug, alias),
        *[
            (f"Bugs, search {label}", "partner", f"{BUGS}?{urlencode({'q': q})}")
            for label, q in BUG_SEARCHES
        ],
    ]


def main():
    parser = scale_setup.arguments(__doc__, requests=30)
    parser.add_argument("--small", required=True, help="the smaller set's database URL")
    args = parser.parse_args()
    env = scale_setup.connect()
    small = small_database(args.small)
    sets = {"full": pages_of("default"), "small": pages_of(small)}

    with (
        gunicorn(env) as (full_url, _),
        gunicorn({**env, "DATABASE_URL": args.small}) as (
            small_url,
            _,
        ),
    ):
        browsers = {
            name: dict(zip(("partner", "owner"), scale_setup.scale_browsers(url)[:2], strict=True))
            for name, url in (("full", full_url), ("small", small_url))
        }
        asked = [
            ((name, label), browsers[name][who], path)
            for name, pages in sets.items()
            for label, who, path in pages
        ]
        p50 = {key: value for key, value, _p95 in measure_interleaved(asked, args.requests)}

    print(f"\n{args.requests} rounds, both sets in each\n")
    print("| page | p50 ms, full | p50 ms, small | growth | / healthz, full | / healthz, small |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    healthz = {name: p50[name, "/healthz"] for name in sets}
    growths = []
    for label, _who, _path in sets["full"]:
        full, small_p50 = p50["full", label], p50["small", label]
        growths.append(full / small_p50)
        print(
            f"| {label} | {full:.1f} | {small_p50:.1f} | {full / small_p50:.2f} "
            f"| {full / healthz['full']:.1f} | {small_p50 / healthz['small']:.1f} |"
        )
    print(f"\ngrowth: median {statistics.median(growths):.2f}, highest {max(growths):.2f}")


if __name__ == "__main__":
    main()
