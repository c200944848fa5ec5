from django.urls import path

from . import views

app_name = "partners"

# Partner Account, in the partner's own context ("Visit as Partner"): /partner/account/...
partner_urlpatterns = [
    path("", views.partner_account, name="partner_account"),
    path("connected-accounts/", views.connected_account_list, name="connected_accounts"),
    path("connected-accounts/connect/", views.connect_account, name="connect_account"),
    path("connected-accounts/<int:pk>/", views.role_details, name="role"),
    path(
        "connected-accounts/<int:pk>/notification-email/",
        views.notification_email_update,
        name="notification_email",
    ),
    path("connected-accounts/<int:pk>/disconnect/", views.disconnect, name="disconnect"),
]
