from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def update_profile(request):
    return HttpResponse("ok")


@method_decorator(csrf_exempt, name="dispatch")
class Upload(View):
    def post(self, request):
        return HttpResponse("ok")


def hook(request):
    return HttpResponse("ok")
