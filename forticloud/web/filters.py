"""django-filter filters whose fields are the validated parameters of forticloud.web.listing:
a bad value is dropped (the filter does nothing) and never reaches a query."""

import copy
import datetime
import functools

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from . import listing
from .any_of import any_of, read_ids


class ListFilterSet(django_filters.FilterSet):
    """The filters of a list. django-filter copies every filter deeply and builds a new form
    class, with new fields, on every request: 0.7 ms of each list request
    (tests/perf/HISTORY.md). A list's filters hold nothing of a request but their FilterSet
    (``parent``), so a request gets shallow copies of them and the FilterSet class's one form
    class, whose fields are shared (``listing.SharedFields``). (A filter whose field depends on
    the request, like ModelChoiceFilter's queryset, needs the deep copies: none here does.)"""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset if queryset is not None else self._meta.model.objects.all()
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _own_copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = self.queryset.model
            filter_.parent = self

    def get_form_class(self):
        return _form_class(type(self))


def _own_copy(filter_):
    own = copy.copy(filter_)
    if own.method is not None:
        own.method = own.method  # its own FilterMethod: the copied one calls the original's
    return own


@functools.cache
def _form_class(filterset_class):
    fields = {name: filter_.field for name, filter_ in filterset_class.base_filters.items()}
    bases = (filterset_class._meta.form,)
    return listing.SharedFieldsForm(f"{filterset_class.__name__}Form", bases, fields)


class SearchFilter(django_filters.CharFilter):
    """Free text, stripped, cut to ``max_length`` (100), no NUL byte."""

    field_class = listing.SearchField


class IdFilter(django_filters.CharFilter):
    """An id in ASCII digits (kept as text: templates compare it with ``pk|stringformat``)."""

    field_class = listing.IdParam


class DayFilter(django_filters.CharFilter):
    """A day (``<input type="date">``, ISO, kept as text) that bounds the date-time field
    ``field_name``: from the start of that day, or with ``until`` to its end, in the current
    time zone. A range of the field itself, which its index serves: comparing each row's date
    (``__date``) walked every newer ticket for an early "until" (360 ms at 500,000)."""

    field_class = listing.DateParam

    def __init__(self, *args, until=False, **kwargs):
        super().__init__(*args, lookup_expr="lt" if until else "gte", **kwargs)
        self.until = until

    def filter(self, queryset, value):
        day = listing.parse_date(value) if value else None
        if day is None:
            return queryset
        try:
            if self.until:
                day += datetime.timedelta(days=1)
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            start = start.astimezone(datetime.UTC)  # as the database gets it
        except OverflowError:  # before the first or after the last time there is: no bound
            return queryset
        return super().filter(queryset, start)


class MonthFilter(django_filters.CharFilter):
    """A month (YYYY-MM): rows whose ``field_name`` date falls in it."""

    field_class = listing.MonthParam

    def filter(self, queryset, value):
        start = listing.parse_month(value) if value else None
        if start is None:
            return queryset
        end = (start + datetime.timedelta(days=31)).replace(day=1)
        return queryset.filter(**{f"{self.field_name}__gte": start, f"{self.field_name}__lt": end})


def company_condition(value: str) -> Q:
    """Rows of one company of an aggregated list: its Account ID, or a part of its name."""
    if (account_id := listing.parse_id(value)) is not None:
        return Q(account_id=account_id)
    return Q(account__company_name__icontains=value)


# A part of a company name: the accounts it names in the list's reach are read first, up to
# this many, and the rows filtered by their ids. PostgreSQL cannot tell how many companies a
# part of a name finds: guessing few, it read every row of the many it found and sorted them
# (300 ms at a million units), and it scanned every row for a name no company has (150 ms).
# Only in reach, though a scan of every account's name is cheaper than the reach's joins: the
# id of another partner's customer would have the rows' query walk that customer's rows, and
# its time tell who else has that name.
NAMED_ACCOUNTS_AT_MOST = 1000


class CompanyFilter(SearchFilter):
    """An aggregated list's Company filter (a name or an Account ID); in one account's own
    list it does nothing. With ``portal``, the list's rows lie in ``access.reach(portal)``,
    whose accounts a name is looked for among."""

    def __init__(self, *args, portal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.portal = portal

    def filter(self, queryset, value):
        access = self.parent.request.access
        if not value or not access.is_aggregated:
            return queryset
        if self.portal is not None and listing.parse_id(value) is None:
            account_ids = self._named_accounts(queryset.model, access, value)
            if account_ids is not None:
                return queryset.filter(any_of("account_id", account_ids))
        return queryset.filter(company_condition(value))

    def _named_accounts(self, model, access, value):
        """The ids of the accounts in reach whose company name holds ``value`` (for
        ``any_of``); None when there are more than NAMED_ACCOUNTS_AT_MOST. Only ever narrows
        the list's own rows."""
        accounts = model._meta.get_field("account").related_model.objects
        reached = accounts.filter(access.reach(self.portal).account_condition())
        named = (
            reached.filter(company_name__icontains=value).order_by().values_list("pk", flat=True)
        )
        return read_ids(named, NAMED_ACCOUNTS_AT_MOST)
