"""IAM > Sub User Migration (master user only): each sub user with what it would become and
the proof that it sees the same units after; migrate one, several or all."""

from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from forticloud.web.listing import list_values
from forticloud.web.responses import error_text, render_page, see_other

from ..decorators import master_user_only
from ..forms.sub_users import MigrationForm, MigrationPageForm
from ..selectors.sub_users import sub_users
from ..services import sub_user_migration as services
from ..services.mail import mail_send

LINKS = "iam_migration_links"  # the password links of the last migration, shown once
PAGE_SIZE = 25


@master_user_only
@never_cache
@require_http_methods(["GET", "POST"])
def sub_user_migration(request):
    access = request.access
    if request.method == "POST":
        return _migrate(request)
    number = list_values(MigrationPageForm, request.GET)["page"]
    page = Paginator(sub_users(access).order_by("email"), PAGE_SIZE).get_page(number)
    context = {
        "page": page,
        "migrations": services.preview(access, page.object_list),
        "links": request.session.pop(LINKS, []),
    }
    return render_page(request, "iam/sub_user_migration.html", context)


def _migrate(request):
    access = request.access
    form = MigrationForm(request.POST, access=access)
    if not form.is_valid():
        messages.error(request, form.errors_text())
        return see_other(request.path)
    try:
        done = services.migrate(access=access, user_ids=form.user_ids())
    except ValidationError as error:  # e.g. migrated meanwhile from another tab
        messages.error(request, error_text(error))
        return see_other(request.path)
    links = [(m, request.build_absolute_uri(_password_link(m.iam_user))) for m in done if m.proven]
    for migration, link in links:
        _mail_link(request, migration, link)
    # Added to links not shown yet (two migrations before the page was seen): each is needed.
    shown = [(m.user.email, m.username, link) for m, link in links]
    request.session[LINKS] = request.session.get(LINKS, []) + shown
    for m in done:
        if not m.proven:
            messages.error(request, f"{m.user.email} was not migrated: {'; '.join(m.problems)}.")
    if migrated := sum(m.proven for m in done):
        messages.success(request, f"{migrated} sub user{'s'[: migrated != 1]} migrated.")
    return see_other(request.path)


def _mail_link(request, migration, link) -> None:
    """The person's password link, to the address they logged in with."""
    context = {
        "master": request.user.display_name,
        "email": migration.user.email,
        "account_id": request.access.account.pk,
        "username": migration.username,
        "link": link,
    }
    mail_send(
        to=migration.user.email,
        template="iam/mail/iam_user_ready.txt",
        context=context,
        sensitive=True,
    )


def _password_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("activate", args=[uid, default_token_generator.make_token(user)])
