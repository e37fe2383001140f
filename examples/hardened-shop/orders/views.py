from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from catalog.models import Product

from .cart import Cart
from .forms import CheckoutForm
from .models import OrderItem


@require_POST
def cart_add(request, product_id):
    product = get_object_or_404(Product, pk=product_id, is_active=True)
    Cart(request).add(product, quantity=int(request.POST.get("quantity", 1)))
    return redirect("orders:cart_detail")


def cart_detail(request):
    return render(request, "orders/cart.html", {"cart": Cart(request)})


def checkout(request):
    cart = Cart(request)
    if not len(cart):
        return redirect("catalog:product_list")
    form = CheckoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        order = form.save(commit=False)
        if request.user.is_authenticated:
            order.user = request.user
        order.save()
        for product, quantity, price in cart:
            OrderItem.objects.create(order=order, product=product, quantity=quantity, unit_price=price)
        cart.clear()
        return render(request, "orders/confirmation.html", {"order": order})
    return render(request, "orders/checkout.html", {"cart": cart, "form": form})
