from django.contrib.auth import authenticate, login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from uploads import store_upload

from .models import Item, Order


@csrf_exempt
def update_profile(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return HttpResponse("ok")


@method_decorator(csrf_exempt, name="dispatch")
class Upload(View):
    def post(self, request):
        # A package's function given the request may act as the user: unknown.
        store_upload(request)
        return HttpResponse("ok")


def hook(request):
    Order.objects.filter(pk=request.POST["order"]).update(paid=True)
    return HttpResponse("ok")


@csrf_exempt
def login_view(request):
    # A username and password are what a forged login request carries: no exemption here.
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    login(request, user)
    return HttpResponse("ok")


@method_decorator(csrf_exempt, name="dispatch")
class Import(View):
    def post(self, request):
        request.session["import"] = request.POST["source"]
        return HttpResponse("ok")


class SafeImport(Import):
    # Defines dispatch itself, so as_view() no longer finds the exemption of Import's.
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


@csrf_exempt
def rename(request, slug):
    # A slug in the URL is no secret: a forged request can name it too.
    item = get_object_or_404(Item, slug=slug)
    item.name = request.POST["name"]
    item.save()
    return HttpResponse("ok")
