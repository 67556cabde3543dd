"""What crawlers and feed readers fetch: robots.txt, the sitemaps and the Atom feed."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from annotations.models import Correction, Verdict
from tests.factories import ArticleFactory, published_verdict

pytestmark = pytest.mark.django_db


def xml_of(response) -> ET.Element:
    return ET.fromstring(response.content)  # noqa: S314 (what the desk just served)


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_robots_allows_the_public_pages_and_disallows_the_desk_and_api(client: Client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for allowed in ("Allow: /verdicts/", "Allow: /scale/", "Allow: /static/"):
        assert allowed in lines
    for disallowed in ("Disallow: /api/", "Disallow: /admin/", "Disallow: /"):
        assert disallowed in lines
    # Allow lines come first, for crawlers that take the first rule that matches.
    assert lines.index("Allow: /verdicts/") < lines.index("Disallow: /")
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_index_names_each_section(client: Client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = xml_of(response)
    locations = sorted(loc.text for loc in root.iter(f"{SITEMAP}loc"))
    assert locations == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-verdicts.xml",
    ]


def sitemap_locations(client: Client, section: str) -> list[str]:
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    return [loc.text or "" for loc in xml_of(response).iter(f"{SITEMAP}loc")]


def test_the_sitemaps_list_published_verdicts_their_articles_and_the_public_pages(
    client: Client,
):
    article = ArticleFactory()
    published = published_verdict(article)
    withdrawn = published_verdict()
    Verdict.objects.filter(pk=withdrawn.pk).update(is_published=False)

    assert sitemap_locations(client, "verdicts") == [f"http://testserver/verdicts/{published.pk}/"]
    assert sitemap_locations(client, "articles") == [
        f"http://testserver/verdicts/articles/{article.pk}/"
    ]
    assert sitemap_locations(client, "pages") == [
        "http://testserver/verdicts/",
        "http://testserver/scale/",
    ]
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_feed_is_atom_of_published_and_corrected_verdicts_newest_first(client: Client):
    older = published_verdict(claim_reviewed="Ferries run late")
    corrected = published_verdict(claim_reviewed="Wages fell")
    withdrawn = published_verdict(claim_reviewed="Rents rose")
    Verdict.objects.filter(pk=withdrawn.pk).update(is_published=False)
    Correction.objects.create(verdict=corrected, note="We misread the table.", previous={})
    Verdict.objects.filter(pk=older.pk).update(
        updated_at=datetime.datetime(2026, 11, 26, tzinfo=datetime.UTC)
    )
    Verdict.objects.filter(pk=corrected.pk).update(
        updated_at=datetime.datetime(2026, 11, 27, tzinfo=datetime.UTC)
    )

    response = client.get("/verdicts/feed.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = xml_of(response).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Corrected: Mostly false: Wages fell",
        "Mostly false: Ferries run late",
    ]
    assert entries[0].findtext(f"{ATOM}updated") == "2026-11-27T00:00:00+00:00"
    assert entries[0].findtext(f"{ATOM}published") == "2026-11-25T09:00:00+00:00"
    assert "Correction: We misread the table." in (entries[0].findtext(f"{ATOM}summary") or "")
    assert entries[0].find(f"{ATOM}link").get("href") == (
        f"http://testserver/verdicts/{corrected.pk}/"
    )


def test_the_feed_and_sitemap_read_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries
):
    for n in range(10):
        published_verdict(claim_reviewed=f"Claim {n}")

    with django_assert_max_num_queries(4):
        client.get("/verdicts/feed.atom")
    with django_assert_max_num_queries(2):
        client.get("/sitemap-verdicts.xml")
    with django_assert_max_num_queries(2):
        client.get("/sitemap-articles.xml")


def test_the_public_pages_link_the_feed(client: Client):
    html = client.get("/scale/").content.decode()

    assert 'type="application/atom+xml"' in html and 'href="/verdicts/feed.atom"' in html
