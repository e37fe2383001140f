from functools import wraps

from django.http import JsonResponse
from django.views import View


def api_key_required(view):
    """Authenticates each request by the API key the client sends, never by the session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if "X-Api-Key" not in request.headers:
            return JsonResponse({"error": "missing api key"}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


def bearer_token(request):
    return request.headers.get("Authorization", "").removeprefix("Bearer ")


class BearerView(View):
    """Base of the machine-to-machine endpoints: a bearer token or nothing."""

    def dispatch(self, request, *args, **kwargs):
        if not bearer_token(request):
            return JsonResponse({}, status=401)
        return super().dispatch(request, *args, **kwargs)
