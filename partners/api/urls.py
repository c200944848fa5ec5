from django.urls import path

from . import views

# /api/v1/partner/...
api_urlpatterns = [
    path("connected-accounts/", views.ConnectedAccounts.as_view(), name="connected_accounts"),
]
