from django.urls import path

from . import bug_views, views

app_name = "forticare"

urlpatterns = [
    path("", views.home, name="home"),
    path("tickets/new/", views.ticket_create, name="ticket_create"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:pk>/comment/", views.ticket_comment, name="ticket_comment"),
    path("tickets/<int:pk>/close/", views.ticket_close, name="ticket_close"),
    path("tickets/<int:pk>/reopen/", views.ticket_reopen, name="ticket_reopen"),
    path("bug-tracker/", bug_views.bug_list, name="bugs"),
    path("bug-tracker/columns/", bug_views.bug_columns, name="bug_columns"),
    path("bug-tracker/<int:number>/", bug_views.bug_detail, name="bug"),
]
