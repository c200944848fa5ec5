"""Staff answering a renewal request in admin: the action's own page (a quote, or a contract
code per unit), posted back to the list as Django's own confirmation pages are."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from .forms_renewal import CompleteForm, QuoteForm
from .renewal_requests import renewal_complete, renewal_quote


def _answer(request, renewal, action, form):
    if action == "send_quote":
        quote = form.cleaned_data["quote"]
        renewal_quote(access=None, pk=renewal.pk, quote=quote, staff=request.user)
        return f"The quote of renewal request {renewal.pk} was sent."
    renewal_complete(access=None, pk=renewal.pk, codes=form.codes(), staff=request.user)
    return f"Renewal request {renewal.pk} is completed: the units' coverage is extended."


def answer_page(model_admin, request, queryset, action):
    """The page of ``action`` ("send_quote" or "complete") for one selected request; its
    POST (``answer`` set) runs the service, or shows the page again with the refusal."""
    if queryset.count() != 1:
        model_admin.message_user(request, "Select one renewal request.", messages.ERROR)
        return None
    renewal = queryset.select_related("account").get()
    units = list(renewal.units.select_related("asset").order_by("pk"))
    data = request.POST if "answer" in request.POST else None
    form = QuoteForm(data) if action == "send_quote" else CompleteForm(data, request_units=units)
    if data is not None and form.is_valid():
        try:
            done = _answer(request, renewal, action, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            model_admin.message_user(request, done, messages.SUCCESS)
            return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Renewal request {renewal.pk}: "
        + ("Send a quote" if action == "send_quote" else "Complete with contract codes"),
        "renewal": renewal,
        "units": units,
        "form": form,
        "action": action,
        "opts": model_admin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/assets/renewal_answer.html", context)
