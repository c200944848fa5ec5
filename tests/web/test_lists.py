"""The shared list layer (forticloud/web): a list's URL state, keyset pages and exports, on a
small declaration of its own over accounts."""

import codecs
import csv
import datetime
import io
import tempfile
from types import SimpleNamespace

import django_filters
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from forticloud.web.exports import with_progress, write_csv
from forticloud.web.filters import ListFilterSet, SearchFilter
from forticloud.web.lists import ListPage, ListState, export_rows
from forticloud.web.tables import Column, Table
from iam.models import Account

pytestmark = pytest.mark.django_db


class AccountFilter(ListFilterSet):
    q = SearchFilter(field_name="company_name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(choices=Account.Status.choices)
    starts = SearchFilter(method="starting_with")

    def starting_with(self, accounts, name, value):
        return accounts.filter(company_name__istartswith=value)


TABLE = Table(
    id="account-table",
    columns=(
        Column("company", "Company", "company_name"),
        Column("id", "Account ID", "id", kind=int),
        Column("kind", "Kind", "kind", export_value=dict(Account.Kind.choices).get),
        Column("created", "Created", "created_at", kind=datetime.datetime),
    ),
    default_sort="company",
    export_name="accounts",
    page_size=3,
)
ACCOUNTS = ListPage(
    "tests:accounts",
    "Accounts",
    "unused.html",
    TABLE,
    AccountFilter,
    rows=lambda access: Account.objects.all(),
    allowed=lambda access: True,
)


def state_of(query: str) -> ListState:
    request = RequestFactory().get(f"/list/?{query}")
    request.user = AnonymousUser()
    return ListState.of(request, ACCOUNTS, Account.objects.all())


def test_a_bad_parameter_is_dropped_and_the_valid_ones_kept():
    state = state_of("q=acme&status=bogus&sort=-nonsense&after=%%%&export=pdf&page=%C2%B2")
    assert state.values == {"q": "acme"}
    assert (state.sort, state.after, state.export) == ("company", "", "")
    assert state.q == "acme" and state.status == ""


def test_links_carry_the_valid_state_and_leave_out_defaults():
    state = state_of("q=acme&status=active&sort=company&junk=1")
    assert state.query() == "q=acme&status=active"
    assert state.query(sort="-id", after="abc") == "q=acme&status=active&sort=-id&after=abc"


def test_a_search_text_with_a_nul_byte_filters_nothing():
    Account.objects.create(company_name="Acme")
    state = state_of("q=ac%00me")
    assert state.values == {} and state.rows.count() == Account.objects.count()


@pytest.mark.parametrize("sort", ["company", "-company", "id", "-id", "created", "-created"])
def test_keyset_pages_cover_every_row_once(sort):
    # Equal company names and times: the id breaks the tie, so no page skips or repeats a row.
    now = timezone.now()
    names = ["Beta", "Alpha", "Beta", "Beta", "Gamma", "Alpha", "Beta"]
    for n, name in enumerate(names):
        Account.objects.create(company_name=name, created_at=now - datetime.timedelta(days=n % 3))
    seen, after = [], ""
    while True:
        page = TABLE.keyset_page(Account.objects.all(), sort, after)
        seen += [row.pk for row in page.object_list]
        if not page.next_after:
            break
        after = page.next_after
    expected = list(TABLE.ordered(Account.objects.all(), sort).values_list("pk", flat=True))
    assert seen == expected and len(set(seen)) == Account.objects.count()


def test_an_export_follows_the_filters_and_sort_and_disarms_formulas():
    Account.objects.create(company_name='=HYPERLINK("http://evil")')
    Account.objects.create(company_name="Acme West")
    Account.objects.create(company_name="Acme East")
    access = SimpleNamespace(user=AnonymousUser())
    header, values, total = export_rows(ACCOUNTS, access, "q=e&sort=-company")
    reported = []
    with tempfile.TemporaryFile() as file:
        write_csv(file, header, values, reported.append)
        file.seek(0)
        rows = list(csv.reader(io.StringIO(file.read().decode("utf-8-sig"))))
    assert total == len(rows) - 1 == reported[-1] == 3
    assert rows[0] == ["Company", "Account ID", "Kind", "Created"]
    names = [row[0] for row in rows[1:]]
    assert [name for name in names if name.startswith("Acme")] == ["Acme West", "Acme East"]
    assert '\'=HYPERLINK("http://evil")' in names
    assert all(row[2] == "Non-OU Account" for row in rows[1:])


def test_a_csv_export_starts_with_the_mark_that_makes_excel_read_accents():
    Account.objects.create(company_name="Société Générale")
    header, values, _total = export_rows(ACCOUNTS, SimpleNamespace(user=AnonymousUser()), "")
    with tempfile.TemporaryFile() as file:
        write_csv(file, header, values, lambda count: None)
        file.seek(0)
        content = file.read()
    assert content.startswith(codecs.BOM_UTF8) and content.count(codecs.BOM_UTF8) == 1
    assert "Société Générale" in content[len(codecs.BOM_UTF8) :].decode("utf-8")


def test_an_export_reports_its_rows_twice_a_second_while_it_writes_and_its_total_at_the_end():
    read = SimpleNamespace(rows=0)

    def rows(count):
        for number in range(count):
            read.rows += 1
            yield (number,)

    def clock():  # 100,000 rows a second
        return read.rows / 100_000

    # Each report is a committed UPDATE of the job: twice a second, not every few thousand rows.
    reported = []
    assert len(list(with_progress(rows(123_456), reported.append, clock))) == 123_456
    assert reported == [50_000, 100_000, 123_456]
    reported.clear()
    list(with_progress(rows(30_000), reported.append, clock))  # done within half a second
    assert reported == [30_000]


def test_two_requests_filter_each_by_its_own_values():
    """Filters and their fields are shared between requests (forticloud.web.filters): one
    request's values, errors and FilterSet never reach another's, in whatever order they are
    read."""
    Account.objects.create(company_name="Acme Networks")
    Account.objects.create(company_name="Bravo Ltd", status=Account.Status.SUSPENDED)
    acme, bravo = state_of("q=acme&status=bogus"), state_of("starts=bra&status=suspended")
    assert [a.company_name for a in bravo.rows] == ["Bravo Ltd"]
    assert [a.company_name for a in acme.rows] == ["Acme Networks"]
    assert [a.company_name for a in state_of("starts=acme").rows] == ["Acme Networks"]
    assert acme.filters.form.errors and not bravo.filters.form.errors
    assert acme.filters.filters["q"].parent is acme.filters
    assert bravo.filters.filters["q"].parent is bravo.filters
    assert (acme.sort, bravo.sort) == ("company", "company")
