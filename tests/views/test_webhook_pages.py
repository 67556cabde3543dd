"""The webhook pages: editors only, each her own; the secret shown once; CSRF; a test event's
attempt in the log; bad input shown on the form, never a 500."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from annotations.models import Notification, WebhookSubscription
from annotations.presenters.notifications import notification_target_url
from annotations.services import webhooks
from tests.factories import EditorFactory
from tests.webhook_receiver import FAIL, receiving

pytestmark = pytest.mark.django_db
EVENTS = ["verdict.published", "verdict.withdrawn"]


@pytest.fixture(autouse=True)
def _local_receivers(settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 1


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def registered(editor, url="http://127.0.0.1:9/hook") -> WebhookSubscription:
    return webhooks.webhook_subscription_create(editor=editor, url=url, events=EVENTS).subscription


def test_an_editor_registers_a_webhook_and_sees_the_secret_once(editor):
    client = logged_in(editor)
    assert client.get(reverse("webhook-list")).status_code == 200
    page = client.post(
        reverse("webhook-list"),
        {"url": "http://127.0.0.1:9/hook", "events": EVENTS, "description": "Partner A"},
        follow=True,
    )
    assert page.status_code == 200
    subscription = WebhookSubscription.objects.get()
    secret = webhooks.webhook_secret(subscription.secret_salt)
    assert secret in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert subscription.events == EVENTS
    assert subscription.description == "Partner A"
    for later in (reverse("webhook-detail", args=[subscription.pk]), reverse("webhook-list")):
        assert secret not in client.get(later).content.decode()


def test_registering_redirects_so_a_reload_does_not_register_again(editor):
    client = logged_in(editor)

    response = client.post(
        reverse("webhook-list"), {"url": "http://127.0.0.1:9/hook", "events": EVENTS}
    )

    subscription = WebhookSubscription.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webhook-detail", args=[subscription.pk])
    # What a reload repeats is the GET it landed on.
    client.get(response["Location"])
    client.get(response["Location"])
    assert WebhookSubscription.objects.count() == 1


def test_the_secret_is_never_kept_in_the_session(editor):
    client = logged_in(editor)

    response = client.post(
        reverse("webhook-list"), {"url": "http://127.0.0.1:9/hook", "events": EVENTS}
    )

    secret = webhooks.webhook_secret(WebhookSubscription.objects.get().secret_salt)
    assert response.status_code == 302
    assert secret not in str(dict(client.session))


def test_a_new_secret_is_shown_once_after_a_rotation(editor):
    subscription = registered(editor)
    client = logged_in(editor)
    rotated = client.post(reverse("webhook-rotate", args=[subscription.pk]))
    assert rotated.status_code == 302
    subscription.refresh_from_db()
    secret = webhooks.webhook_secret(subscription.secret_salt)
    assert secret in client.get(rotated["Location"]).content.decode()
    assert (
        secret not in client.get(reverse("webhook-detail", args=[subscription.pk])).content.decode()
    )


def test_a_secret_rotated_again_elsewhere_is_not_shown_in_place_of_the_one_made_here(editor):
    subscription = registered(editor)
    client = logged_in(editor)
    rotated = client.post(reverse("webhook-rotate", args=[subscription.pk]))
    webhooks.webhook_secret_rotate(editor=editor, subscription_id=subscription.pk)
    subscription.refresh_from_db()

    page = client.get(rotated["Location"]).content.decode()

    assert "data-secret" not in page
    assert webhooks.webhook_secret(subscription.secret_salt) not in page


def test_a_private_address_is_refused_on_the_form(editor, settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False
    page = logged_in(editor).post(
        reverse("webhook-list"), {"url": "http://127.0.0.1:8000/hook", "events": EVENTS}
    )
    assert page.status_code == 400
    assert "private or local address" in page.content.decode()
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize(
    ("private_allowed", "said", "not_said"),
    [
        (False, "Private and local addresses", "Link-local addresses"),
        (True, "Link-local addresses", "Private and local addresses"),
    ],
)
def test_the_url_help_says_what_the_desk_accepts(editor, settings, private_allowed, said, not_said):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = private_allowed
    page = logged_in(editor).get(reverse("webhook-list")).content.decode()
    assert "An http:// or https:// address on the partner" in page
    assert "An https:// address" not in page
    assert said in page
    assert not_said not in page
    assert "with a user name or password, are refused" in page


def test_a_url_with_a_user_name_and_password_is_refused_on_the_form(editor):
    page = logged_in(editor).post(
        reverse("webhook-list"), {"url": "http://user:secret@127.0.0.1:9/hook", "events": EVENTS}
    )
    assert page.status_code == 400
    assert "Remove the user name or password" in page.content.decode()
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"url": "http://127.0.0.1:9/hook"},
        {"url": "http://127.0.0.1:9/hook", "events": ["verdict.deleted"]},
        {"url": "", "events": EVENTS},
        {"url": "http://127.0.0.1:9/" + "a" * 2100, "events": EVENTS},
        {"url": "ftp://example.org/", "events": EVENTS},
        {"url": "http://127.0.0.1:9/hook", "events": EVENTS, "description": "x" * 300},
    ],
)
def test_bad_input_comes_back_on_the_form(editor, data):
    page = logged_in(editor).post(reverse("webhook-list"), data)
    assert page.status_code == 400
    assert not WebhookSubscription.objects.exists()


def test_a_body_too_large_is_a_400_page(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000
    page = logged_in(editor).post(
        reverse("webhook-list"),
        {"url": "http://127.0.0.1:9/", "events": EVENTS, "description": "x" * 9_000},
    )
    assert page.status_code == 400
    assert not WebhookSubscription.objects.exists()


def test_another_editors_webhook_is_not_found(editor):
    theirs = registered(EditorFactory())
    client = logged_in(editor)
    assert client.get(reverse("webhook-detail", args=[theirs.pk])).status_code == 404
    for name in ("webhook-test", "webhook-disable", "webhook-rotate", "webhook-delete"):
        assert client.post(reverse(name, args=[theirs.pk])).status_code == 404
    assert WebhookSubscription.objects.get(pk=theirs.pk).is_enabled
    assert theirs.url not in client.get(reverse("webhook-list")).content.decode()


def test_reviewers_are_refused_and_strangers_sent_to_log_in(alice):
    assert logged_in(alice).get(reverse("webhook-list")).status_code == 403
    assert Client().get(reverse("webhook-list")).status_code == 302


def test_a_post_without_the_csrf_token_is_refused(editor):
    subscription = registered(editor)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(reverse("webhook-disable", args=[subscription.pk])).status_code == 403
    assert WebhookSubscription.objects.get().is_enabled


def test_disable_enable_and_delete(editor):
    subscription = registered(editor)
    client = logged_in(editor)
    client.post(reverse("webhook-disable", args=[subscription.pk]))
    assert not WebhookSubscription.objects.get().is_enabled
    client.post(reverse("webhook-enable", args=[subscription.pk]))
    assert WebhookSubscription.objects.get().is_enabled
    assert client.get(reverse("webhook-disable", args=[subscription.pk])).status_code == 405
    client.post(reverse("webhook-delete", args=[subscription.pk]))
    assert not WebhookSubscription.objects.exists()


def test_a_test_event_shows_in_the_log(editor, django_capture_on_commit_callbacks):
    client = logged_in(editor)
    with receiving(FAIL) as receiver:
        subscription = registered(editor, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(reverse("webhook-test", args=[subscription.pk]))
        assert sent.status_code == 302
        assert len(receiver.received) == 1
    page = client.get(sent["Location"]).content.decode()
    assert "webhook.test" in page
    assert "HTTP 500" in page
    assert "boom: database down" in page


def test_the_disabled_notice_leads_to_the_webhook(editor):
    subscription = registered(editor)
    notice = Notification(target=subscription, kind=Notification.Kind.WEBHOOK_DISABLED)
    assert notification_target_url(notice) == reverse("webhook-detail", args=[subscription.pk])


def test_the_log_page_takes_as_many_queries_for_thirty_deliveries_as_for_one(
    editor, django_assert_max_num_queries
):
    subscription = registered(editor)
    client = logged_in(editor)
    url = reverse("webhook-detail", args=[subscription.pk])

    def deliveries(count: int) -> None:
        for _ in range(count):
            delivery = subscription.deliveries.create(
                event_id=uuid.uuid4(), event_type="verdict.published"
            )
            delivery.attempt_log.create(
                number=1, started_at=delivery.created, duration_ms=5, succeeded=True
            )

    deliveries(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    deliveries(29)
    with django_assert_max_num_queries(len(one)):
        page = client.get(url)
    assert page.content.decode().count("data-delivery=") == 30


@pytest.mark.parametrize(
    ("stored", "language", "shown"),
    [
        (
            "Disabled after 3 failed attempts in a row.",
            "fr",
            "Désactivé après 3 échecs consécutifs.",
        ),
        (
            "Disabled after 3 failed attempts in a row.",
            "en",
            "Disabled after 3 failed attempts in a row.",
        ),
        ("Disabled by eddie.", "es", "Desactivado por eddie."),
        ("Receiver retired.", "fr", "Receiver retired."),  # another form: as stored
    ],
)
def test_why_a_webhook_is_disabled_is_said_in_the_readers_language(editor, stored, language, shown):
    subscription = registered(editor)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_enabled=False, disabled_at=timezone.now(), disabled_reason=stored
    )
    client = logged_in(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(reverse("webhook-detail", args=[subscription.pk]))

    assert shown in page.content.decode()


@pytest.mark.parametrize(
    ("language", "created", "tried"),
    [
        ("fr", ">1 déc. 2026, 15:26:07<", ">1 déc., 15:26:08<"),
        ("es", ">1 dic 2026, 15:26:07<", ">1 dic, 15:26:08<"),
        ("en", ">1 Dec 2026, 15:26:07<", ">1 Dec, 15:26:08<"),
    ],
)
def test_the_log_writes_its_months_as_the_reader_s_language_does(
    editor, settings, language, created, tried
):
    settings.TIME_ZONE = "UTC"
    subscription = registered(editor)
    moment = datetime.datetime(2026, 12, 1, 15, 26, 7, tzinfo=datetime.UTC)
    delivery = subscription.deliveries.create(event_id=uuid.uuid4(), event_type="verdict.published")
    subscription.deliveries.filter(pk=delivery.pk).update(created=moment)
    delivery.attempt_log.create(
        number=1, started_at=moment + datetime.timedelta(seconds=1), duration_ms=5, succeeded=True
    )
    client = logged_in(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(reverse("webhook-detail", args=[subscription.pk])).content.decode()

    assert created in page and tried in page
