import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from .auth import BearerView, api_key_required
from .models import Bot


@csrf_exempt
def payment_webhook(request):
    # The sender signs every request; a forged cross-site request cannot.
    expected = hmac.new(settings.WEBHOOK_KEY.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Signature", "")):
        raise PermissionDenied
    return HttpResponse("ok")


@csrf_exempt
@api_key_required
def create_check(request):
    return JsonResponse({})


@method_decorator(csrf_exempt, name="dispatch")
class Deliveries(BearerView):
    def post(self, request):
        return JsonResponse({})


@csrf_exempt
@require_GET
def metadata(request):
    return JsonResponse({})


@csrf_exempt
@require_http_methods(["GET", "HEAD"])
def status(request):
    return JsonResponse({})


@method_decorator(csrf_exempt, name="dispatch")
class Discovery(View):
    # Serves GET only: CSRF protection never checks safe methods.
    def get(self, request):
        return JsonResponse({})


class EventHook(BearerView):
    def post(self, request):
        return JsonResponse({})


@csrf_exempt
def bot_hook(request, token):
    # The URL carries the bot's secret token, which the view looks up: a forged request has none.
    bot = get_object_or_404(Bot, webhook_token=token)
    return JsonResponse({"bot": bot.pk})
