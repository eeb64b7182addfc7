"""Every GET the project answers only reads: no page writes while someone merely looks at it.

Walks the access matrix of tests/test_access.py (every URL pattern, every kind of visitor) and
counts the INSERT, UPDATE and DELETE statements each GET sends: none.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.test_access import PERSONAS, RULES, world  # noqa: F401 - `world` is the fixture used below

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", sorted(RULES))
def test_a_get_of_each_url_writes_nothing_for_anyone(pattern, world):  # noqa: F811
    url = RULES[pattern].url(world)
    writes = {}
    for persona in PERSONAS:
        browser = Client()
        if persona != "anonymous":
            browser.force_login(world["users"][persona])
        with CaptureQueriesContext(connection) as queries:
            browser.get(url)
        written = [query["sql"] for query in queries.captured_queries if WRITE.match(query["sql"])]
        if written:
            writes[persona] = written

    assert writes == {}, url
