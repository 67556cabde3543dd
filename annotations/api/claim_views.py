"""Claims across articles under /api/v1/claims/, a unit's link to one under
/api/v1/units/{id}/link/ and .../unlink/, and external fact-checks under /api/v1/fact-checks/."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import selectors
from annotations.api.claim_serializers import (
    ClaimDetailSerializer,
    ClaimSerializer,
    ExternalFactCheckSerializer,
    FactCheckImportSerializer,
    FactCheckLinkInputSerializer,
    LinkInputSerializer,
    NewClaimInputSerializer,
    SimilarClaimsSerializer,
    SimilarQuerySerializer,
    UnitClaimLinkSerializer,
    UnlinkInputSerializer,
)
from annotations.api.errors import ID_PATTERN
from annotations.api.parsers import DepthLimitedJSONLDParser
from annotations.api.query import StrictQueryParameters
from annotations.api.responses import created
from annotations.api.schema import CLAIMREVIEW_DOCUMENT
from annotations.api.viewsets import DeskReadViewSet
from annotations.core.languages import claim_language
from annotations.models import Claim, ClaimLink, ClaimUnit, ExternalFactCheck
from annotations.permissions import Permission
from annotations.request_user import request_user
from annotations.selectors.claims import verdicts_sources
from annotations.services import claims, fact_checks


class ClaimViewSet(DeskReadViewSet):
    """Claims the desk knows across articles, newest first."""

    permission_for_action = dict.fromkeys(["list", "retrieve"], Permission.Claim.READ)
    serializer_class = ClaimSerializer
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_visible_to(self.request.user)

    @extend_schema(responses={200: ClaimDetailSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A claim with its desk verdict, appearances, related units and external fact-checks."""
        detail = selectors.claim_detail(self.request.user, self.get_object())
        return Response(ClaimDetailSerializer(detail, context={"request": request}).data)


class ClaimSimilarView(StrictQueryParameters, APIView):
    """The desk's claims that may state a text, best first: the matcher's stages (exact,
    lexical, semantic), its score, whether it is the same claim (no fact differs) or only
    possibly related, what differs, and the desk's published verdict and other fact-checkers'
    reviews of each."""

    permission_for_action = {"get": Permission.Claim.READ}
    query_serializer_class = SimilarQuerySerializer

    @extend_schema(parameters=[SimilarQuerySerializer], responses={200: SimilarClaimsSerializer})
    def get(self, request: Request) -> Response:
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text = query.validated_data["text"]
        language = query.validated_data["language"] or claim_language(text, inherited="")
        similar = selectors.claims_similar(
            request.user, text, limit=query.validated_data["limit"], language=language
        )
        # Published verdicts only (claims_similar shows no other), so their sources may be shown.
        sources = verdicts_sources([s.verdict.pk for s in similar if s.verdict is not None])
        context = {"request": request, "sources": sources, "language": language}
        return Response(
            SimilarClaimsSerializer(
                {"language": language, "results": similar}, context=context
            ).data
        )


class FactCheckViewSet(DeskReadViewSet):
    """Other fact-checkers' reviews, imported from ClaimReview; latest published first."""

    permission_for_action = {
        "list": Permission.Claim.READ,
        "retrieve": Permission.Claim.READ,
        "import_document": Permission.Claim.IMPORT,
        "link": Permission.Claim.LINK,
        "unlink": Permission.Claim.LINK,
    }
    serializer_class = ExternalFactCheckSerializer
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[ExternalFactCheck]:
        return selectors.fact_checks_visible_to(self.request.user)

    @extend_schema(
        # One schema under both names, so that generated clients make one model of it.
        request={
            media: CLAIMREVIEW_DOCUMENT for media in ("application/ld+json", "application/json")
        },
        responses={200: FactCheckImportSerializer, 422: FactCheckImportSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        # ClaimReview is JSON-LD: its own media type is taken beside the desk's parsers.
        parser_classes=[*DeskReadViewSet.parser_classes, DepthLimitedJSONLDParser],
    )
    def import_document(self, request: Request) -> Response:
        """Import a schema.org ClaimReview document (one review, a list, an @graph or a
        DataFeed). Each review is stored whole or refused with its reason; one already
        imported (same URL) is left as it is. 422, with the same report, when nothing could be
        imported."""
        result = fact_checks.fact_checks_import_document(
            document=request.data, importer=request_user(request)
        )
        answer = FactCheckImportSerializer(result).data
        nothing = not result.created and not result.known
        return Response(answer, status=422 if nothing else 200)

    @extend_schema(
        request=FactCheckLinkInputSerializer, responses={200: ExternalFactCheckSerializer}
    )
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str | None = None) -> Response:
        """Put the review under a desk claim that states it in other words (editors). The claim
        the import gave it stays."""
        data = FactCheckLinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        linked = fact_checks.fact_check_link(
            fact_check=self.get_object(),
            claim=data.validated_data["claim"],
            editor=request_user(request),
            differences_confirmed=data.validated_data["differences_confirmed"],
        )
        return Response(ExternalFactCheckSerializer(linked).data)

    @extend_schema(request=None, responses={200: ExternalFactCheckSerializer})
    @action(detail=True, methods=["post"])
    def unlink(self, request: Request, pk: str | None = None) -> Response:
        """Put the review back under a claim of its own wording (409 if it is there already)."""
        unlinked = fact_checks.fact_check_unlink(
            fact_check=self.get_object(), editor=request_user(request)
        )
        return Response(ExternalFactCheckSerializer(unlinked).data)


