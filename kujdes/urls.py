from django.urls import include, path
from django.views.i18n import set_language

from kujdes import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("kujdes.accounts.urls")),
    path("areas/", include("kujdes.territory.urls")),
    path("audit/", include("kujdes.audit.urls")),
]
