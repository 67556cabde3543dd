"""/api/v1/webhooks/: editors only, each her own; the secret in the creation's and rotation's
answers and nowhere else; bad input refused with 400 (413 for a body too large to read)."""

from __future__ import annotations

import json

import pytest

from annotations.models import WebhookDelivery, WebhookSubscription
from tests.factories import EditorFactory
from tests.webhook_receiver import FAIL, receiving

pytestmark = pytest.mark.django_db
URL = "/api/v1/webhooks/"
EVENTS = ["verdict.published", "verdict.corrected"]


@pytest.fixture(autouse=True)
def _local_receivers(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 1


def created(client, url="http://127.0.0.1:9/hook", events=EVENTS, **extra):
    return client.post(URL, {"url": url, "events": events, **extra}, format="json")


def test_an_editor_registers_a_webhook_and_sees_its_secret_once(editor, api_as):
    client = api_as(editor)
    answer = created(client, description="Partner A")
    assert answer.status_code == 201
    body = answer.json()
    assert body["secret"].startswith("whsec_")
    assert body["events"] == EVENTS
    assert body["is_enabled"] is True
    assert answer["Location"] == f"http://testserver{URL}{body['id']}/"
    shown_later = [
        client.get(URL).content,
        client.get(f"{URL}{body['id']}/").content,
        client.post(f"{URL}{body['id']}/disable/").content,
        client.post(f"{URL}{body['id']}/enable/").content,
        client.get(f"{URL}{body['id']}/deliveries/").content,
    ]
    for content in shown_later:
        assert body["secret"].encode() not in content
        assert b"secret_salt" not in content
        assert b'"secret"' not in content


def test_rotating_gives_a_new_secret_once(editor, api_as):
    client = api_as(editor)
    first = created(client).json()
    rotated = client.post(f"{URL}{first['id']}/rotate-secret/")
    assert rotated.status_code == 200
    assert rotated.json()["secret"] != first["secret"]
    assert rotated.json()["secret_rotated_at"] is not None
    assert "secret" not in client.get(f"{URL}{first['id']}/").json()


def test_other_editors_webhooks_are_not_found(editor, api_as):
    theirs = created(api_as(EditorFactory())).json()
    client = api_as(editor)
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}{theirs['id']}/").status_code == 404
    for verb in ("disable", "enable", "test", "rotate-secret"):
        assert client.post(f"{URL}{theirs['id']}/{verb}/").status_code == 404
    assert client.get(f"{URL}{theirs['id']}/deliveries/").status_code == 404
    assert client.delete(f"{URL}{theirs['id']}/").status_code == 404
    assert WebhookSubscription.objects.get(pk=theirs["id"]).is_enabled


def test_reviewers_and_strangers_are_refused(alice, api_as):
    assert created(api_as(alice)).status_code == 403
    assert api_as(alice).get(URL).status_code == 403
    assert api_as(None).get(URL).status_code in {401, 403}


@pytest.mark.parametrize(
    "body",
    [
        {"url": 7, "events": EVENTS},
        {"url": ["http://127.0.0.1:9/"], "events": EVENTS},
        {"url": "http://127.0.0.1:9/", "events": "verdict.published"},
        {"url": "http://127.0.0.1:9/", "events": []},
        {"url": "http://127.0.0.1:9/", "events": ["verdict.deleted"]},
        {"url": "http://127.0.0.1:9/", "events": [1]},
        {"url": "http://127.0.0.1:9/", "events": EVENTS, "description": 3},
        {"url": "http://127.0.0.1:9/", "events": EVENTS, "description": "x" * 201},
        {"url": "http://127.0.0.1:9/" + "a" * 2000, "events": EVENTS},
        {"url": "javascript:alert(1)", "events": EVENTS},
        {"events": EVENTS},
        {"url": "http://127.0.0.1:9/"},
        [],
    ],
)
def test_bad_input_is_refused_with_400(editor, api_as, body):
    answer = api_as(editor).post(URL, body, format="json")
    assert answer.status_code == 400
    assert not WebhookSubscription.objects.exists()


def test_a_private_address_is_refused_on_the_field(editor, api_as, settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    answer = created(api_as(editor), url="http://169.254.169.254/latest/")
    assert answer.status_code == 400
    assert answer.json()["code"] == "url_private_address"
    assert "url" in answer.json()


def test_a_body_too_large_to_read_is_refused(editor, api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"url": "http://127.0.0.1:9/", "events": EVENTS, "description": "x" * 20_000})
    answer = api_as(editor).post(URL, body, content_type="application/json")
    assert answer.status_code in {400, 413}
    assert not WebhookSubscription.objects.exists()


def test_a_test_event_is_sent_and_its_attempt_logged(
    editor, api_as, django_capture_on_commit_callbacks
):
    client = api_as(editor)
    with receiving(FAIL) as receiver:
        hook = created(client, url=receiver.url).json()
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(f"{URL}{hook['id']}/test/")
        assert sent.status_code == 202
        assert len(receiver.received) == 1
    log = client.get(f"{URL}{hook['id']}/deliveries/").json()
    (delivery,) = log
    assert delivery["event_type"] == "webhook.test"
    assert delivery["status"] == "failed"
    (attempt,) = delivery["attempt_log"]
    assert attempt["response_code"] == 500
    assert attempt["error"].startswith("HTTP 500")
    assert set(attempt) == {
        "number",
        "started_at",
        "duration_ms",
        "succeeded",
        "response_code",
        "error",
    }


def test_deleting_a_webhook_removes_its_log(editor, api_as):
    client = api_as(editor)
    hook = created(client).json()
    WebhookDelivery.objects.create(
        subscription_id=hook["id"], event_id="00000000-0000-0000-0000-000000000001", event_type="x"
    )
    assert client.delete(f"{URL}{hook['id']}/").status_code == 204
    assert not WebhookDelivery.objects.exists()


def test_the_delivery_log_takes_two_queries_whatever_its_length(
    editor, api_as, django_assert_max_num_queries
):
    client = api_as(editor)
    hook = created(client).json()
    for n in range(30):
        delivery = WebhookDelivery.objects.create(
            subscription_id=hook["id"],
            event_id=f"00000000-0000-0000-0000-{n:012d}",
            event_type="verdict.published",
        )
        delivery.attempt_log.create(
            number=1, started_at=delivery.created, duration_ms=3, succeeded=True
        )
    with django_assert_max_num_queries(8):
        answer = client.get(f"{URL}{hook['id']}/deliveries/")
    assert len(answer.json()) == 30


def test_webhooks_are_in_the_schema_without_the_secret_outside_issuing(api_as, editor):
    schema = api_as(editor).get("/api/schema/?format=json").json()
    assert "/api/v1/webhooks/" in schema["paths"]
    assert "/api/v1/webhooks/{id}/rotate-secret/" in schema["paths"]
    components = schema["components"]["schemas"]
    assert "secret" in components["IssuedWebhook"]["properties"]
    assert "secret" not in components["Webhook"]["properties"]
