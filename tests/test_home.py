from __future__ import annotations


def test_the_home_page_says_what_voiceprint_does(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Know how you sound online" in response.content.decode()
