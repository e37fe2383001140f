from decimal import Decimal

from django.test import TestCase
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
