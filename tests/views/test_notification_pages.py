"""The notification pages: the header bell, the list (paginated, its queries independent of its
rows), opening one, marking read (POST, CSRF) and the e-mail preferences."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from annotations.models import Article, Notification, NotificationPreference
from tests.factories import ArticleFactory
from tests.pages import logged_in

pytestmark = pytest.mark.django_db


def notified(user, count: int, article: Article | None = None) -> list[Notification]:
    article = article or ArticleFactory()
    target_type = ContentType.objects.get_for_model(article)
    return Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=Notification.Kind.ASSIGNMENT,
            target_type=target_type,
            target_id=article.pk,
            summary=f"Something {number} happened.",
            dedupe_key=f"test:{number}",
        )
        for number in range(count)
    )


def test_the_bell_shows_the_unread_count(alice):
    notified(alice, 3)
    page = logged_in(alice).get("/notifications/").content.decode()
    assert 'aria-label="Notifications: 3 unread"' in page
    assert 'data-unread="3"' in page


@pytest.mark.parametrize("count", [1, 2])
def test_the_bells_arabic_label_says_the_number_its_badge_shows(alice, count):
    # Arabic's one and two forms once spelled the number out ("اثنان") beside a badge
    # reading "2" (walk 19, finding 22): a speech-input user says what they see.
    notified(alice, count)

    page = logged_in(alice).get("/notifications/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    label = page.split('class="notification-bell has-unread"', 1)[1].split('aria-label="', 1)[1]
    assert str(count) in label.split('"', 1)[0]
    assert f'data-unread="{count}"' in page


def test_the_list_is_paginated_and_its_queries_do_not_grow_with_rows(
    alice, django_assert_max_num_queries
):
    notified(alice, 2)
    client = logged_in(alice)
    with django_assert_max_num_queries(20) as few:
        client.get("/notifications/")
    Notification.objects.all().delete()
    notified(alice, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/notifications/?page=2")
    assert response.status_code == 200
    assert response.content.decode().count('class="notification__summary"') == 25


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(alice):
    article = ArticleFactory()
    [notification] = notified(alice, 1, article)
    response = logged_in(alice).get(f"/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{article.pk}/"
    assert Notification.objects.get().read_at is not None


def test_someone_elses_notification_is_a_404(alice, bob):
    [notification] = notified(alice, 1)
    assert logged_in(bob).get(f"/notifications/{notification.pk}/").status_code == 404
    assert logged_in(bob).post(f"/notifications/{notification.pk}/read/").status_code == 404


def test_marking_read_takes_a_post_with_its_csrf_token(alice):
    [notification] = notified(alice, 1)
    url = f"/notifications/{notification.pk}/read/"
    assert logged_in(alice).get(url).status_code == 405
    assert logged_in(alice, enforce_csrf_checks=True).post(url).status_code == 403
    assert logged_in(alice).post(url).status_code == 302
    assert Notification.objects.get().read_at is not None


def test_mark_all_read(alice):
    notified(alice, 4)
    response = logged_in(alice).post("/notifications/read-all/", follow=True)
    assert "4 notifications marked read." in response.content.decode()
    assert not Notification.objects.filter(read_at=None).exists()


def test_preferences_are_saved_and_bad_input_is_a_400(alice):
    client = logged_in(alice)
    assert client.get("/notifications/preferences/").status_code == 200
    saved = client.post(
        "/notifications/preferences/", {"email_kinds": ["mention"], "delivery": "daily"}
    )
    assert saved.status_code == 302
    preference = NotificationPreference.objects.get(user=alice)
    assert (preference.email_kinds, preference.delivery) == (["mention"], "daily")

    bad = client.post("/notifications/preferences/", {"email_kinds": ["gossip"]})
    assert bad.status_code == 400
    assert "Choose when e-mails are sent." in bad.content.decode()


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_preferences_offer_only_the_kinds_ones_role_can_receive(alice, editor):
    # A reviewer was offered "A webhook disabled after failures", which only reaches editors
    # (walk 19, finding 25); an editor is not offered a reviewer's assignments.
    reviewer_page = logged_in(alice).get("/notifications/preferences/").content.decode()
    editor_page = logged_in(editor).get("/notifications/preferences/").content.decode()

    assert 'value="webhook_disabled"' not in reviewer_page
    assert 'value="claim_reappeared"' not in reviewer_page
    assert 'value="send_back"' in reviewer_page and 'value="mention"' in reviewer_page
    assert 'value="webhook_disabled"' in editor_page and 'value="mention"' in editor_page
    assert 'value="assignment"' not in editor_page


def test_a_kind_one_cannot_receive_is_refused_on_saving(alice):
    response = logged_in(alice).post(
        "/notifications/preferences/", {"email_kinds": ["webhook_disabled"], "delivery": "daily"}
    )

    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=alice).exists()
