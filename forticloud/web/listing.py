"""The URL state of lists: query parameters parsed through one validated layer, and keyset
pages for long lists.

Every query parameter of a list goes through a form (``ListForm``) before anything reads it. A
bad value is dropped and the parameter's default applies, so a hand-edited URL gives the list,
never a 500: numbers are ASCII digits only (``"²"``, ``"①"`` and ``"٣"`` pass
``str.isdigit()``; the first two break ``int()`` and the third means 3), search text is cut to
its length and may not hold a NUL byte (PostgreSQL refuses one in a query), a choice is one of
its choices.

Keyset pages: a page costs the same at row 25 as at row 500,000: the cursor holds the last
row's sort value and id, and the query seeks past it with a range the (column, id) index can
use. No OFFSET. A cursor that is malformed gives the first page.
"""

import base64
import datetime
import json
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

# An id as the database stores it: 1 to 18 ASCII digits (any such number fits a bigint).
ID_PATTERN = re.compile(r"[0-9]{1,18}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def parse_id(value) -> int | None:
    """``value`` as an id when it is 1 to 18 ASCII digits, else None (never an exception)."""
    if isinstance(value, str) and ID_PATTERN.fullmatch(value):
        return int(value)
    return None


def parse_date(value) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD, ASCII digits) or None."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def parse_month(value) -> datetime.date | None:
    """A month as YYYY-MM (ASCII digits): its first day, or None."""
    if not isinstance(value, str) or not ISO_MONTH.fullmatch(value):
        return None
    return parse_date(f"{value}-01")


# Fields of list forms. Each has a ``default``: what the list uses when the parameter is
# missing or bad.


class SearchField(forms.CharField):
    """Search text: stripped and cut to ``max_length`` (as the search boxes always did); a NUL
    byte makes it invalid (Django's null-character validator), so the search is dropped."""

    default = ""

    def __init__(self, *, max_length=100, **kwargs):
        super().__init__(max_length=max_length, **{**kwargs, "required": False})

    def to_python(self, value):
        return super().to_python(value)[: self.max_length]


class ChoiceParam(forms.ChoiceField):
    """One of ``choices`` (keys of a dict, or pairs); anything else gives ``default``."""

    def __init__(self, choices, *, default="", **kwargs):
        if isinstance(choices, dict):
            choices = list(choices.items())
        super().__init__(choices=[("", ""), *choices], required=False, **kwargs)
        self.default = default


class SortParam(ChoiceParam):
    """A sort key of ``sorts``, ascending or with ``-`` descending."""

    def __init__(self, sorts, *, default, **kwargs):
        keys = [(f"{sign}{key}", key) for key in sorts for sign in ("", "-")]
        super().__init__(keys, default=default, **kwargs)


class IdParam(forms.CharField):
    """An id in ASCII digits, kept as text (templates compare it with ``pk|stringformat``)."""

    default = ""
    default_error_messages = {"invalid": "Enter a number (digits 0-9)."}

    def __init__(self, **kwargs):
        super().__init__(max_length=18, **{**kwargs, "required": False})

    def validate(self, value):
        super().validate(value)
        if value and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class DateParam(forms.CharField):
    """An ISO date (``<input type="date">``), kept as text; a bad one is dropped."""

    default = ""

    def __init__(self, **kwargs):
        super().__init__(max_length=10, **{**kwargs, "required": False})

    def validate(self, value):
        super().validate(value)
        if value and parse_date(value) is None:
            raise ValidationError("Enter a date as YYYY-MM-DD.", code="invalid")


class MonthParam(forms.CharField):
    """A month as YYYY-MM, kept as text; a bad one is dropped."""

    default = ""

    def __init__(self, **kwargs):
        super().__init__(max_length=7, **{**kwargs, "required": False})

    def validate(self, value):
        super().validate(value)
        if value and parse_month(value) is None:
            raise ValidationError("Enter a month as YYYY-MM.", code="invalid")


class PageParam(forms.CharField):
    """A page number of a Paginator (1 when missing or bad)."""

    default = 1

    def __init__(self, **kwargs):
        super().__init__(max_length=9, **{**kwargs, "required": False})

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        number = parse_id(text)
        if number is None or number < 1:
            raise ValidationError("Enter a page number.", code="invalid")
        return number


