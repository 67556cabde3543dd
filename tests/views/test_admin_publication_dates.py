"""The back office keeps an article's publication date to the dates the desk accepts (1800 to
tomorrow: validators.publication_date_check), as the import page and the API do: the model
field's validator refuses the rest on the change form, the import service on the add form."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from annotations.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2026, 11, 27)
REFUSAL = "Enter a publication date from 1 January 1800 to"


@pytest.fixture
def admin_client_logged_in():
    return logged_in(UserFactory(username="root", is_staff=True, is_superuser=True))


def change_form_data(client, article: Article) -> dict[str, object]:
    """What the article's change page posts back unchanged."""
    form = (
        client.get(reverse("admin:annotations_article_change", args=[article.pk]))
        .context["adminform"]
        .form
    )
    return {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }


def day_after_tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=2)


@pytest.mark.parametrize(
    "typed", ["0001-01-01", "1799-12-31", "2999-12-31", day_after_tomorrow().isoformat()]
)
def test_the_change_form_refuses_an_implausible_publication_date(admin_client_logged_in, typed):
    article = ArticleFactory(published_on=PUBLISHED)
    url = reverse("admin:annotations_article_change", args=[article.pk])

    response = admin_client_logged_in.post(
        url, change_form_data(admin_client_logged_in, article) | {"published_on": typed}
    )

    assert response.status_code == 200  # the form again, with the reason
    assert REFUSAL in response.content.decode()
    article.refresh_from_db()
    assert article.published_on == PUBLISHED


@pytest.mark.parametrize("kept", [datetime.date(1800, 1, 1), timezone.localdate])
def test_the_change_form_saves_a_date_within_the_range(admin_client_logged_in, kept):
    day = kept() if callable(kept) else kept
    article = ArticleFactory(published_on=PUBLISHED)
    url = reverse("admin:annotations_article_change", args=[article.pk])

    response = admin_client_logged_in.post(
        url, change_form_data(admin_client_logged_in, article) | {"published_on": day.isoformat()}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_on == day


def test_the_add_form_refuses_an_implausible_publication_date(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:annotations_article_add"),
        {"title": "Old", "text": "Typed in.", "language": "en", "published_on": "0001-01-01"},
    )

    assert REFUSAL in response.content.decode()
    assert not Article.objects.filter(title="Old").exists()


def test_the_model_field_refuses_what_the_services_refuse():
    article = ArticleFactory.build(published_on=datetime.date(2999, 12, 31))

    with pytest.raises(ValidationError) as refused:
        article.full_clean(exclude=["imported_by"])

    assert refused.value.error_dict["published_on"][0].code == "published_on_implausible"
