"""IAM > Users > Add New > API User: its page of credentials (the secret shown once), Edit and
Regenerate Secret. Disable, Enable and Delete are the Users page's (iam.views.users)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from forticloud.web.actions import form_page
from forticloud.web.responses import confirm_page, see_other
from forticloud.web.shown_once import keep_once, take_once

from .. import grants
from ..decorators import requires
from ..forms.users import ApiUserForm
from ..models import User
from ..permissions import Portal
from ..services import api_users as services
from .common import WRITE, changeable_or_404, list_url

FORM = "iam/user_form.html"


def _api_user(request, pk, *, change=True):
    users = User.objects.visible_to(request.access).filter(kind=User.Kind.API)
    user = get_object_or_404(users.select_related(*grants.USER_GRANT_RELATIONS), pk=pk)
    return changeable_or_404(request, user) if change else user


def _show_secret_once(request, user, secret):
    keep_once(request, "api_user", user.pk, secret=secret)
    return see_other(request.access.reverse("iam:api_user", pk=user.pk))


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def api_user_create(request):
    access = request.access
    form = ApiUserForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            user, secret = services.api_user_create(access=access, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"API user {user.username} was created.")
            return _show_secret_once(request, user, secret)
    return render(request, FORM, {"form": form, "title": "New API User", "api": True})


@requires(Portal.IAM)
@never_cache
@require_safe
def api_user_detail(request, pk):
    """The API user's Client ID, and its secret this once after Add or Regenerate Secret."""
    user = _api_user(request, pk, change=False)
    kept = take_once(request, "api_user", user.pk)
    client = services.credentials_of(user)
    context = {
        "api_user": user,
        "client_id": client.client_id if client else "",
        "secret": kept["secret"] if kept else "",
        "can_write": request.access.can(Portal.IAM, WRITE)
        and grants.may_change(request.access, user),
        "can_regenerate": grants.may_set_credentials(request.access, user),
    }
    return render(request, "iam/api_user.html", context)


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def api_user_edit(request, pk):
    user = _api_user(request, pk)
    form = ApiUserForm(request.POST or None, instance=user, access=request.access)
    return form_page(
        request,
        FORM,
        form,
        lambda: services.api_user_update(access=request.access, user=user, **form.service_fields()),
        done=lambda updated: f"API user {updated.username} was updated.",
        next_url=list_url(request, "users"),
        context={"title": f"Edit API User {user.username}", "target": user, "api": True},
    )


@requires(Portal.IAM, WRITE)
@require_http_methods(["GET", "POST"])
def api_user_regenerate(request, pk):
    user = _api_user(request, pk)
    if not grants.may_set_credentials(request.access, user):
        raise Http404("No such page.")
    if request.method == "GET":
        return confirm_page(
            request,
            title="Regenerate Secret",
            message=(
                f"The current secret of {user.username} stops working, and so do the tokens "
                "it got: every client using it needs the new one. Are you sure you want to "
                "continue?"
            ),
            action_url=request.path,
            cancel_url=request.access.reverse("iam:api_user", pk=user.pk),
        )
    secret = services.api_secret_regenerate(access=request.access, user=user)
    return _show_secret_once(request, user, secret)
