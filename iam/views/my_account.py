"""Profile menu > My Account, for every person with a password here: who logs in by email
(owners, sub users, partner users, staff: name, login email, password, last logins,
notifications) and IAM users (the same, their email being only where their mail goes, so they
can opt in to renewal notices). External IdP people and API users have no such page (404)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forticloud.web.actions import save_then
from forticloud.web.client import client_ip
from forticloud.web.responses import error_text, see_other

from ..forms.my_account import EmailChangeForm, NameForm, NotificationsForm, PasswordChangeForm
from ..models import User
from ..selectors import my_account as selectors
from ..services import email_change
from ..services import my_account as services
from ..services.mail_preferences import renewal_notices_set

TEMPLATE = "iam/my_account.html"


def my_account_people(view):
    """Logged in, as a person who logs in by email or an IAM user; anyone else finds no page."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.kind not in User.MY_ACCOUNT_KINDS:
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped


def _page(request, **forms):
    """The page, with a form posted back with its errors in place of its blank one."""
    user = request.user
    context = {
        "name_form": NameForm(initial={"full_name": user.full_name}),
        "email_form": EmailChangeForm(),
        "password_form": PasswordChangeForm(user=user),
        **selectors.my_account_facts(user),
        "notifications_form": NotificationsForm(
            initial={"renewal": selectors.renewal_notices_wanted(user)}
        ),
        **forms,
    }
    return render(request, TEMPLATE, context)


@my_account_people
@require_safe
def my_account(request):
    return _page(request)


@my_account_people
@require_POST
def my_account_name(request):
    form = NameForm(request.POST)
    saved = save_then(
        request,
        form,
        lambda: services.my_name_update(
            user=request.user, full_name=form.cleaned_data["full_name"], ip=client_ip(request)
        ),
        done="Your name was saved.",
        next_url=reverse("my_account"),
    )
    return saved or _page(request, name_form=form)


@my_account_people
@require_POST
def my_account_email(request):
    form = EmailChangeForm(request.POST)

    def link(token):
        return request.build_absolute_uri(reverse("my_account_email_confirm", args=[token]))

    saved = save_then(
        request,
        form,
        lambda: email_change.email_change_request(
            user=request.user,
            new_email=form.cleaned_data["email"],
            link=link,
            ip=client_ip(request),
        ),
        done=lambda change: (
            f"We sent a link to {change.new_email}. Your login email changes "
            "when you follow it (within 24 hours)."
        ),
        next_url=reverse("my_account"),
    )
    return saved or _page(request, email_form=form)


def _password_change(request, form):
    """Change the password; this session stays, every other one of the user ends."""
    user = services.my_password_change(
        user=request.user,
        current=form.cleaned_data["current_password"],
        new=form.cleaned_data["new_password"],
        ip=client_ip(request),
    )
    update_session_auth_hash(request, user)


@my_account_people
@require_POST
def my_account_password(request):
    form = PasswordChangeForm(request.POST, user=request.user)
    saved = save_then(
        request,
        form,
        lambda: _password_change(request, form),
        done="Your password was changed. Your other sessions have ended.",
        next_url=reverse("my_account"),
    )
    return saved or _page(request, password_form=form)


@my_account_people
@require_http_methods(["GET", "POST"])
def my_account_email_confirm(request, token):
    """The link of the mail: Confirm (a POST: a mail scanner opening the link changes
    nothing) makes the change."""
    change = selectors.email_change_pending(user=request.user, token=token)
    error = "" if change else email_change.INVALID_LINK
    if request.method == "POST" and change is not None:
        try:
            email_change.email_change_confirm(user=request.user, token=token, ip=client_ip(request))
        except ValidationError as refusal:
            error = error_text(refusal)
        else:
            messages.success(request, f"Your login email is now {change.new_email}.")
            return see_other(reverse("my_account"))
    context = {"change": change, "error": error}
    return render(request, "iam/email_change_confirm.html", context)


@my_account_people
@require_POST
def my_account_notifications(request):
    form = NotificationsForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    try:
        renewal_notices_set(user=request.user, wanted=form.cleaned_data.get("renewal", False))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "Your notifications were saved.")
    return see_other(reverse("my_account"))
