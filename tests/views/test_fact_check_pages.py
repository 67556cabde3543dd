"""The external fact-check pages: the list and one review for the desk's members, the editors'
import page (paste, upload, URL) with its report, and linking a review to a desk claim."""

from __future__ import annotations

import http.server
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations.models import Claim, ExternalFactCheck
from tests.factories import UserFactory
from tests.local_site import site_serving
from tests.pages import logged_in

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent.parent / "data" / "claimreview-import"
SINGLE = DATA / "single.json"
REWORDED = "Since 2024 the price of a bus ticket in Eastford has doubled."


def checks(count: int, first: int = 0) -> list[ExternalFactCheck]:
    claim = Claim.objects.create(text=f"Bus fares in Eastford have doubled since {2024 + first}.")
    return ExternalFactCheck.objects.bulk_create(
        ExternalFactCheck(
            publisher_name=f"Checker {n}",
            url=f"https://checker.example/{n}",
            claim_text=f"Claim number {n}",
            rating_text="False",
            claim=claim,
        )
        for n in range(first, first + count)
    )


def post_import(user, **data):
    return logged_in(user).post("/fact-checks/import/", data)


# --- the list and one review ----------------------------------------------------------------


def test_desk_members_see_the_list_and_only_editors_the_import_button(alice, editor):
    checks(2)

    as_reviewer = logged_in(alice).get("/fact-checks/")
    as_editor = logged_in(editor).get("/fact-checks/")

    assert as_reviewer.status_code == as_editor.status_code == 200
    assert "Checker 1" in as_reviewer.content.decode()
    assert "https://checker.example/0" in as_reviewer.content.decode()
    assert "/fact-checks/import/" not in as_reviewer.content.decode()
    assert 'href="/fact-checks/import/"' in as_editor.content.decode()
    assert 'href="/fact-checks/"' in as_reviewer.content.decode()  # the nav link


def test_the_list_is_refused_to_people_outside_the_desk(client):
    assert logged_in(UserFactory()).get("/fact-checks/").status_code == 403
    assert client.get("/fact-checks/").status_code == 302  # to the login page


def test_the_list_is_paginated_and_its_queries_do_not_grow_with_rows(
    alice, django_assert_max_num_queries
):
    checks(5)
    with django_assert_max_num_queries(30) as few:
        logged_in(alice).get("/fact-checks/")
    checks(55, first=5)

    with django_assert_max_num_queries(len(few.captured_queries)):
        first = logged_in(alice).get("/fact-checks/")
    second = logged_in(alice).get("/fact-checks/?page=2")

    assert "Page 1 of 2" in first.content.decode()
    assert second.content.decode().count('href="/fact-checks/') >= 10


def test_the_detail_page_offers_editors_the_matchers_claims_to_link(editor, alice):
    (check,) = checks(1)
    ExternalFactCheck.objects.filter(pk=check.pk).update(
        claim_text="Bus fares in Eastford have doubled since 2024."
    )
    desk_claim = Claim.objects.create(text=REWORDED)

    for_editor = logged_in(editor).get(f"/fact-checks/{check.pk}/").content.decode()
    for_reviewer = logged_in(alice).get(f"/fact-checks/{check.pk}/").content.decode()

    assert f'name="claim" value="{desk_claim.pk}"' in for_editor
    assert "Same claim" in for_editor
    assert 'name="claim"' not in for_reviewer
    assert logged_in(alice).get("/fact-checks/999999/").status_code == 404


def test_an_editor_links_a_review_from_its_page_and_goes_back(editor, alice):
    (check,) = checks(1)
    own = check.claim_id
    desk_claim = Claim.objects.create(text=REWORDED)
    page = f"/fact-checks/{check.pk}/"

    refused = logged_in(alice).post(page + "link/", {"claim": desk_claim.pk})
    # "Claim number 0" and the desk's claim differ in number: the editor confirms.
    linked = logged_in(editor).post(
        page + "link/", {"claim": desk_claim.pk, "confirm": "on"}, follow=True
    )
    assert ExternalFactCheck.objects.get().claim_id == desk_claim.pk
    unknown = logged_in(editor).post(page + "link/", {"claim": 999_999}, follow=True)
    tampered = logged_in(editor).post(page + "link/", {"claim": "x"}, follow=True)
    assert ExternalFactCheck.objects.get().claim_id == desk_claim.pk
    back = logged_in(editor).post(page + "unlink/", follow=True)

    assert refused.status_code == 403
    assert f"now stands under claim C{desk_claim.pk}" in linked.content.decode()
    assert "There is no such claim." in unknown.content.decode()
    assert "Choose a claim" in tampered.content.decode()
    assert "back under a claim of its own wording" in back.content.decode()
    assert ExternalFactCheck.objects.get().claim_id != desk_claim.pk
    assert Claim.objects.filter(pk=own).exists()


