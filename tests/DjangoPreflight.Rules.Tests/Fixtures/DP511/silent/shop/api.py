from rest_framework import permissions, viewsets
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
