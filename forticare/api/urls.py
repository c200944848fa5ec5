from django.urls import path

from . import views

# /api/v1/forticare/...
api_urlpatterns = [
    path("tickets/", views.TicketList.as_view(), name="tickets"),
    path("tickets/<id:pk>/", views.TicketDetail.as_view(), name="ticket"),
    path("tickets/<id:pk>/comments/", views.TicketComment.as_view(), name="ticket_comment"),
    path("tickets/<id:pk>/close/", views.TicketClose.as_view(), name="ticket_close"),
]

# /api/v1/partner/forticare/... (the partner view)
partner_urlpatterns = [
    path("tickets/", views.PartnerTicketList.as_view(), name="tickets"),
    path("bugs/", views.BugList.as_view(), name="bugs"),
]
