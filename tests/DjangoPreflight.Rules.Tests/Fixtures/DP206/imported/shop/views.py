from django.http import HttpResponseBadRequest, HttpResponseNotFound, HttpResponseServerError


def handler404(request, exception):
    return HttpResponseNotFound("<h1>Not here</h1>")


def handler500(request):
    return HttpResponseServerError("<h1>Our fault</h1>")


def bad_request(request, exception):
    return HttpResponseBadRequest("<h1>Bad request</h1>")
