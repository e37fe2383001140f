from rest_framework import status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .models import Order
from .serializers import OrderSerializer
from .webhooks import PaymentProviderSignature, mark_order_paid


class OrderViewSet(viewsets.ReadOnlyModelViewSet):
    """A customer's own orders."""

    serializer_class = OrderSerializer

    def get_queryset(self):
        return Order.objects.filter(user=self.request.user).prefetch_related("items__product")


class OrderCreateView(APIView):
    """Checkout from the mobile app: customers sign in first."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "checkout"

    def post(self, request):
        serializer = OrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = serializer.save(user=request.user)
        return Response(OrderSerializer(order).data, status=status.HTTP_201_CREATED)


class PaymentWebhookView(APIView):
    """Called by the payment provider; authenticated by the HMAC signature of the body."""

    authentication_classes = [PaymentProviderSignature]
    permission_classes = [IsAuthenticated]
    throttle_classes = []

    def post(self, request):
        if not mark_order_paid(request.data):
            return Response({"detail": "unknown order"}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"status": "ok"})
