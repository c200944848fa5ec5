import datetime
import functools

from django import template
from django.utils.safestring import mark_safe

from forticloud.web.rows_html import escaped, row_html, rows_html

register = template.Library()


@register.simple_tag(takes_context=True)
def context_url(context, name, **kwargs):
    """``{% context_url "dashboard" %}``: the URL of ``name`` inside the current context."""
    return context["access"].reverse(name, **kwargs)


@register.simple_tag(takes_context=True)
def account_url(context, account_id, name, **kwargs):
    """``{% account_url row.account_id "assets:asset" pk=row.pk %}``: the URL of ``name`` in
    that account's context (a row of an aggregated list opens there)."""
    return context["access"].reverse_in(account_id, name, **kwargs)


@register.simple_tag
def dialog_link(url, label, name="", danger=False):
    """``{% dialog_link delete_url "Delete" name=group.name danger=True %}``: a link that opens
    ``url``'s confirmation in the dialog (htmx), and without JavaScript as a page; ``name``
    tells a screen reader which row's ("Delete Admins"). A tag, not an include: a list shows
    one per row."""
    return row_html(
        '<a class="button{danger}" href="{url}" hx-get="{url}" hx-target="#modal-body"{name}>'
        "{label}</a>",
        danger=" danger" if danger else "",
        url=url,
        name=row_html(' aria-label="{label} {name}"', label=label, name=name) if name else "",
        label=label,
    )


@register.simple_tag(takes_context=True)
def page_query(context, number):
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.simple_tag
def options(choices, selected):
    """The ``<option>``s of a filter's ``<select>``: ``choices`` a mapping or (value, label)
    pairs, the one whose value is ``selected`` marked so. A tag, not a template loop: the
    Product List's 18 options cost 0.8 ms of its page as a loop."""
    pairs = choices.items() if hasattr(choices, "items") else choices
    return rows_html(
        '<option value="{value}"{selected}>{label}</option>',
        (
            {"value": value, "selected": " selected" if value == selected else "", "label": label}
            for value, label in pairs
        ),
    )


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.filter
def startswith(text, prefix):
    return str(text).startswith(str(prefix))


@register.simple_tag
def list_query(params, **changes):
    """The query string of a list (its ListState) with ``changes`` (e.g. ``after=...``)."""
    return params.query(**changes)


@register.simple_tag
def list_sort(params, key, label, target):
    """A sortable column header of a list (its ListState: .sort and .query()) that swaps
    the element ``target`` (a CSS selector); sorting again by ``key`` reverses it."""
    sort = f"-{key}" if params.sort == key else key
    query = params.query(sort=sort, after="", page="")
    state = {key: " sorted-asc", f"-{key}": " sorted-desc"}.get(params.sort, "")
    return row_html(
        '<a href="?{q}" hx-get="?{q}" hx-target="{t}" hx-swap="outerHTML" hx-push-url="true" '
        'class="sort{s}" aria-label="Sort by {l}">{label}</a>',
        q=query,
        t=target,
        s=state,
        l=label.lower(),
        label=label,
    )


@register.simple_tag
def table_head(params, columns, target, extra_header=""):
    """A list's header row: each column's header, with ``list_sort``'s link where the column
    sorts; ``extra_header`` a last column that does not. A tag, not a template loop: All
    Tickets' nine headers cost 0.5 ms as a loop."""
    cells = [
        list_sort(params, column.key, column.header, target)
        if column.sortable
        else escaped(column.header)
        for column in columns
    ]
    if extra_header:
        cells.append(escaped(extra_header))
    heads = "".join(f'<th scope="col">{cell}</th>' for cell in cells)
    return mark_safe(f"<thead><tr>{heads}</tr></thead>")  # noqa: S308 (each cell escaped)


@register.filter
def thousands(number):
    """1234567 as "1,234,567" (a count as people read it)."""
    return f"{number:,}" if isinstance(number, int) else number


# A list renders a date or two per row: Django's ``date`` filter parses its format on every
# call (a fifth of a Product List page's rendering); these write the two formats the lists use.
@register.filter(expects_localtime=True)
def day(value):
    """``{{ unit.registered_on|day }}``: "2026-12-05", like ``|date:"Y-m-d"``."""
    return value.isoformat()[:10] if isinstance(value, datetime.date) else ""


@register.filter(expects_localtime=True)
def minute(value):
    """``{{ ticket.created_at|minute }}``: "2026-12-05 14:07" in the current time zone, like
    ``|date:"Y-m-d H:i"``."""
    if not isinstance(value, datetime.datetime):
        return day(value)
    return value.isoformat(sep=" ", timespec="minutes")[:16]


@functools.cache
def choice_labels(model, field_name: str) -> dict:
    """The labels of the field's choices by value, for a list's rows to look up."""
    return dict(model._meta.get_field(field_name).flatchoices)


@register.filter
def choice_label(instance, field_name: str):
    """``{{ ticket|choice_label:"status" }}``: the label of the field's value, as
    ``get_status_display`` gives it; that one rebuilds every choice on each call, which a
    list's rows paid a fifth of their rendering for."""
    if not hasattr(instance, "_meta"):  # a missing variable: nothing, as a template shows it
        return ""
    value = getattr(instance, field_name)
    return choice_labels(type(instance), field_name).get(value, value)
