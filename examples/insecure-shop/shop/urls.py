from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from rest_framework import routers

from catalog.api import CategoryViewSet, ProductViewSet
from orders.api import OrderCreateView, OrderViewSet

router = routers.DefaultRouter()
router.register("categories", CategoryViewSet)
router.register("products", ProductViewSet)
router.register("orders", OrderViewSet)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/checkout/", OrderCreateView.as_view(), name="api_checkout"),
    path("api/", include(router.urls)),
    path("api-auth/", include("rest_framework.urls")),
    path("orders/", include("orders.urls")),
    path("", include("catalog.urls")),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if "debug_toolbar" in settings.INSTALLED_APPS:
    urlpatterns = [path("__debug__/", include("debug_toolbar.urls"))] + urlpatterns
