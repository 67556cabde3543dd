"""The desk's own addresses in the documents it serves: absolute IRIs, on one origin.

Every link a document gives to the desk itself (a highlight's or verdict's `id`, a creator, a
label on the rating scale, an archived copy, a collection's pages) is built here, so that one
rule decides the origin: `DESK_URL` when the operator sets it (the desk's public address,
behind a proxy that may rewrite the host), else the origin the request came to
(`build_absolute_uri`: the Host header ALLOWED_HOSTS vetted, https when the proxy says so).
Never a default host: a desk served at https://desk.example must not hand out
http://127.0.0.1:8000 links. Only the scheme and host of DESK_URL count; paths come from
`reverse()`, which already carries the script prefix.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from annotations.desk_url import configured_origin
from annotations.selectors.people import person_key

# The public rating scale, one anchor per label. The public site serves it as `public-scale`;
# until that page is routed, its agreed address.
SCALE_PATH = "/scale/"


def _public_or(name: str, fallback: str, *args: object) -> str:
    """The path of the public site's page `name`, or `fallback` (a route name) while the
    public site does not route it."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return reverse(fallback, args=args)


def desk_origin(request: HttpRequest) -> str:
    """`scheme://host[:port]` of the desk: DESK_URL's when set, else the request's."""
    return configured_origin() or request.build_absolute_uri("/").rstrip("/")


def desk_iri(request: HttpRequest, path: str) -> str:
    """The absolute IRI of `path` (from reverse(), starting with "/") on the desk's origin."""
    return desk_origin(request) + path


def desk_root_iri(request: HttpRequest) -> str:
    """The desk's root ("/" under the script prefix): the base of the pages' links in the
    CSV and JSON Lines exports, which PostgreSQL writes (streams.py)."""
    return desk_iri(request, reverse("article-list"))


def desk_home_iri(request: HttpRequest) -> str:
    """The desk's public home page, the index of published verdicts (or, while the public
    site does not route it, the desk's root): a ClaimReview author's url, the desk agent's
    homepage."""
    return desk_iri(request, _public_or("verdict-index", "article-list"))


def verdict_article_iri(request: HttpRequest, article_id: int, verdict_id: int) -> str:
    """The article a published verdict targets when the desk has no URL for it, as readers
    may open it: the public site's page of the article's checked claims, or, while that is
    not routed, the verdict's public page, which shows the passage checked."""
    try:
        path = reverse("public-article", args=[article_id])
    except NoReverseMatch:
        path = reverse("verdict-public", args=[verdict_id])
    return desk_iri(request, path)


def desk_agent_iri(request: HttpRequest) -> str:
    """The desk as an Organization Agent: the creator of its published verdicts."""
    return desk_iri(request, reverse("api:desk-agent"))


def person_iri(request: HttpRequest, user_id: int) -> str:
    """A reviewer as a Person Agent, by an opaque key: the IRI carries no name and no id."""
    return desk_iri(request, reverse("api:person", args=[person_key(user_id)]))


def label_iri(request: HttpRequest, slug: str) -> str:
    """A verdict label's IRI: its anchor on the public rating scale."""
    try:
        path = reverse("public-scale")
    except NoReverseMatch:
        path = SCALE_PATH
    return f"{desk_iri(request, path)}#{slug}"
