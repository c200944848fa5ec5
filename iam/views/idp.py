"""IAM > Identity Provider (Test connection) and the External IdP roles of the Users page:
Add New > External IdP Role, Edit, Disable, Enable, Delete."""

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods, require_POST

from forticloud.web.actions import act_then, confirm_then_act, form_page
from forticloud.web.responses import see_other

from ..auth.oidc import ConnectionTestFailed, connection_test
from ..decorators import customer_only, requires
from ..forms.idp import IdentityProviderForm, IdpRoleForm
from ..models import ExternalIdpRole, IdentityProvider
from ..permissions import Level, Portal
from ..services import idp as services
from .common import WRITE, changeable_or_404, list_url


def _provider(request):
    return IdentityProvider.objects.visible_to(request.access).first()


@customer_only
@requires(Portal.IAM, Level.ADMIN)
@require_http_methods(["GET", "POST"])
def identity_provider(request):
    provider = _provider(request)
    form = IdentityProviderForm(request.POST or None, instance=provider)
    here = request.access.reverse("iam:identity_provider")
    return form_page(
        request,
        "iam/identity_provider.html",
        form,
        lambda: services.identity_provider_save(access=request.access, **form.service_fields()),
        done=lambda saved: "The identity provider was saved.",
        next_url=here,
        context={"provider": provider, "login_path": f"/login/idp/{request.access.account.pk}/"},
    )


@customer_only
@requires(Portal.IAM, Level.ADMIN)
@require_POST
def identity_provider_test(request):
    """Test connection: the discovery document names the issuer, and its keys are published."""
    provider = _provider(request)
    here = request.access.reverse("iam:identity_provider")
    if provider is None:
        messages.error(request, "Save the identity provider first.")
        return see_other(here)
    try:
        keys = connection_test(provider.issuer)
    except ConnectionTestFailed as failure:
        messages.error(request, f"Test connection failed: {failure}")
    else:
        messages.success(request, f"Test connection succeeded: {keys} signing keys published.")
    return see_other(here)


def _role(request, pk):
    roles = ExternalIdpRole.objects.visible_to(request.access)
    role = get_object_or_404(roles.select_related("permission_profile", "scope_folder"), pk=pk)
    return changeable_or_404(request, role)


def _role_page(request, form, save, verb, role=None):
    return form_page(
        request,
        "iam/idp_role_form.html",
        form,
        lambda: save(access=request.access, **form.service_fields()),
        done=lambda saved: f"External IdP role {saved.name} was {verb}.",
        next_url=list_url(request, "users"),
        context={
            "title": f"Edit External IdP Role {role.name}" if role else "New External IdP Role",
            "target": role,
        },
    )


@customer_only
@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def idp_role_create(request):
    form = IdpRoleForm(request.POST or None, access=request.access)
    return _role_page(request, form, services.idp_role_create, "created")


@customer_only
@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def idp_role_edit(request, pk):
    role = _role(request, pk)
    form = IdpRoleForm(request.POST or None, instance=role, access=request.access)
    return _role_page(request, form, partial(services.idp_role_update, role=role), "updated", role)


def _confirmed(request, pk, *, service, title, message, done):
    role = _role(request, pk)
    return confirm_then_act(
        request,
        lambda: service(access=request.access, role=role),
        title=title,
        message=message.format(role=role.name),
        done=done.format(role=role.name),
        next_url=list_url(request, "users"),
    )


@customer_only
@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def idp_role_disable(request, pk):
    return _confirmed(
        request,
        pk,
        service=partial(services.idp_role_set_active, active=False),
        title="Confirm To Disable External IdP Role",
        message="You are about to disable the External IdP role {role}. The people acting "
        "through it are logged out at once. Are you sure you want to continue?",
        done="External IdP role {role} was disabled.",
    )


@customer_only
@requires(Portal.IAM, WRITE)
@require_POST
def idp_role_enable(request, pk):
    role = _role(request, pk)
    return act_then(
        request,
        lambda: services.idp_role_set_active(access=request.access, role=role, active=True),
        done=f"External IdP role {role.name} was enabled.",
        next_url=list_url(request, "users"),
    )


@customer_only
@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def idp_role_delete(request, pk):
    return _confirmed(
        request,
        pk,
        service=services.idp_role_delete,
        title="Confirm to Delete External IdP Role",
        message="You are about to delete the External IdP role {role}. The people acting "
        "through it are logged out at once. This action cannot be reverted.",
        done="External IdP role {role} was deleted.",
    )
