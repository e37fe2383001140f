from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from shop import views

urlpatterns = [
    path("hook/", csrf_exempt(views.hook)),
]
