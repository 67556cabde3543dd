"""The review, agreement, feedback, discussion, notification, account and webhook pages in
French and Arabic (issue 17): headings, buttons and plurals translated, numbers that are data
(SVG coordinates, data attributes) left as the code writes them, and English unchanged."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from annotations.models import Assignment, Notification, WebhookSubscription
from tests.factories import EditorFactory
from tests.pages import logged_in
from tests.views.review_scenario import CRIME, action_url, decision, unit_of

pytestmark = pytest.mark.django_db


def _in(language: str, user) -> Client:
    client = logged_in(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def eddie(db):
    return EditorFactory(username="eddie")


def test_the_queue_in_french_translates_headings_filters_plurals_and_statuses(eddie, disputed):
    html = _page(_in("fr", eddie), "/review/")
    assert '<html lang="fr" dir="ltr">' in html
    assert '<h1 class="page-title">File d’arbitrage</h1>' in html
    assert ">Filtrer</button>" in html
    assert "Affirmations en attente de la décision d'un éditeur." in html
    # Three claims: the plural of the summary; two reviews and one review: both plurals.
    assert "sur <strong>3</strong> affirmations, les plus disputées d'abord." in html
    assert 'queue-reviews__unit"> relectures</span>' in html
    assert 'queue-reviews__unit"> relecture</span>' in html
    assert ">À examiner</span>" in html  # the unit's status, a model choice
    assert "4 crans d&#x27;écart" in html  # the spread, from the pure chart code
    assert "En attente de décision" in html and "Prêtes" in html  # the tabs


def test_the_queue_in_arabic_is_right_to_left_with_arabic_plural_forms(eddie, disputed):
    html = _page(_in("ar", eddie), "/review/")
    assert '<html lang="ar" dir="rtl">' in html
    assert "قائمة المراجعة" in html
    assert 'queue-reviews__unit"> مراجعتان</span>' in html  # two: the dual
    assert "فارق 4 درجات" in html  # 3 to 10: the "few" form


def test_numbers_that_are_data_stay_as_the_code_writes_them_in_french(eddie, disputed):
    html = _page(_in("fr", eddie), "/review/")
    bars = re.findall(r'<rect x="([^"]+)" y="0" width="([^"]+)"', html)
    assert bars
    for x, width in bars:
        assert re.fullmatch(r"\d+\.\d\d", x) and re.fullmatch(r"\d+\.\d\d", width), (x, width)
    assert re.findall(r'data-unit-id="(\d+)"', html)
    assert 'viewBox="0 0 100 10"' in html


def test_the_adjudication_page_in_french_tells_its_history_in_whole_sentences(eddie, disputed):
    unit = unit_of(disputed, CRIME)
    client = _in("fr", eddie)
    html = _page(client, f"/review/units/{unit.pk}/")
    assert ">Renvoyer pour d'autres relectures</button>" in html
    assert ">Consigner la décision</button>" in html
    client.post(action_url(unit, "decide"), decision(unit))
    unit.refresh_from_db()
    client.post(action_url(unit, "decide"), decision(unit, label="mostly-false"))

    html = _page(client, f"/review/units/{unit.pk}/")
    assert f"Affirmation nº {unit.pk}" in html
    assert "Relectures indépendantes" in html
    assert ">Publier le verdict</button>" in html
    assert ">Enregistrer la décision</button>" in html
    who = (
        '<span class="history__who" dir="auto">eddie</span> a {} '
        '<span class="history__subject" dir="auto">{}</span>'
    )
    assert who.format("modifié", "le verdict") in html
    assert who.format("créé", "le verdict") in html
    assert "le surlignage de rosalind" in html
    # The month in French, day first: Django's French date format.
    month = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ][timezone.localdate().month - 1]
    assert f"{timezone.localdate().day} {month} {timezone.localdate().year}" in html


def test_the_adjudication_page_in_english_is_unchanged(eddie, disputed):
    unit = unit_of(disputed, CRIME)
    client = logged_in(eddie)
    client.post(action_url(unit, "decide"), decision(unit))
    html = _page(client, f"/review/units/{unit.pk}/")
    assert f"Claim #{unit.pk}" in html
    who = (
        '<span class="history__who" dir="auto">eddie</span> {} '
        '<span class="history__subject" dir="auto">{}</span>'
    )
    assert who.format("created", "the verdict") in html
    assert timezone.localdate().strftime("%-d %B %Y") in html


def test_a_decision_is_confirmed_in_the_editors_language(eddie, disputed):
    unit = unit_of(disputed, CRIME)
    client = _in("es", eddie)
    response = client.post(action_url(unit, "decide"), decision(unit), follow=True)
    assert "Decisión registrada: Falso." in response.content.decode()


def test_my_assignments_in_french_and_arabic(eddie, disputed, reviewers):
    rosalind = reviewers[0]
    Assignment.objects.create(
        article=disputed,
        reviewer=rosalind,
        assigned_by=eddie,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    html = _page(_in("fr", rosalind), "/assignments/")
    assert '<h1 class="page-title">Mes tâches</h1>' in html
    assert "Attribué par eddie" in html
    assert "À rendre le <time" in html
    html = _page(_in("ar", rosalind), "/assignments/")
    assert "مهامي" in html and "أسنده eddie" in html


def test_notifications_in_french_name_their_kind_and_count_the_unread(eddie, disputed, reviewers):
    rosalind = reviewers[0]
    for key in ("one", "two"):
        Notification.objects.create(
            recipient=rosalind,
            kind=Notification.Kind.MENTION,
            target_type=ContentType.objects.get_for_model(disputed),
            target_id=disputed.pk,
            summary="eddie mentioned you",
            dedupe_key=key,
        )
    client = _in("fr", rosalind)
    html = _page(client, "/notifications/")
    assert '<h1 class="page-title">Notifications</h1>' in html
    assert "Une mention dans une discussion" in html
    assert ">Tout marquer comme lu</button>" in html
    assert 'aria-label="Notifications : 2 non lues"' in html
    response = client.post("/notifications/read-all/", follow=True)
    assert "2 notifications marquées comme lues." in response.content.decode()
    html = _page(client, "/notifications/preferences/")
    assert "Préférences de notification" in html and "Dans un récapitulatif quotidien" in html


def test_notification_summaries_are_written_in_the_desks_language(eddie, disputed, reviewers):
    """A recipient who chose no language: an event caused by a French request still notifies
    in settings.LANGUAGE_CODE (tests/services/test_notifications.py: one who chose)."""
    from django.utils import translation

    from annotations.services.notifications import notifications_for_event

    assignment = Assignment.objects.create(
        article=disputed, reviewer=reviewers[0], assigned_by=eddie
    )
    with translation.override("fr"):
        notifications_for_event(kind=Notification.Kind.ASSIGNMENT, object_id=assignment.pk)
    assert Notification.objects.get().summary == "eddie assigned you “Town hall budget”."


def test_the_agreement_dashboard_in_french(eddie, disputed):
    html = _page(_in("fr", eddie), "/agreement/")
    assert '<h1 class="page-title">Accord</h1>' in html
    assert "Recalculer maintenant" in html
    assert "α de Krippendorff, ordinal" in html
    assert "Relecteur par relecteur" in html
    for x in re.findall(r'<(?:rect|text) x="([^"]+)"', html):
        assert "," not in x, x


def test_the_feedback_page_in_arabic(disputed, reviewers):
    html = _page(_in("ar", reviewers[0]), "/review/feedback/")
    assert '<html lang="ar" dir="rtl">' in html
    assert "ملاحظاتك" in html
    assert "شهرًا بشهر" in html


def test_the_discussion_of_a_claim_in_french(eddie, disputed):
    unit = unit_of(disputed, CRIME)
    client = _in("fr", eddie)
    html = _page(client, f"/discussion/units/{unit.pk}/")
    assert f"Discussion de l'affirmation nº {unit.pk}" in html
    assert "Pas encore de commentaire." in html
    assert ">Ajouter un commentaire</button>" in html
    response = client.post(f"/discussion/units/{unit.pk}/", {"body": "Voir @rosalind"}, follow=True)
    assert "Commentaire ajouté." in response.content.decode()


def test_the_account_page_in_spanish(eddie):
    html = _page(_in("es", eddie), "/account/")
    assert "Su cuenta" in html and "Tokens de API" in html
    assert ">Crear token</button>" in html


def test_the_webhook_pages_in_french(eddie):
    hook = WebhookSubscription.objects.create(
        created_by=eddie,
        url="https://partner.example/hook",
        events=["verdict.published"],
        secret_salt="salt",
    )
    client = _in("fr", eddie)
    html = _page(client, "/webhooks/")
    assert "Enregistrer un webhook" in html and ">Activé</span>" in html
    html = _page(client, f"/webhooks/{hook.pk}/")
    assert 'data-confirm-title="Désactiver ce webhook ?"' in html
    assert "Journal de livraison" in html
    assert "verdict.published" in html  # an API event name, never translated
