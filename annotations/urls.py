from __future__ import annotations

from django.urls import path

from annotations import views

urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("articles/import/", views.article_import_view, name="article-import"),
    path("articles/<id:pk>/", views.article_detail, name="article-detail"),
    path("articles/<id:pk>/assign/", views.article_assign, name="article-assign"),
    path("articles/<id:pk>/pick-up/", views.article_pick_up, name="article-pick-up"),
    path("articles/<id:pk>/revise/", views.article_revise_view, name="article-revise"),
    path(
        "articles/<id:pk>/revisions/<id:number>/diff/",
        views.revision_diff,
        name="revision-diff",
    ),
    path("fact-checks/", views.fact_check_list, name="fact-check-list"),
    path("fact-checks/import/", views.fact_check_import_view, name="fact-check-import"),
    path("fact-checks/<id:pk>/", views.fact_check_detail, name="fact-check-detail"),
    path("fact-checks/<id:pk>/link/", views.fact_check_link_view, name="fact-check-link"),
    path("fact-checks/<id:pk>/unlink/", views.fact_check_unlink_view, name="fact-check-unlink"),
    path("claims/<id:pk>/", views.claim_page, name="claim-detail"),
    path("agreement/", views.agreement_dashboard, name="agreement-dashboard"),
    path("agreement/recompute/", views.agreement_recompute, name="agreement-recompute"),
    path("agreement/suggestions/train/", views.suggestions_train, name="suggestions-train"),
    path("assignments/", views.my_assignments, name="my-assignments"),
    path("reattach/", views.reattach_list, name="reattach-list"),
    path("reattach/<id:pk>/gone/", views.reattach_gone, name="reattach-gone"),
    path("search/", views.search_view, name="search"),
    path("sources/<id:pk>/archive/", views.source_archive, name="source-archive"),
    path("sources/<id:pk>/archive/page/", views.source_archive_page, name="source-archive-page"),
    path("sources/<id:pk>/archive.warc.gz", views.source_archive_warc, name="source-archive-warc"),
    path("discussion/units/<id:pk>/", views.discussion_unit, name="discussion-unit"),
    path("discussion/articles/<id:pk>/", views.discussion_article, name="discussion-article"),
    path("discussion/comments/<id:pk>/edit/", views.comment_edit_view, name="comment-edit"),
    path("notifications/", views.notification_list, name="notification-list"),
    path(
        "notifications/read-all/",
        views.notifications_mark_all_read,
        name="notifications-mark-all-read",
    ),
    path(
        "notifications/preferences/",
        views.notification_preferences,
        name="notification-preferences",
    ),
    path("notifications/<id:pk>/", views.notification_open, name="notification-open"),
    path("notifications/<id:pk>/read/", views.notification_mark_read, name="notification-read"),
    path("review/", views.review_queue_view, name="review-queue"),
    path("review/ready/", views.review_ready_view, name="review-ready"),
    path("review/ready/confirm/", views.review_ready_confirm_view, name="review-ready-confirm"),
    path("review/units/<id:pk>/", views.review_unit, name="review-unit"),
    path("review/feedback/", views.feedback_own, name="feedback-own"),
    path("review/feedback/reviewers/", views.feedback_reviewer_list, name="feedback-reviewers"),
    path(
        "review/feedback/reviewers/<slug:key>/",
        views.feedback_reviewer,
        name="feedback-reviewer",
    ),
    path(
        "review/appearances/<id:pk>/confirm/",
        views.appearance_confirm_view,
        name="appearance-confirm",
    ),
    path(
        "review/appearances/<id:pk>/dismiss/",
        views.appearance_dismiss_view,
        name="appearance-dismiss",
    ),
    path(
        "review/units/<id:pk>/<slug:action>/",
        views.review_unit_action,
        name="review-unit-action",
    ),
]
