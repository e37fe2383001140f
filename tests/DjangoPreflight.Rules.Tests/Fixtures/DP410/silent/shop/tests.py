from django.http import HttpResponse


def fake_view(request):
    # Test code is never served.
    response = HttpResponse()
    response["Access-Control-Allow-Origin"] = request.headers.get("Origin")
    response["Access-Control-Allow-Credentials"] = "true"
    return response
