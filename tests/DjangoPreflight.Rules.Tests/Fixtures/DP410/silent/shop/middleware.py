import re

from django.conf import settings
from django.http import HttpResponse

ALLOWED_ORIGINS = {"https://app.example.com"}


def allow_listed(request, response):
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Credentials"] = "true"
    return response


def from_settings(request, response):
    origin = request.META.get("HTTP_ORIGIN", "")
    if origin in settings.CORS_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
    return response


def pattern_checked(request, response):
    origin = request.headers.get("Origin", "")
    if re.fullmatch(r"https://[a-z]+\.example\.com", origin):
        response["Access-Control-Allow-Origin"] = origin
    return response


def public_badge(request):
    # "*" without credentials is public CORS: any site may read a public badge.
    response = HttpResponse("<svg/>")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def fixed_front_end(request):
    return HttpResponse(headers={"Access-Control-Allow-Origin": settings.FRONTEND_URL, "Access-Control-Allow-Credentials": "true"})
