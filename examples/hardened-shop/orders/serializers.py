from rest_framework import serializers

from catalog.models import Product

from .models import Order, OrderItem


class OrderItemSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="slug", queryset=Product.objects.filter(is_active=True))

    class Meta:
        model = OrderItem
        fields = ["product", "quantity", "unit_price"]
        read_only_fields = ["unit_price"]


class OrderSerializer(serializers.ModelSerializer):
    items = OrderItemSerializer(many=True)
    total = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Order
        fields = ["id", "email", "shipping_address", "status", "items", "total", "created_at"]
        read_only_fields = ["status", "created_at"]

    def validate_items(self, items):
        if not items:
            raise serializers.ValidationError("An order needs at least one item.")
        return items

    def create(self, validated_data):
        items = validated_data.pop("items")
        order = Order.objects.create(**validated_data)
        for item in items:
            product = item["product"]
            OrderItem.objects.create(order=order, product=product, quantity=item["quantity"], unit_price=product.price)
        return order
