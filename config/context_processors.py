"""What every page may show about the site itself: its name and the products' prices."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from coaching.models import Order


def product_prices() -> list[dict[str, Any]]:
    """Each product with its price, in the order the order form offers them."""
    prices = {Order.Product.SELF_SERVE: settings.PRICE_SELF_SERVE, Order.Product.COACHED: settings.PRICE_COACHED}
    return [
        {"value": product.value, "label": product.label, "price": f"{prices[product]:,.2f} {settings.PRICE_CURRENCY}"}
        for product in Order.Product
    ]


def site(request: HttpRequest) -> dict[str, Any]:
    return {"site_name": settings.SITE_NAME, "products": product_prices()}
