"""Who coaches: the Coaches group (and superusers), and the orders each of them may work on.

Being staff is not enough: staff without the group (an operator, a former coach) reach no
client's report, notes or posts, even where they have been given a model permission by hand.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coaching import services
from coaching.models import Order, User


def is_coach(user: User) -> bool:
    """An active staff member of the Coaches group, or a superuser."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=services.COACHES_GROUP).exists()


def coaches() -> QuerySet[User]:
    """Everyone who may coach: what the admin's coach filters and the reassignment field list."""
    in_group = Q(is_staff=True, groups__name=services.COACHES_GROUP)
    return User.objects.filter(in_group | Q(is_superuser=True), is_active=True).distinct().order_by("email")


def queue_for(user: User) -> QuerySet[Order]:
    """The orders this user works on in the admin (services.coach_queue), and none for a non-coach."""
    return services.coach_queue(user) if is_coach(user) else Order.objects.none()
