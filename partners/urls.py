from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.connected_account_list, name="connected_accounts"),
    path("connect/", views.connect_account, name="connect_account"),
    path("<int:pk>/", views.role_details, name="role"),
    path(
        "<int:pk>/notification-email/", views.notification_email_update, name="notification_email"
    ),
    path("<int:pk>/disconnect/", views.disconnect, name="disconnect"),
]
