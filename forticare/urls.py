from django.urls import path

from . import views

app_name = "forticare"

urlpatterns = [
    path("", views.home, name="home"),
]
