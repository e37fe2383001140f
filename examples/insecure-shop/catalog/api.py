from rest_framework import viewsets

from .models import Category, Product
from .serializers import CategorySerializer, ProductSerializer


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Category.objects.all()
    serializer_class = CategorySerializer
    lookup_field = "slug"


class ProductViewSet(viewsets.ModelViewSet):
    # Uses the project-wide DRF defaults for authentication and permissions.
    queryset = Product.objects.select_related("category")
    serializer_class = ProductSerializer
    lookup_field = "slug"
