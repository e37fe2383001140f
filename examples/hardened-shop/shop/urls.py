from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from rest_framework import routers

from catalog.api import CategoryViewSet, ProductViewSet
from orders.api import OrderCreateView, OrderViewSet, PaymentWebhookView

router = routers.DefaultRouter()
router.register("categories", CategoryViewSet)
router.register("products", ProductViewSet)
router.register("orders", OrderViewSet, basename="order")

urlpatterns = [
    # Not at /admin/: nginx also only lets the office network reach this prefix.
    path("backoffice/", admin.site.urls),
    path("api/checkout/", OrderCreateView.as_view(), name="api_checkout"),
    path("api/webhooks/payment/", PaymentWebhookView.as_view(), name="payment_webhook"),
    path("api/", include(router.urls)),
    path("orders/", include("orders.urls")),
    path("", include("catalog.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if "debug_toolbar" in settings.INSTALLED_APPS:
    urlpatterns = [path("__debug__/", include("debug_toolbar.urls"))] + urlpatterns
