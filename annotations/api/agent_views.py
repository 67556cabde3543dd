"""The agents the W3C documents name as creators, each at the IRI a document gives it:
the desk (an Organization, creator of its published verdicts) and its reviewers (Persons,
creators of highlights, behind opaque keys: selectors/people.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api.negotiation import NegotiatedView
from annotations.api.query import StrictQueryParameters
from annotations.api.standards_views import W3C_RENDERERS, W3C_RESPONSE
from annotations.core.formats import w3c
from annotations.exports.iris import desk_agent_iri, desk_home_iri, person_iri
from annotations.permissions import Permission


@extend_schema(responses=W3C_RESPONSE)
class DeskAgentView(StrictQueryParameters, NegotiatedView):
    """The desk as a W3C Agent (an Organization): its name and home page."""

    permission_for_action = {"get": Permission.Public.READ}
    renderer_classes = W3C_RENDERERS

    def get(self, request: Request) -> Response:
        return Response(
            w3c.agent_w3c(
                id=desk_agent_iri(request),
                name=settings.DESK_NAME,
                type="Organization",
                homepage=desk_home_iri(request),
            )
        )


@extend_schema(responses=W3C_RESPONSE)
class PersonView(StrictQueryParameters, NegotiatedView):
    """A reviewer as a W3C Agent (a Person), to those who may read one of their highlights
    (the documents that name them): a 404 to anyone else, so the IRI tells nothing more."""

    permission_for_action = {"get": Permission.Annotation.READ}
    renderer_classes = W3C_RENDERERS

    def get(self, request: Request, key: str) -> Response:
        person = selectors.person_readable(request.user, key)
        if person is None:
            raise Http404("No such person.")
        return Response(
            w3c.agent_w3c(
                id=person_iri(request, person.pk), name=person.get_username(), type="Person"
            )
        )
