"""Log in with your organization (seeds 001, 003): an account's custom login page sends the
person to the account's own identity provider; the callback signs them in to that account only;
the jump page asks for a role when several match (and is the Switch Role menu entry)."""

import requests
from authlib.integrations.base_client import OAuthError
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe
from joserfc.errors import JoseError

from forticloud.web.client import client_ip
from forticloud.web.responses import see_other

from ..idp_access import matching_roles
from ..models import Account, IdentityProvider, User
from ..permissions import Portal
from ..selectors import chooser as selectors
from ..services import idp as services
from .backends import account_by_id_or_alias
from .forms import ACCOUNT_REFERENCE, IdpAccountForm, IdpRoleForm
from .oidc import oidc_client, verified_claims

# The account whose provider the login in progress went to: the callback uses that one only.
SESSION_ACCOUNT = "idp_login_account"
NO_PROVIDER = "This account does not sign in with an identity provider."
UNREACHABLE = "The identity provider cannot be reached now. Try again in a moment."
NOT_VERIFIED = "The identity provider's answer could not be verified. Log in again."
# What a provider's answers may raise in the library: a refusal, never a 500.
PROVIDER_ERRORS = (
    OAuthError,
    JoseError,
    requests.RequestException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    RuntimeError,
)


def _provider(account_id) -> IdentityProvider | None:
    return (
        IdentityProvider.objects.select_related("account")
        .filter(account_id=account_id, enabled=True, account__status=Account.Status.ACTIVE)
        .first()
    )


def _page(request, error="", status=200, account=""):
    form = IdpAccountForm(initial={"account": account})
    context = {"form": form, "mode": "idp", "error": error}
    return render(request, "iam/login.html", context, status=status)


@require_http_methods(["GET", "POST"])
def login_idp_start(request):
    """Log in with your organization: the Account ID or alias, then a link to the account's
    custom login page. Not a redirect: a form may only lead to this site (the CSP's
    form-action), and the provider is elsewhere."""
    form = IdpAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        url = reverse("login_idp", args=[form.cleaned_data["account"]])
        context = {"form": form, "mode": "idp", "continue_url": url}
        return render(request, "iam/login.html", context)
    error = " ".join(form.errors.get("account", ["Fill in every field."]))
    return _page(request, error if request.method == "POST" else "")


@require_safe
def login_idp(request, account):
    """The account's custom login page: straight to its identity provider."""
    found = account_by_id_or_alias(account) if ACCOUNT_REFERENCE.fullmatch(account) else None
    provider = _provider(found.pk) if found else None
    if provider is None:
        raise Http404(NO_PROVIDER)
    request.session[SESSION_ACCOUNT] = provider.account_id
    callback = request.build_absolute_uri(reverse("login_idp_callback"))
    try:
        return oidc_client(provider).authorize_redirect(request, callback)
    except PROVIDER_ERRORS:
        return _page(request, UNREACHABLE, status=502, account=account)


@require_safe
def login_idp_callback(request):
    provider = _provider(request.session.pop(SESSION_ACCOUNT, None))
    if provider is None:
        return _page(request, NOT_VERIFIED, status=400)
    try:
        claims = verified_claims(oidc_client(provider), request, provider.issuer)
    except PROVIDER_ERRORS:
        return _page(request, NOT_VERIFIED, status=400, account=provider.account_id)
    try:
        user = services.idp_login(provider=provider, claims=claims, ip=client_ip(request))
    except ValidationError as error:
        return _page(request, " ".join(error.messages), status=403, account=provider.account_id)
    login(request, user)  # rotates the session key
    return see_other(selectors.landing_url(user))


@login_required
@require_http_methods(["GET", "POST"])
def idp_roles(request):
    """The jump page: the roles of the account that match the person's groups."""
    user = request.user
    if user.kind != User.Kind.EXTERNAL:
        raise Http404("No such page.")
    form = IdpRoleForm(request.POST or None)
    error = ""
    if request.method == "POST":
        try:
            role_id = form.cleaned_data["role"] if form.is_valid() else None
            services.idp_role_choose(user=user, role_id=role_id, ip=client_ip(request))
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            return see_other(reverse("account:dashboard", args=[user.account_id]))
    roles = matching_roles(user).select_related("permission_profile").order_by("name")
    choices = [(role, _portals(role.permission_profile)) for role in roles]
    context = {"choices": choices, "current": user.idp_role_id, "error": error}
    return render(request, "iam/idp_roles.html", context)


def _portals(profile) -> str:
    """The portals a role opens, as the jump page names them ("Asset Management: Read Only")."""
    levels = profile.portal_levels().items()
    return ", ".join(f"{Portal(p).label}: {level.label}" for p, level in levels if level) or "none"
