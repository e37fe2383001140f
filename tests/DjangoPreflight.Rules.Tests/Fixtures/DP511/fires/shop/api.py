from rest_framework import generics, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response


class OrderViewSet(viewsets.ModelViewSet):
    permission_classes = [AllowAny]


class Feedback(generics.CreateAPIView):
    permission_classes = ()


@api_view(["GET", "POST"])
@permission_classes([AllowAny])
def comment(request):
    return Response({})


class NoteViewSet(viewsets.ModelViewSet):
    # Reading is_authenticated only chooses an owner: anyone can still write.
    permission_classes = [AllowAny]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user if self.request.user.is_authenticated else None)
