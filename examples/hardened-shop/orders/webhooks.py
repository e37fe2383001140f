import hashlib
import hmac

from django.conf import settings
from rest_framework import authentication, exceptions

from .models import Order

SIGNATURE_HEADER = "HTTP_X_PAYMENT_SIGNATURE"


class PaymentProvider:
    """The authenticated principal of a correctly signed webhook call."""

    is_authenticated = True
    is_anonymous = False


class PaymentProviderSignature(authentication.BaseAuthentication):
    """Accepts a request only if X-Payment-Signature is the hex HMAC-SHA256 of the raw body."""

    def authenticate(self, request):
        signature = request.META.get(SIGNATURE_HEADER, "")
        secret = settings.PAYMENT_WEBHOOK_SECRET.encode()
        expected = hmac.new(secret, request.body, hashlib.sha256).hexdigest()
        if not secret or not hmac.compare_digest(signature, expected):
            raise exceptions.AuthenticationFailed("bad signature")
        return PaymentProvider(), None

    def authenticate_header(self, request):
        return "X-Payment-Signature"


def mark_order_paid(event):
    """Marks the event's order paid; False if the event names no known order."""
    try:
        order = Order.objects.get(pk=int(event["order_id"]))
    except (KeyError, TypeError, ValueError, Order.DoesNotExist):
        return False
    order.status = Order.Status.PAID
    order.payment_reference = str(event.get("payment_id", ""))[:100]
    order.save(update_fields=["status", "payment_reference"])
    return True
