from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from forticloud.web.listing import list_values
from forticloud.web.responses import render_page, see_other

from . import selectors
from .access import access_for_context
from .backends import account_by_id_or_alias
from .filters import ChooserForm, ContextForm, NextForm
from .forms import EmailLoginForm, IamLoginForm
from .services import context_remember, login_attempt
from .throttle import device_cookie_issue


def _next_url(request):
    target = NextForm.target(request.POST) or NextForm.target(request.GET)
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def _login_page(request, form_class, mode, credentials_of):
    if request.user.is_authenticated and request.method == "GET":
        return redirect("home")
    form = form_class(request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        login_key, credentials = credentials_of(form.cleaned_data)
        result = login_attempt(request, login=login_key, **credentials)
        if result.user is not None:
            login(request, result.user)  # rotates the session key
            response = see_other(_next_url(request) or selectors.landing_url(result.user))
            # This browser is now known for this login: strangers' failures do not lock it.
            device_cookie_issue(request, response, login_key)
            return response
        error = result.error
        status = 429 if result.throttled else 200
    elif request.method == "POST":
        error = "Fill in every field."
    context = {"form": form, "mode": mode, "error": error, "next": _next_url(request)}
    return render(request, "iam/login.html", context, status=status)


@require_http_methods(["GET", "POST"])
def login_email(request):
    def credentials_of(data):
        email = data["email"].strip().lower()
        return f"email:{email}", {"email": email, "password": data["password"]}

    return _login_page(request, EmailLoginForm, "email", credentials_of)


@require_http_methods(["GET", "POST"])
def login_iam(request):
    def credentials_of(data):
        account = account_by_id_or_alias(data["account"])
        username = data["username"].strip()
        account_key = account.pk if account else data["account"].strip().lower()
        login_key = f"iam:{account_key}:{username.lower()}"
        return login_key, {"account": account, "username": username, "password": data["password"]}

    return _login_page(request, IamLoginForm, "iam", credentials_of)


@require_POST
def logout_view(request):
    logout(request)  # deletes the session row: the old cookie is worthless from now on
    return see_other(reverse("login"))


@login_required
@require_safe
def home(request):
    user = request.user
    if user.last_context:
        url = selectors.context_home(user, user.last_context)
        if url:
            return redirect(url)
    return redirect(selectors.landing_url(user))


@login_required
@require_safe
def choose_account(request, switching=False):
    """ "Choose a Connected Account" after login, and the Switch Accounts dialog."""
    params = list_values(ChooserForm, request.GET)
    chooser = selectors.account_chooser(
        request.user, tab=params["tab"], query=params["q"], page=params["page"]
    )
    last = request.user.last_context
    context = {
        "chooser": chooser,
        "switching": switching,
        "list_url": reverse("switch_accounts" if switching else "choose_account"),
        "continue_key": last
        if not switching and last and access_for_context(request.user, last)
        else "",
    }
    if context["continue_key"]:
        context["continue_label"] = selectors.context_label(last)
    partial = "account_table" if request.htmx.target == "account-table" else "chooser"
    return render_page(request, "iam/choose_account.html", context, partial)


def _context_key(data) -> str:
    """The context ``to`` names, or "" (no such account) when it is not a context key."""
    form = ContextForm(data)
    return form.cleaned_data["to"] if form.is_valid() else ""


@login_required
@require_safe
def switch_confirm(request):
    key = _context_key(request.GET)
    if access_for_context(request.user, key) is None:
        raise Http404("No such account.")
    context = {"key": key, "label": selectors.context_label(key)}
    return render_page(request, "iam/switch_confirm.html", context, "confirm")


@login_required
@require_POST
def select_context(request):
    """Enter a context (Select, Visit as Partner, Continue): remember it, go to its Dashboard."""
    access = access_for_context(request.user, _context_key(request.POST))
    if access is None:
        raise Http404("No such account.")
    context_remember(user=request.user, access=access)
    url = access.reverse("dashboard")
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return see_other(url)


@require_safe
def dashboard(request):
    return render(request, "iam/dashboard.html")
