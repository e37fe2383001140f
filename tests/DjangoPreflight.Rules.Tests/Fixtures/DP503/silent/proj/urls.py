from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from shop import webhooks

urlpatterns = [
    path("events/", csrf_exempt(webhooks.EventHook.as_view())),
    path("checks/", csrf_exempt(webhooks.create_check)),
]
