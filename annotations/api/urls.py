from __future__ import annotations

from django.urls import include, path
from rest_framework import routers
from rest_framework.routers import DefaultRouter

from annotations.api.agent_views import DeskAgentView, PersonView
from annotations.api.agreement_views import DeskAgreementView
from annotations.api.annotation_views import AnnotationViewSet
from annotations.api.appearance_views import AppearanceViewSet
from annotations.api.article_views import ArticleViewSet
from annotations.api.assignment_views import AssignmentViewSet
from annotations.api.auth_views import TokenView
from annotations.api.claim_views import (
    ClaimSimilarView,
    ClaimViewSet,
    FactCheckViewSet,
    UnitClaimLinkViewSet,
)
from annotations.api.discussion_views import CommentViewSet, NotificationViewSet
from annotations.api.export_views import (
    VerdictCsvExport,
    VerdictJsonlExport,
    VerdictSourcesCsvExport,
)
from annotations.api.feedback_views import FeedbackView
from annotations.api.query import StrictQueryParameters
from annotations.api.record_views import ReviewViewSet, SourceViewSet
from annotations.api.revision_views import OrphanViewSet
from annotations.api.search_views import SearchView
from annotations.api.standards_views import (
    AnnotationsW3CView,
    AnnotationW3CView,
    ClaimReviewDataFeedView,
    ClaimReviewFeedView,
    FactCheckToolsExportView,
    VerdictsW3CView,
    VerdictW3CView,
)
from annotations.api.token_views import PersonalTokenViewSet
from annotations.api.unit_views import UnitViewSet
from annotations.api.verdict_views import VerdictViewSet
from annotations.api.webhook_views import WebhookViewSet
from annotations.permissions import Permission

app_name = "api"


class ApiRootView(StrictQueryParameters, routers.APIRootView):
    """The API's index, as strict about its query string as every other endpoint."""

    permission_for_action = {"get": Permission.Account.USE}


router = DefaultRouter()
router.APIRootView = ApiRootView
router.register("articles", ArticleViewSet, basename="article")
router.register("annotations", AnnotationViewSet, basename="annotation")
router.register("units", UnitViewSet, basename="unit")
router.register("units", UnitClaimLinkViewSet, basename="unit-claim")
router.register("claims", ClaimViewSet, basename="claim")
router.register("fact-checks", FactCheckViewSet, basename="fact-check")
router.register("appearances", AppearanceViewSet, basename="appearance")
router.register("comments", CommentViewSet, basename="comment")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("tokens", PersonalTokenViewSet, basename="token")
router.register("orphans", OrphanViewSet, basename="orphan")
router.register("reviews", ReviewViewSet, basename="review")
router.register("sources", SourceViewSet, basename="source")
router.register("webhooks", WebhookViewSet, basename="webhook")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("agreement/", DeskAgreementView.as_view(), name="desk-agreement"),
    path("feedback/", FeedbackView.as_view(), name="feedback"),
    path("annotations/w3c/", AnnotationsW3CView.as_view(), name="annotations-w3c"),
    path("annotations/w3c/<id:pk>/", AnnotationW3CView.as_view(), name="annotation-w3c-detail"),
    path("verdicts/w3c/", VerdictsW3CView.as_view(), name="verdicts-w3c"),
    path("verdicts/w3c/<id:pk>/", VerdictW3CView.as_view(), name="verdict-w3c-detail"),
    path("desk/", DeskAgentView.as_view(), name="desk-agent"),
    path("people/<str:key>/", PersonView.as_view(), name="person"),
    path("claims/similar/", ClaimSimilarView.as_view(), name="claims-similar"),
    path("search/", SearchView.as_view(), name="search"),
    path("verdicts/claimreview/", ClaimReviewFeedView.as_view(), name="verdicts-claimreview"),
    path(
        "verdicts/claimreview/datafeed/",
        ClaimReviewDataFeedView.as_view(),
        name="verdicts-claimreview-datafeed",
    ),
    path(
        "verdicts/factchecktools/",
        FactCheckToolsExportView.as_view(),
        name="verdicts-factchecktools",
    ),
    path("verdicts/export.csv", VerdictCsvExport.as_view(), name="verdicts-export-csv"),
    path("verdicts/export.jsonl", VerdictJsonlExport.as_view(), name="verdicts-export-jsonl"),
    path(
        "verdicts/export-sources.csv",
        VerdictSourcesCsvExport.as_view(),
        name="verdicts-export-sources-csv",
    ),
    path("", include(router.urls)),
]
