from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def fake_view(request):
    return None
