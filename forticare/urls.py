from django.urls import path

from . import bug_views, views

app_name = "forticare"

_bug_tracker = [
    path("bug-tracker/", bug_views.bug_list, name="bugs"),
    path("bug-tracker/columns/", bug_views.bug_columns, name="bug_columns"),
    path("bug-tracker/<int:number>/", bug_views.bug_detail, name="bug"),
]

# Visiting as Partner: All Tickets of every connected account; a ticket is read here and
# worked on inside its account; Create Ticket first asks which account.
partner_urlpatterns = [
    path("", views.all_tickets, name="all_tickets"),
    path("tickets/new/", views.ticket_account_choice, name="ticket_create"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket"),
    *_bug_tracker,
]

account_urlpatterns = [
    path("", views.all_tickets, name="all_tickets"),
    path("tickets/new/", views.ticket_create, name="ticket_create"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:pk>/comment/", views.ticket_comment, name="ticket_comment"),
    path("tickets/<int:pk>/close/", views.ticket_close, name="ticket_close"),
    path("tickets/<int:pk>/reopen/", views.ticket_reopen, name="ticket_reopen"),
    *_bug_tracker,
]
