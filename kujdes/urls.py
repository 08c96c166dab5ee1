from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from kujdes import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("kujdes.accounts.urls")),
    path("areas/", include("kujdes.territory.urls")),
    path("audit/", include("kujdes.audit.urls")),
    path("directory/", include("kujdes.directory.urls")),
    path("planning/", include("kujdes.planning.urls")),
    path("plans/", include("kujdes.planning.public_urls")),
    path("monitoring/", include("kujdes.monitoring.urls")),
    path("progress/", include("kujdes.monitoring.public_urls")),
    path("api/hsds/", include(("kujdes.directory.api", "hsds"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
]
