from django.urls import path

# The error views live with the other views; importing them under Django's names installs them.
from shop.views import handler404, handler500
from shop.views import bad_request as handler400

urlpatterns = []
