import hmac

from rest_framework import permissions, viewsets
from rest_framework.exceptions import PermissionDenied

from .perms import check_project_perms, sign
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]


class Both(viewsets.ModelViewSet):
    permission_classes = [AllowAny, IsAuthenticated]


class ReadOnlyApi(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({})


class Custom(viewsets.ModelViewSet):
    permission_classes = [AllowAny]

    def get_permissions(self):
        return [IsAuthenticated()]


@api_view()
@permission_classes([AllowAny])
def ping(request):
    return Response({})


class ProjectUpload(APIView):
    # Open in the declaration, but the handler refuses whoever lacks the permission.
    permission_classes = [AllowAny]

    def post(self, request, project_pk):
        check_project_perms(request, project_pk, ("change_project",))
        return Response({})


class TaskViewSet(viewsets.ModelViewSet):
    permission_classes = [AllowAny]

    def create(self, request):
        if not request.user.has_perm("shop.add_task"):
            raise PermissionDenied()
        return Response({})


class LoginApi(APIView):
    # A sign-in step: anonymous callers are its whole purpose.
    permission_classes = [AllowAny]

    def post(self, request):
        return Response({})


class HookApi(APIView):
    permission_classes = [AllowAny]

    def post(self, request):
        if not hmac.compare_digest(request.headers.get("X-Signature", ""), sign(request.body)):
            return Response(status=403)
        return Response({})