# --- the import page --------------------------------------------------------------------------


def test_only_editors_open_the_import_page(editor, alice):
    assert logged_in(editor).get("/fact-checks/import/").status_code == 200
    assert logged_in(alice).get("/fact-checks/import/").status_code == 403
    assert post_import(alice, text=SINGLE.read_text()).status_code == 403
    assert not ExternalFactCheck.objects.exists()


def test_a_pasted_document_is_imported_and_the_report_says_where_each_review_went(editor):
    desk_claim = Claim.objects.create(text=REWORDED)

    response = post_import(editor, text=SINGLE.read_text())
    again = post_import(editor, text=SINGLE.read_text())

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 entry: <strong>1 imported</strong>, 0 imported before, 0 refused" in html
    assert f"under claim C{desk_claim.pk}" in html
    assert "found by the matcher (semantic, score" in html
    assert ExternalFactCheck.objects.get().claim == desk_claim
    assert "0 imported</strong>, 1 imported before" in again.content.decode()


def test_an_uploaded_json_and_a_saved_page_are_imported(editor):
    document = SimpleUploadedFile("feed.jsonld", (DATA / "graph.json").read_bytes())
    page = SimpleUploadedFile("check.html", (DATA / "page.html").read_bytes())

    from_file = post_import(editor, file=document)
    from_page = post_import(editor, file=page, base_url="https://checkpoint.example/page")

    assert "refused" in from_file.content.decode()
    stored = ExternalFactCheck.objects.count()
    assert stored >= 2
    assert from_page.status_code == 200
    assert "<strong>0 imported</strong>" not in from_page.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("malformed.json", (DATA / "malformed.json").read_bytes(), "malformed JSON"),
        (
            "page.html",
            (DATA / "page-without-claimreview.html").read_bytes(),
            "ClaimReview",
        ),
    ],
)
def test_a_bad_document_is_reported_refused_and_nothing_is_stored(editor, name, content, said):
    response = post_import(editor, file=SimpleUploadedFile(name, content))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: no fact-check could be read in the document." in html
    assert "The whole document: " in html
    # No count of entries contradicting the refusal (walk 19, finding 17).
    assert "0 entries" not in html
    assert "1 refused" not in html
    assert said in html
    assert not ExternalFactCheck.objects.exists()
    assert not Claim.objects.exists()


def test_a_document_with_good_and_bad_items_stores_each_good_one_whole(editor):
    document = json.loads((DATA / "refusals.json").read_text())

    html = post_import(editor, text=json.dumps(document)).content.decode()

    stored = ExternalFactCheck.objects.all()
    assert html.count("import-report__line--imported") == stored.count() >= 1
    assert html.count("import-report__line--refused") >= 1
    for check in stored:  # never half an item
        assert check.claim_id and check.claim_text and check.url and check.publisher_name


def test_an_oversized_or_unsupported_file_is_refused_on_its_field(editor, settings):
    settings.ARTICLE_FETCH_MAX_BYTES = 1_000
    big = SimpleUploadedFile("feed.json", b"[" + b" " * 2_000 + b"]")
    text = SimpleUploadedFile("notes.txt", b"{}")
    binary = SimpleUploadedFile("feed.json", b"\x00\x01\x02")

    too_big = post_import(editor, file=big).content.decode()
    unsupported = post_import(editor, file=text).content.decode()
    not_text = post_import(editor, file=binary).content.decode()
    pasted = post_import(editor, text="[" + " " * 2_000 + "]").content.decode()

    assert "The file is too large to import." in too_big
    assert "Upload a .json, .jsonld or .html file." in unsupported
    assert "The file is binary" in not_text
    assert "The document is too large to import." in pasted
    assert not ExternalFactCheck.objects.exists()


