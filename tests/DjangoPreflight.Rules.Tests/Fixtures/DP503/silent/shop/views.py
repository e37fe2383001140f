from django.http import HttpResponse
from django.views.decorators.csrf import csrf_protect, ensure_csrf_cookie


@csrf_protect
def update_profile(request):
    return HttpResponse("ok")


@ensure_csrf_cookie
def page(request):
    return HttpResponse("ok")
