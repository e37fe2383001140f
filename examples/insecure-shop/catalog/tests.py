from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from .models import Category, Product


class CatalogViewsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        tea = Category.objects.create(name="Tea", slug="tea")
        Product.objects.create(category=tea, name="Sencha", slug="sencha", price=Decimal("7.50"), stock=3)

    def test_product_list_shows_active_products(self):
        response = self.client.get(reverse("catalog:product_list"))
        self.assertContains(response, "Sencha")

    def test_product_detail(self):
        response = self.client.get(reverse("catalog:product_detail", args=["sencha"]))
        self.assertContains(response, "7.50")
