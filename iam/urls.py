from django.urls import path

from . import views

app_name = "iam"

urlpatterns = [
    path("", views.iam_home, name="home"),
]
