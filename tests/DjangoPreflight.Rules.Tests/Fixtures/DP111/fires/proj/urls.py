from django.conf import settings
from django.urls import include, path

urlpatterns = []

if settings.DEBUG:
    # Guarded: not the one the finding names.
    urlpatterns += [path("__debug__/", include("debug_toolbar.urls"))]

urlpatterns += [path("__debug__/", include("debug_toolbar.urls"))]
