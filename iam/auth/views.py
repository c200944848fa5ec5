"""Email Login, IAM Login and Log Out."""

from urllib.parse import urlsplit

from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from forticloud.web.responses import see_other
from forticloud.web.throttle import device_cookie_issue

from ..selectors import chooser as selectors
from .backends import account_by_id_or_alias
from .forms import EmailLoginForm, IamLoginForm, NextForm
from .login import login_attempt


def _next_url(request):
    """Where the login was asked to go: a page of this site. The home page ("/", the usual
    bookmark) asks for nothing in particular: after login come the accounts linked to the
    credentials (seed 000), with "Continue to" the last one, not the last one itself."""
    target = NextForm.target(request.POST) or NextForm.target(request.GET)
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not allowed or urlsplit(target).path == reverse("home"):
        return ""
    return target


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
