from django.urls import path

from .views import bugs, general, tickets

app_name = "forticare"

_bug_tracker = [
    path("bug-tracker/", bugs.bug_list, name="bugs"),
    path("bug-tracker/columns/", bugs.bug_columns, name="bug_columns"),
    path("bug-tracker/<int:number>/", bugs.bug_detail, name="bug"),
]

# The general sections: the same pages in every context with FortiCare.
_general = [
    path("resources/", general.resources, name="resources"),
    path("product-lifecycle/", general.product_lifecycle, name="product_lifecycle"),
    path("downloads/", general.downloads, name="downloads"),
    path("bulletins/", general.bulletins, name="bulletins"),
]

# Visiting as Partner and the organization view: All Tickets of every reached account; a
# ticket is read here and worked on inside its account; Create Ticket first asks which account.
aggregated_urlpatterns = [
    path("", tickets.all_tickets, name="all_tickets"),
    path("tickets/new/", tickets.ticket_account_choice, name="ticket_create"),
    path("tickets/<int:pk>/", tickets.ticket_detail, name="ticket"),
    *_general,
]
partner_urlpatterns = [*aggregated_urlpatterns, *_bug_tracker]

account_urlpatterns = [
    path("", tickets.all_tickets, name="all_tickets"),
    path("tickets/new/", tickets.ticket_create, name="ticket_create"),
    path("tickets/<int:pk>/", tickets.ticket_detail, name="ticket"),
    path("tickets/<int:pk>/comment/", tickets.ticket_comment, name="ticket_comment"),
    path("tickets/<int:pk>/close/", tickets.ticket_close, name="ticket_close"),
    path("tickets/<int:pk>/reopen/", tickets.ticket_reopen, name="ticket_reopen"),
    *_bug_tracker,
    *_general,
]
