"""Accounts: the one thing a person changes about themselves here, their name."""

from __future__ import annotations

from coaching.models import User

NAME_MAX_LENGTH = 150


def user_name_change(*, user: User, name: str) -> User:
    """Stores the name the person gave (trimmed; empty means "use my e-mail address")."""
    cleaned = " ".join(name.split())
    if len(cleaned) > NAME_MAX_LENGTH:
        raise ValueError(f"A name is at most {NAME_MAX_LENGTH} characters long.")
    user.name = cleaned
    user.save(update_fields=["name"])
    return user
