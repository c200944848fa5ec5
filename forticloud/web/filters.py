"""django-filter filters whose fields are the validated parameters of forticloud.web.listing:
a bad value is dropped (the filter does nothing) and never reaches a query."""

import datetime

import django_filters

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
