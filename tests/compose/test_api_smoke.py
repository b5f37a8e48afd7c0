"""Black-box smoke test of the API served by the compose stack (contract: README.md, "The API")."""
import os

PROBLEM_JSON = "application/problem+json"


def test_root_shows_the_company(api_url, http):
    response = http.get(f"{api_url}/", timeout=10)
    assert response.status_code == 200
    body = response.json()
    assert body["company"] == os.environ.get("COMPANY_NAME", "Acme Corp")
    assert body["service"] == "users-api"
    assert body["docs"] == "/docs"
    assert body["version"]


def test_create_user_returns_201_with_location(new_user):
    response, body = new_user["response"], new_user["body"]
    assert set(body) >= {"id", "name", "email", "created_at"}
    assert body["email"] == new_user["email"]
    assert body["name"] == "Smoke Test"
    assert response.headers["Location"].endswith(f"/users/{body['id']}")


def test_second_read_is_a_cache_hit(api_url, http, new_user):
    url = f"{api_url}/users/{new_user['body']['id']}"
    first = http.get(url, timeout=10)
    second = http.get(url, timeout=10)
    assert first.status_code == 200 and second.status_code == 200
    assert first.json() == new_user["body"]
    assert second.json() == new_user["body"]
    # A created user may already be cached (write-through), so the first read is either.
    assert first.headers.get("X-Cache") in {"HIT", "MISS"}
    assert second.headers.get("X-Cache") == "HIT"


def test_list_contains_the_new_user_in_id_order(api_url, http, new_user):
    wanted, offset, seen = new_user["body"]["id"], 0, []
    while True:
        response = http.get(f"{api_url}/users", params={"limit": 100, "offset": offset}, timeout=10)
        assert response.status_code == 200, response.text
        page = response.json()
        assert isinstance(page, list)
        ids = [user["id"] for user in page]
        assert ids == sorted(ids), "a page is not ordered by id"
        assert not seen or not ids or ids[0] > seen[-1], "pages overlap or are out of order"
        seen += ids
        if wanted in ids or not page:
            break
        offset += len(page)
    assert wanted in seen


def test_duplicate_email_is_a_409_problem(api_url, http, new_user):
    response = http.post(f"{api_url}/users", json={"name": "Again", "email": new_user["email"]}, timeout=10)
    assert response.status_code == 409
    assert response.headers["Content-Type"].startswith(PROBLEM_JSON)
    assert response.json().get("status", 409) == 409


def test_unknown_user_is_a_404_problem(api_url, http):
    response = http.get(f"{api_url}/users/2147483647", timeout=10)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith(PROBLEM_JSON)