def test_exactly_one_source_is_asked_for(editor):
    both = post_import(editor, text=SINGLE.read_text(), url="https://checkpoint.example/feed")
    none = post_import(editor)
    script = post_import(editor, url="javascript:alert(1)")

    assert "exactly one of them" in both.content.decode()
    assert "exactly one of them" in none.content.decode()
    assert "Only http:// and https:// URLs are allowed." in script.content.decode()
    assert not ExternalFactCheck.objects.exists()


def test_a_private_address_is_refused_with_a_clear_message(editor, settings):
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = False

    response = post_import(editor, url="http://127.0.0.1/feed.json")

    assert response.status_code == 200
    assert "That URL points to a private or local address" in response.content.decode()
    assert not ExternalFactCheck.objects.exists()


def test_a_feed_on_a_permitted_site_is_fetched_and_imported(editor, settings):
    # Tests fetch only from a loopback site they start; private addresses are allowed for it.
    settings.ARTICLE_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    body = SINGLE.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with site_serving(Handler) as site:
        response = post_import(editor, url=f"{site}/feed.jsonld")

    assert "1 imported</strong>" in response.content.decode()
    assert ExternalFactCheck.objects.get().imported_by == editor


def test_the_import_page_needs_the_csrf_token(editor):
    client = logged_in(editor, enforce_csrf_checks=True)

    assert client.post("/fact-checks/import/", {"text": SINGLE.read_text()}).status_code == 403
    assert not ExternalFactCheck.objects.exists()


# --- linking a review to a claim whose facts differ -------------------------------------------


def differing(editor):
    """A review saying 3000 and a desk claim saying 2000, the matcher's candidate for it."""
    (check,) = checks(1)
    ExternalFactCheck.objects.filter(pk=check.pk).update(
        claim_text="The city hired 3000 new nurses in 2025."
    )
    return check, Claim.objects.create(text="The city hired 2000 new nurses in 2025.")


def test_a_candidate_whose_facts_differ_asks_for_a_confirmation(editor):
    check, desk_claim = differing(editor)

    html = logged_in(editor).get(f"/fact-checks/{check.pk}/").content.decode()

    assert f'name="claim" value="{desk_claim.pk}"' in html
    assert "differs in number" in html
    assert 'name="confirm" value="on" required' in html
    assert "I have checked: it is the same claim despite the difference" in html


def test_linking_a_claim_whose_facts_differ_without_the_confirmation_is_refused_on_the_field(
    editor,
):
    check, desk_claim = differing(editor)
    own = check.claim_id
    page = f"/fact-checks/{check.pk}/"

    refused = logged_in(editor).post(page + "link/", {"claim": desk_claim.pk})
    confirmed = logged_in(editor).post(page + "link/", {"claim": desk_claim.pk, "confirm": "on"})

    html = refused.content.decode()
    assert refused.status_code == 400
    assert f'id="link-errors-{desk_claim.pk}"' in html
    assert "differs from the review in fact (number: 2000 / 3000)" in html
    assert confirmed.status_code == 302
    assert ExternalFactCheck.objects.get().claim_id == desk_claim.pk != own


def test_the_api_asks_for_the_same_confirmation(api_as, editor):
    check, desk_claim = differing(editor)
    url = f"/api/v1/fact-checks/{check.pk}/link/"

    refused = api_as(editor).post(url, {"claim": desk_claim.pk}, format="json")
    assert ExternalFactCheck.objects.get().claim_id != desk_claim.pk
    confirmed = api_as(editor).post(
        url, {"claim": desk_claim.pk, "differences_confirmed": True}, format="json"
    )

    assert refused.status_code == 400
    body = refused.json()
    assert (body["code"], list(body)) == (
        "differences_unconfirmed",
        ["differences_confirmed", "code"],
    )
    assert confirmed.status_code == 200 and confirmed.json()["claim"] == desk_claim.pk


def test_a_refused_entry_is_named_by_its_number_in_plain_words(editor):
    review = json.loads(SINGLE.read_text())
    review["url"] = "javascript:alert(1)"

    html = post_import(editor, text=json.dumps(review)).content.decode()

    assert "1 entry: <strong>0 imported</strong>, 0 imported before, 1 refused" in html
    assert (
        "Entry 1: url is not a web address (http:// or https://): &#x27;javascript:alert(1)&#x27;"
        in html
    )
    assert "($)" not in html
    assert "http(s)" not in html
    assert not ExternalFactCheck.objects.exists()
