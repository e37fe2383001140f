from decimal import Decimal

from catalog.models import Product

CART_SESSION_KEY = "cart"


class Cart:
    """A shopping cart kept in the session: {product_id: {"quantity": int, "price": "12.50"}}.

    Prices are stored as strings so the session stays JSON-serializable.
    """

    def __init__(self, request):
        self.session = request.session
        self.items = self.session.setdefault(CART_SESSION_KEY, {})

    def add(self, product, quantity=1):
        entry = self.items.setdefault(str(product.pk), {"quantity": 0, "price": str(product.price)})
        entry["quantity"] += quantity
        self.session.modified = True

    def clear(self):
        self.session[CART_SESSION_KEY] = {}
        self.items = self.session[CART_SESSION_KEY]

    def __iter__(self):
        products = Product.objects.in_bulk([int(pk) for pk in self.items])
        for pk, entry in self.items.items():
            product = products.get(int(pk))
            if product is not None:
                yield product, entry["quantity"], Decimal(entry["price"])

    def __len__(self):
        return sum(entry["quantity"] for entry in self.items.values())

    @property
    def total(self):
        return sum((Decimal(entry["price"]) * entry["quantity"] for entry in self.items.values()), Decimal("0.00"))
