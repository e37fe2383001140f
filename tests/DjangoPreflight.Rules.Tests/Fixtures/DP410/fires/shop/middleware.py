from django.http import HttpResponse


class OpenCorsMiddleware:
    """Echoes every Origin and allows credentials: any site can act as the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = request.META.get("HTTP_ORIGIN")
        response["Access-Control-Allow-Credentials"] = "true"
        return response


def process_response(request, response):
    origin = request.headers.get("Origin")
    if origin:
        # A truth test is no check: every cross-site request has an Origin.
        response.headers["Access-Control-Allow-Origin"] = origin
    return response


def preflight(request):
    return HttpResponse(headers={"Access-Control-Allow-Origin": request.headers["Origin"], "Access-Control-Allow-Credentials": True})


def star_with_credentials(request):
    response = HttpResponse()
    response.setdefault("Access-Control-Allow-Origin", "*")
    response.setdefault("Access-Control-Allow-Credentials", "true")
    return response
