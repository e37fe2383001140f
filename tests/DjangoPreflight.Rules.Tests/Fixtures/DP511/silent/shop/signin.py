from django.contrib.auth import login as auth_login
from rest_framework.generics import CreateAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .mixins import AuthMixin
from .perms import check_project_perms
from .sso import user_from_sso_cookie


class ExternalSession(APIView):
    # Signs the caller in from a token another service issued: open to anonymous callers by design.
    permission_classes = [AllowAny]

    def post(self, request):
        user = user_from_sso_cookie(request.COOKIES.get("sso", ""))
        auth_login(request, user)
        return Response({"redirect": "/"})


class FaceContext(AuthMixin, CreateAPIView):
    # A step of the login flow: its mixin checks the credentials.
    permission_classes = [AllowAny]

    def post(self, request, *args, **kwargs):
        return Response({"token": self.start_challenge()})


class TaskNested(APIView):
    permission_classes = [AllowAny]

    def get_and_check_task(self, request, pk):
        task = {"pk": pk, "public": False}
        if not task["public"]:
            check_project_perms(request, pk, ("view_project",))
        return task


class TaskExport(TaskNested):
    # The helper it calls, defined on its base, checks the permission.
    def post(self, request, pk):
        task = self.get_and_check_task(request, pk)
        return Response({"task": task["pk"]})
