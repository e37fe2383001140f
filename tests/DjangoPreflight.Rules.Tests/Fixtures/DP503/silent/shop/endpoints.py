from uuid import UUID

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.signing import BadSignature
from django.http import HttpResponse, HttpResponseTemporaryRedirect, JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .auth import api_key_required
from .bounces import read_bounce_id
from .chat import send_message
from .forms import SearchForm
from .models import Check, Project


# Shapes that neither act as the signed-in user nor change data unverified: an attacker gains
# nothing by making a victim's browser send them.


@csrf_exempt
def ping(request, code: UUID):
    # Addressed by a UUID, which a forged request cannot guess.
    check = Check.objects.get(code=code)
    check.last_ping = request.body[:100]
    check.save()
    return HttpResponse("OK")


@csrf_exempt
def ping_by_key(request, ping_key, slug):
    project = Project.objects.get(ping_key=ping_key)
    return ping(request, project.check_for(slug).code)


@api_key_required
def add_check(request):
    Check.objects.create(name=request.POST["name"])
    return JsonResponse({}, status=201)


@csrf_exempt
def checks(request):
    # Dispatches to a view that authenticates by API key.
    if request.method == "POST":
        return add_check(request)
    return JsonResponse({"checks": []})


@csrf_exempt
def bounces(request):
    try:
        check = Check.objects.get(pk=read_bounce_id(request.body))
    except BadSignature:
        return HttpResponse("OK (bad signature)")
    check.bounced = True
    check.save()
    return HttpResponse("OK")


@csrf_exempt
def search(request):
    form = SearchForm(request.GET)
    return render(request, "search.html", {"form": form})


@csrf_exempt
@require_POST
def chat_hook(request):
    # Replies to whoever wrote; reads no user, writes nothing.
    send_message(request.body)
    return HttpResponse()


@csrf_exempt
def plural_redirect(request, resource):
    return HttpResponseTemporaryRedirect(request.get_full_path().replace(resource, resource + "s", 1))


@method_decorator(csrf_exempt, name="dispatch")
class Export(LoginRequiredMixin, View):
    # POST does exactly what GET does: nothing a cross-site GET cannot already trigger.
    def get(self, request):
        chart = request.GET.get("chart")
        return self.render_pdf(request, chart)

    def post(self, request):
        chart = request.POST.get("chart")
        return self.render_pdf(request, chart)

    def render_pdf(self, request, chart):
        return HttpResponse(chart, content_type="application/pdf")
