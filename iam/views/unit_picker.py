"""The searchable multi-select of units of a form (includes/units_field.html): a sub user's, a
product group's. The form has a ``units`` field over the master user's units and a
``chosen_units`` method."""

from forticloud.web.actions import form_page
from forticloud.web.listing import ListForm, SearchField, list_values, parse_id
from forticloud.web.responses import render_page

from ..selectors.sub_users import unit_choices


class UnitSearchForm(ListForm):
    units_q = SearchField()


def _posted_ids(request) -> list[int]:
    """The unit ids the picker sent back (``units``), ASCII ids only, at most 1,000."""
    ids = (parse_id(value) for value in request.GET.getlist("units")[:1000])
    return [pk for pk in ids if pk is not None]


def unit_picker_context(request, form) -> dict:
    """The search (``units_q``) and its matches, beside the units the form has chosen."""
    q = list_values(UnitSearchForm, request.GET)["units_q"]
    chosen = _posted_ids(request) or [unit.pk for unit in form.chosen_units()]
    return {
        "matches": unit_choices(request.access, q, chosen),
        "units_q": q,
        "chosen": form.chosen_units,  # called when shown: after the form is checked
    }


def unit_picker_swap(request, form, template, context):
    """The picker alone (``template#units_picker``) for its htmx search, else None."""
    if request.method != "GET" or "units_q" not in request.GET or "units" not in form.fields:
        return None
    chosen = form.fields["units"].queryset.filter(pk__in=_posted_ids(request))
    context = {**context, "form": form, "chosen": list(chosen)}
    return render_page(request, template, context, partial="units_picker")


def unit_picker_form_page(request, form, template, save, *, done, next_url, context):
    """``form_page`` of a form with the unit picker, or the picker alone for its search (a
    form without ``units`` is a plain ``form_page``)."""
    if "units" in form.fields:
        context = {**context, **unit_picker_context(request, form)}
    return unit_picker_swap(request, form, template, context) or form_page(
        request, template, form, save, done=done, next_url=next_url, context=context
    )