class CursorParam(forms.CharField):
    """A keyset cursor (URL-safe base64); a malformed one gives the first page."""

    default = ""

    def __init__(self, **kwargs):
        super().__init__(max_length=2000, **{**kwargs, "required": False})
        self.validators.append(RegexValidator(r"\A[A-Za-z0-9_=-]*\Z"))


# Fields of forms bound from POST that name objects by id.


def _is_id(value) -> bool:
    """A form's text, or a JSON body's number (the API), that is an id: 1 to 18 digits."""
    return parse_id(value if isinstance(value, str) else str(value)) is not None


class ObjectChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField by id that takes ASCII ids only: ``int()`` reads "٣" as 3, and a
    number beyond 64 bits overflows SQLite's integers (whether text or a JSON number)."""

    def to_python(self, value):
        if value not in self.empty_values and not _is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ObjectMultipleChoiceField(forms.ModelMultipleChoiceField):
    """ObjectChoiceField's rule for a list of ids (checkboxes, multiple selects)."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if not _is_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class SharedFields(dict):
    """The fields of a form that only reads query parameters, never rendered or changed: each
    form shares them instead of taking Django's deep copy of every field (a list builds two
    such forms a request)."""

    def __deepcopy__(self, memo):
        return self


class SharedFieldsForm(forms.forms.DeclarativeFieldsMetaclass):
    """The metaclass of forms whose fields are ``SharedFields``."""

    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        form_class.base_fields = SharedFields(form_class.base_fields)
        return form_class


class ListForm(forms.BaseForm, metaclass=SharedFieldsForm):
    """The query parameters of one list. ``values()`` never fails: a bad parameter gets its
    field's default; ``errors`` still says what was dropped, for a page that wants to tell."""

    def values(self) -> dict:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        result = {}
        for name, field in self.fields.items():
            value = cleaned.get(name)
            result[name] = value if value not in (None, "") else getattr(field, "default", "")
        return result


def list_values(form_class, query) -> dict:
    """The clean parameters of ``query`` (request.GET) for the list of ``form_class``."""
    return form_class(query).values()


@dataclass
class KeysetPage:
    rows: list
    next_after: str = ""
    is_first: bool = True

    @property
    def object_list(self) -> list:
        """The rows, under the name a Paginator page gives them."""
        return self.rows


def ordered(queryset, field: str, descending: bool):
    direction = "-" if descending else ""
    return queryset.annotate(sort_value=F(field)).order_by(f"{direction}{field}", f"{direction}id")


def cursor_encode(value, pk) -> str:
    value = value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value
    return base64.urlsafe_b64encode(json.dumps([value, pk]).encode()).decode()


def _fits_64_bits(number: int) -> bool:
    return -(2**63) <= number < 2**63


def cursor_decode(cursor: str, kind: type):
    """(value, id) of the last row shown, or None when the cursor is missing or malformed.
    ``kind`` is the sort value's type: str, int, datetime.date or datetime.datetime."""
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if kind in (datetime.date, datetime.datetime):
            value = kind.fromisoformat(value)
            if kind is datetime.datetime and value.tzinfo is None:
                value = value.replace(tzinfo=datetime.UTC)  # SQLite keeps UTC times naive
        elif not isinstance(value, kind) or isinstance(value, bool):
            return None
        if isinstance(value, str) and "\x00" in value:
            return None  # PostgreSQL refuses a NUL byte in a query
        pk = int(pk)
        if not all(_fits_64_bits(number) for number in (pk, value) if isinstance(number, int)):
            return None  # no row has such an id; the database would refuse the number
        return value, pk
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def keyset_page(queryset, *, field: str, descending: bool, after: str, kind: type, size: int = 25):
    """The page after the cursor ``after``."""
    rows = ordered(queryset, field, descending)
    last = cursor_decode(after, kind) if after else None
    if last is not None:
        # A row comparison, (field, id) > (value, pk): the (field, id) index seeks straight to
        # the page, even where many rows share the value.
        value, pk = last
        beyond = TupleLessThan if descending else TupleGreaterThan
        rows = rows.filter(beyond(Tuple(F(field), F("id")), (value, pk)))
    rows = list(rows[: size + 1])
    next_after = ""
    if len(rows) > size:
        rows = rows[:size]
        next_after = cursor_encode(rows[-1].sort_value, rows[-1].pk)
    return KeysetPage(rows=rows, next_after=next_after, is_first=last is None)
