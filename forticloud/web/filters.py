"""django-filter filters whose fields are the validated parameters of forticloud.web.listing:
a bad value is dropped (the filter does nothing) and never reaches a query."""

import datetime

import django_filters
from django.db.models import Q

from . import listing


class SearchFilter(django_filters.CharFilter):
    """Free text, stripped, cut to ``max_length`` (100), no NUL byte."""

    field_class = listing.SearchField


class IdFilter(django_filters.CharFilter):
    """An id in ASCII digits (kept as text: templates compare it with ``pk|stringformat``)."""

    field_class = listing.IdParam


class IsoDateFilter(django_filters.CharFilter):
    """An ISO date (``<input type="date">``), kept as text."""

    field_class = listing.DateParam

    def filter(self, queryset, value):
        return super().filter(queryset, listing.parse_date(value) if value else value)


class MonthFilter(django_filters.CharFilter):
    """A month (YYYY-MM): rows whose ``field_name`` date falls in it."""

    field_class = listing.MonthParam

    def filter(self, queryset, value):
        start = listing.parse_month(value) if value else None
        if start is None:
            return queryset
        end = (start + datetime.timedelta(days=31)).replace(day=1)
        return queryset.filter(**{f"{self.field_name}__gte": start, f"{self.field_name}__lt": end})


def company_condition(value: str, name_field: str = "account__company_name") -> Q:
    """Rows of one company of an aggregated list: its Account ID, or a part of its name."""
    if (account_id := listing.parse_id(value)) is not None:
        return Q(account_id=account_id)
    return Q(**{f"{name_field}__icontains": value})


class CompanyFilter(SearchFilter):
    """An aggregated list's Company filter (a name or an Account ID); in one account's own
    list it does nothing."""

    def __init__(self, *args, name_field="account__company_name", **kwargs):
        super().__init__(*args, **kwargs)
        self.name_field = name_field

    def filter(self, queryset, value):
        if not value or not self.parent.request.access.is_aggregated:
            return queryset
        return queryset.filter(company_condition(value, self.name_field))
