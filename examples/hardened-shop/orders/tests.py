import hashlib
import hmac
import json
from decimal import Decimal

from django.test import TestCase, override_settings
from django.urls import reverse

from catalog.models import Category, Product

from .models import Order


class CheckoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tea = Category.objects.create(name="Tea", slug="tea")
        cls.product = Product.objects.create(category=tea, name="Sencha", slug="sencha", price=Decimal("7.50"))

    def test_checkout_creates_order(self):
        self.client.post(reverse("orders:cart_add", args=[self.product.pk]), {"quantity": 2})
        response = self.client.post(
            reverse("orders:checkout"), {"email": "a@example.com", "shipping_address": "1 Main St"}
        )
        self.assertEqual(response.status_code, 200)
        order = Order.objects.get()
        self.assertEqual(order.total, Decimal("15.00"))


@override_settings(PAYMENT_WEBHOOK_SECRET="test-webhook-secret")
class PaymentWebhookTests(TestCase):
    def setUp(self):
        self.order = Order.objects.create(email="a@example.com", shipping_address="1 Main St")
        self.url = reverse("payment_webhook")

    def post(self, body, signature):
        return self.client.post(
            self.url, body, content_type="application/json", HTTP_X_PAYMENT_SIGNATURE=signature
        )

    def test_signed_event_marks_order_paid(self):
        body = json.dumps({"order_id": self.order.pk, "payment_id": "pay_123"})
        signature = hmac.new(b"test-webhook-secret", body.encode(), hashlib.sha256).hexdigest()
        self.assertEqual(self.post(body, signature).status_code, 200)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, Order.Status.PAID)

    def test_unsigned_event_is_rejected(self):
        body = json.dumps({"order_id": self.order.pk})
        self.assertEqual(self.post(body, "0" * 64).status_code, 401)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, Order.Status.PENDING)
