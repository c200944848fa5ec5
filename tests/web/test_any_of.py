"""``any_of``: a column among many ids finds exactly those rows, on SQLite and PostgreSQL, and
on PostgreSQL a thousand ids are one parameter (a thousand parameters cost most of a page)."""

import pytest
from django.db import connection

from forticloud.web.any_of import IdArray, any_of, read_ids
from iam.models import Account
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def test_the_rows_of_the_ids_and_no_other():
    accounts = [AccountFactory() for _ in range(4)]
    wanted = [accounts[0].pk, accounts[2].pk]
    missing = max(a.pk for a in Account.objects.all()) + 1000
    found = Account.objects.filter(any_of("pk", [*wanted, missing, wanted[0]]))
    assert sorted(found.values_list("pk", flat=True)) == sorted(wanted)
    assert not Account.objects.filter(any_of("pk", [])).exists()
    others = Account.objects.exclude(any_of("pk", wanted)).filter(pk__in=[a.pk for a in accounts])
    assert sorted(others.values_list("pk", flat=True)) == [accounts[1].pk, accounts[3].pk]


def test_ids_given_as_text_are_numbers_or_refused():
    account = AccountFactory()
    assert Account.objects.filter(any_of("pk", [str(account.pk)])).get() == account
    with pytest.raises(ValueError):
        any_of("pk", ["1; DROP TABLE iam_account"])


def test_a_thousand_ids_are_one_parameter_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL sends the ids as one array; SQLite lists them")
    account = AccountFactory()
    ids = [account.pk, *range(10**12, 10**12 + 1500)]
    sent = []

    def note(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        assert list(Account.objects.filter(any_of("pk", ids))) == [account]
    [(sql, params)] = sent
    assert "= ANY(" in sql
    assert len(params) == 1  # the array, not 1,501 parameters


@pytest.mark.parametrize("wanted", [0, 1, 3])
def test_ids_read_from_the_database_find_the_same_rows(wanted):
    accounts = [AccountFactory(company_name=f"Read {n}") for n in range(3)]
    AccountFactory(company_name="Other")
    named = Account.objects.filter(pk__in=[a.pk for a in accounts[:wanted]]).values_list(
        "pk", flat=True
    )
    ids = read_ids(named, at_most=3)
    found = Account.objects.filter(any_of("pk", ids)).values_list("pk", flat=True)
    assert sorted(found) == sorted(a.pk for a in accounts[:wanted])


def test_a_query_that_finds_no_id_reads_none_to_filter_by():
    AccountFactory(company_name="Other")
    named = Account.objects.filter(company_name="Nobody").values_list("pk", flat=True)
    ids = read_ids(named, at_most=3)
    assert ids is not None
    assert not Account.objects.filter(any_of("pk", ids)).exists()


def test_more_ids_than_at_most_read_none():
    accounts = [AccountFactory() for _ in range(3)]
    named = Account.objects.filter(pk__in=[a.pk for a in accounts]).values_list("pk", flat=True)
    assert read_ids(named, at_most=2) is None
    assert read_ids(named, at_most=3) is not None


def test_ids_read_on_postgresql_are_one_row_and_one_parameter():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL reads the ids as the text of one array; SQLite as a list")
    accounts = [AccountFactory() for _ in range(5)]
    named = Account.objects.filter(pk__in=[a.pk for a in accounts]).values_list("pk", flat=True)
    ids = read_ids(named, at_most=10)
    assert isinstance(ids, IdArray) and ids.count == 5
    assert sorted(ids.ints()) == sorted(a.pk for a in accounts)
    sent = []

    def note(execute, sql, params, many, context):
        sent.append(params)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        assert Account.objects.filter(any_of("pk", ids)).count() == 5
    assert sent == [(ids.text,)]


def test_one_id_read_is_an_equality_and_a_forged_array_is_refused():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL reads the ids as the text of one array; SQLite as a list")
    account = AccountFactory()
    one = read_ids(Account.objects.filter(pk=account.pk).values_list("pk", flat=True), 3)
    sql, _ = Account.objects.filter(any_of("pk", one)).query.sql_with_params()
    assert "ANY(" not in sql and Account.objects.filter(any_of("pk", one)).get() == account
    with pytest.raises(ValueError):
        any_of("pk", IdArray(2, "{1,2}); DROP TABLE iam_account; --"))
