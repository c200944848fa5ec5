"""The one-click unsubscribe link of optional mail (RFC 8058): no login, the signed token
names the address and the kind. GET asks; POST (a person's button, or the mail client's
one-click POST, which carries no CSRF token) stops that kind of mail to that address."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..models import MailOptOut
from ..services.mail_preferences import mail_opt_set, unsubscribe_read


@csrf_exempt  # the token is the authority; opting out is all it can do
@require_http_methods(["GET", "POST"])
def mail_unsubscribe(request, token):
    found = unsubscribe_read(token)
    if found is None:
        raise Http404("No such page.")
    email, kind = found
    if request.method == "POST":
        mail_opt_set(email=email, kind=kind, wanted=False)
    context = {
        "email": email,
        "kind_label": MailOptOut.Kind(kind).label,
        "done": request.method == "POST",
    }
    return render(request, "iam/mail_unsubscribe.html", context)