def _unit_link_state(request: Request, unit: ClaimUnit) -> dict[str, Any]:
    unit.refresh_from_db(fields=["version"])
    link = ClaimLink.objects.filter(unit=unit).select_related("linked_by", "claim").first()
    same = link is not None and link.relation == ClaimLink.Relation.SAME
    return UnitClaimLinkSerializer(
        {
            "unit": unit.pk,
            "version": unit.version,
            "claim": link.claim_id if link else None,
            "relation": link.relation if link else None,
            "linked_by": link.linked_by.get_username() if link else None,
            "linked_at": link.linked_at if link else None,
            "claim_verdict": selectors.claim_verdict(link.claim) if link and same else None,
        },
        context={"request": request},
    ).data


class UnitClaimLinkViewSet(StrictQueryParameters, viewsets.GenericViewSet):
    """An editor's decision that a unit states a known claim, or a related one: the link
    and unlink actions of /api/v1/units/{id}/ (registered beside UnitViewSet)."""

    permission_for_action = dict.fromkeys(["link", "unlink", "new_claim"], Permission.Claim.LINK)
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[ClaimUnit]:
        return ClaimUnit.objects.all()

    def get_serializer_class(self) -> type:
        inputs = {"link": LinkInputSerializer, "new_claim": NewClaimInputSerializer}
        return inputs.get(self.action or "", UnlinkInputSerializer)

    @extend_schema(request=LinkInputSerializer, responses={200: UnitClaimLinkSerializer})
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str | None = None) -> Response:
        """Link the unit to a claim: "same" (one of its appearances, sharing its verdict) or
        "related" (different facts). A linked unit is relinked."""
        data = LinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = self.get_object()
        claims.claim_link(
            unit=unit,
            claim=data.validated_data["claim"],
            relation=data.validated_data["relation"],
            editor=request_user(request),
            seen_version=data.validated_data.get("version"),
        )
        return Response(_unit_link_state(request, unit))

    @extend_schema(request=UnlinkInputSerializer, responses={200: UnitClaimLinkSerializer})
    @action(detail=True, methods=["post"])
    def unlink(self, request: Request, pk: str | None = None) -> Response:
        """Take the unit out of its claim (409 if it is not linked)."""
        data = UnlinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = self.get_object()
        claims.claim_unlink(
            unit=unit, editor=request_user(request), seen_version=data.validated_data.get("version")
        )
        return Response(_unit_link_state(request, unit))

    @extend_schema(request=NewClaimInputSerializer, responses={201: UnitClaimLinkSerializer})
    @action(detail=True, methods=["post"], url_path="new-claim")
    def new_claim(self, request: Request, pk: str | None = None) -> Response:
        """Keep it new: make a claim of the unit (worded as `text`, by default as its
        verdict's claim as checked, else its passage), the unit linked "same" as its first
        appearance. A linked unit is relinked to the new claim."""
        data = NewClaimInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = self.get_object()
        claims.claim_create_from_unit(
            unit=unit,
            editor=request_user(request),
            text=data.validated_data.get("text", ""),
            seen_version=data.validated_data.get("version"),
        )
        state = _unit_link_state(request, unit)
        return created(request, state, "claim-detail", state["claim"])
