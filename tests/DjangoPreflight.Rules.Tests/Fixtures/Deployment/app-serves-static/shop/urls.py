from django.urls import path, re_path

from shop.views import home, serve_static

urlpatterns = [
    re_path(r"^static/(?P<path>.*)$", serve_static),
    path("", home),
]
